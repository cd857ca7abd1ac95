/**
 * Settings in a real browser, for what only the API could do before:
 * canned responses written, refused, changed and deleted in Settings, then
 * inserted with `/shortcut` in a ticket reply that reaches the thread; a
 * member manages them too (the API lets every teammate). Escalation rules
 * added, refused, changed and removed by an admin, saved and there after a
 * reload, applied by the scheduler; a member reads them. Screenshots:
 * `tests/e2e/screenshots/settings-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { runEscalations } from "../../models/tickets/escalation.ts";
import { browserTest, SHOTS } from "./browser.ts";
import { langleyTeam, signedIn } from "./staff.ts";

const REFUND = "Refunds reach your card within 5 business days of the item arriving back with us.";

async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForTimeout(250); // dialogs and focus rings settle
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
}

browserTest(
  "settings: canned responses are written, changed and deleted in Settings and inserted in a ticket reply",
  async (e2e) => {
    const { admin, api, agent, member } = await langleyTeam(e2e);
    const opened = await api("POST", "/api/tickets", {
      body: { title: "Where is my refund?", customerEmail: "grace@shop.example", agentId: agent.id },
    });
    const ticket = (await opened.json()).ticket as { id: string };

    const { page } = await signedIn(e2e, admin.cookie);
    await page.goto(`${e2e.url}/settings`);
    const section = page.getByRole("region", { name: "Canned responses" });
    await section.getByText("None yet.").waitFor();

    // A new one: the API's schema refuses a bad shortcut beside the field, then it is saved.
    await section.getByRole("button", { name: "New canned response" }).click();
    let dialog = page.getByRole("dialog", { name: "New canned response" });
    await dialog.waitFor();
    await dialog.getByLabel("Title").fill("Refund timeline");
    await dialog.getByLabel("Shortcut").fill("refund time!");
    await dialog.getByLabel("Text").fill(REFUND);
    await dialog.getByRole("button", { name: "Save canned response" }).click();
    await dialog.getByText("Use lowercase letters, digits, - and _ (max 30).").waitFor();
    await shot(page, "settings-canned-error", false);
    await dialog.getByLabel("Shortcut").fill("refund");
    await dialog.getByRole("button", { name: "Save canned response" }).click();
    await dialog.waitFor({ state: "detached" });
    const list = section.getByRole("list", { name: "Canned responses" });
    await list.getByRole("listitem", { name: "Refund timeline" }).locator("code", { hasText: "/refund" }).waitFor();
    await section.getByRole("status").filter({ hasText: "Saved /refund." }).waitFor();

    // A second one; a third with a taken shortcut is refused under the shortcut.
    await section.getByRole("button", { name: "New canned response" }).click();
    await dialog.getByLabel("Title").fill("Hello");
    await dialog.getByLabel("Shortcut").fill("hello");
    await dialog.getByLabel("Text").fill("Hi there, thanks for reaching out!");
    await dialog.getByRole("button", { name: "Save canned response" }).click();
    await list.getByRole("listitem", { name: "Hello" }).waitFor();
    await section.getByRole("button", { name: "New canned response" }).click();
    await dialog.getByLabel("Title").fill("Refunds again");
    await dialog.getByLabel("Shortcut").fill("refund");
    await dialog.getByLabel("Text").fill("Duplicate");
    await dialog.getByRole("button", { name: "Save canned response" }).click();
    await dialog.getByText("Another canned response uses this shortcut.").waitFor();
    assert.equal(await dialog.getByLabel("Shortcut").getAttribute("aria-invalid"), "true");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });

    // Edit: the dialog holds what is saved; the change shows in the list.
    await list.getByRole("listitem", { name: "Hello" }).getByRole("button", { name: "Edit /hello" }).click();
    dialog = page.getByRole("dialog", { name: "Edit canned response" });
    assert.equal(await dialog.getByLabel("Shortcut").inputValue(), "hello");
    await dialog.getByLabel("Text").fill("Hi there, thanks for writing in!");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await dialog.waitFor({ state: "detached" });
    await list.getByText("Hi there, thanks for writing in!").waitFor();
    await shot(page, "settings-canned");

    // Delete asks first, in the row; then it is gone.
    const hello = list.getByRole("listitem", { name: "Hello" });
    await hello.getByRole("button", { name: "Delete /hello" }).click();
    await hello.getByRole("group", { name: "Delete /hello?" }).waitFor();
    await shot(page, "settings-canned-delete", false);
    await hello.getByRole("button", { name: "Delete", exact: true }).click();
    await hello.waitFor({ state: "detached" });
    await section.getByRole("status").filter({ hasText: "Deleted /hello." }).waitFor();

    // Stored: a reload shows what the API has.
    const stored = (await (await api("GET", "/api/canned-responses")).json()).cannedResponses;
    assert.deepEqual(stored.map((c: { shortcut: string; body: string }) => [c.shortcut, c.body]), [[
      "refund",
      REFUND,
    ]]);
    await page.reload();
    await list.getByRole("listitem").first().waitFor();
    assert.equal(await list.getByRole("listitem").count(), 1);

    // In a ticket: `/ref` offers it, Enter inserts it, and the reply reaches the thread.
    await page.goto(`${e2e.url}/inbox/tickets/${ticket.id}`);
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    const box = page.locator("#ticket-reply");
    await box.pressSequentially("/ref");
    await page.getByRole("listbox", { name: "Canned responses" }).getByRole("option", { name: /Refund timeline/ })
      .waitFor();
    await box.press("Enter");
    assert.equal(await box.inputValue(), REFUND);
    await box.press("Enter");
    await page.getByRole("log").locator('[data-kind="staff"]').getByText(REFUND).waitFor();

    // A member manages them too (the API lets every teammate).
    const { page: theirs } = await signedIn(e2e, member.cookie);
    await theirs.goto(`${e2e.url}/settings`);
    const their = theirs.getByRole("region", { name: "Canned responses" });
    await their.getByRole("listitem", { name: "Refund timeline" }).waitFor();
    await their.getByRole("button", { name: "New canned response" }).waitFor();
    await their.getByRole("button", { name: "Edit /refund" }).waitFor();

    assert.deepEqual(e2e.errors, [], "no console errors or uncaught exceptions");
  },
);

browserTest(
  "settings: admins add, change and remove escalation rules, saved and shown after a reload; members read them",
  async (e2e) => {
    const { admin, api, agent, member } = await langleyTeam(e2e);

    const { page } = await signedIn(e2e, admin.cookie);
    await page.goto(`${e2e.url}/settings`);
    const section = page.getByRole("region", { name: "Escalation" });
    await section.getByText("No rules: tickets wait for the team as they are.").waitFor();

    // Add a rule: it starts at an hour, focus on its delay; make it 30 minutes and assign to an admin.
    await section.getByRole("button", { name: "Add rule" }).click();
    const rule1 = section.getByRole("group", { name: "Rule 1" });
    const minutes1 = rule1.getByLabel("Minutes without a staff reply");
    assert.equal(await minutes1.inputValue(), "60");
    await page.waitForFunction(() => document.activeElement?.getAttribute("type") === "number");
    await minutes1.fill("30");
    await rule1.getByText("30 minutes").waitFor();
    await rule1.getByLabel("Assign it to an admin if unassigned").check();

    // A second rule with a delay the schema refuses: said on that rule, nothing saved.
    await section.getByRole("button", { name: "Add rule" }).click();
    const rule2 = section.getByRole("group", { name: "Rule 2" });
    const minutes2 = rule2.getByLabel("Minutes without a staff reply");
    assert.equal(await minutes2.inputValue(), "90");
    await minutes2.fill("0");
    await section.getByRole("button", { name: "Save rules" }).click();
    await rule2.getByText("Between 1 minute and 14 days (20160 minutes).").waitFor();
    assert.equal(await minutes2.getAttribute("aria-invalid"), "true");
    assert.deepEqual((await (await api("GET", "/api/settings/escalation")).json()).rules, []);
    await shot(page, "settings-escalation-error", false);
    await minutes2.fill("240");
    await rule2.getByText("4 hours").waitFor();
    await rule2.getByLabel("Email the admins").uncheck();
    await section.getByRole("button", { name: "Save rules" }).click();
    await section.getByRole("status").filter({ hasText: "Escalation rules saved." }).waitFor();
    await shot(page, "settings-escalation");

    // Stored as typed; a reload shows them.
    assert.deepEqual((await (await api("GET", "/api/settings/escalation")).json()).rules, [
      { afterMinutes: 30, raisePriority: true, assignToAdmin: true, emailAdmins: true },
      { afterMinutes: 240, raisePriority: true, assignToAdmin: false, emailAdmins: false },
    ]);
    await page.reload();
    assert.equal(await minutes1.inputValue(), "30");
    assert.equal(await rule1.getByLabel("Assign it to an admin if unassigned").isChecked(), true);
    assert.equal(await minutes2.inputValue(), "240");
    assert.equal(await rule2.getByLabel("Email the admins").isChecked(), false);

    // The scheduler applies the rule saved here: 31 minutes on, an unanswered ticket is escalated to the admin.
    const opened = await api("POST", "/api/tickets", {
      body: { title: "Nobody answered", customerEmail: "grace@shop.example", agentId: agent.id },
    });
    const ticket = (await opened.json()).ticket as { id: string };
    const later = { ...e2e.ctx.deps, clock: { now: () => new Date(Date.now() + 31 * 60_000) } };
    assert.equal(await runEscalations(later), 1);
    const escalated = (await (await api("GET", `/api/tickets/${ticket.id}`)).json()).ticket;
    assert.equal(escalated.priority, "high");
    assert.equal(escalated.assignedTo, admin.user.id);

    // Remove the first: the second becomes Rule 1 and has focus; saved, and so after a reload.
    await rule1.getByRole("button", { name: "Remove rule 1" }).click();
    assert.equal(await section.getByRole("group").count(), 1);
    assert.equal(await minutes1.inputValue(), "240");
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).value), "240");
    await section.getByRole("button", { name: "Save rules" }).click();
    await section.getByRole("status").filter({ hasText: "Escalation rules saved." }).waitFor();
    await page.reload();
    assert.equal(await section.getByRole("group").count(), 1);
    assert.equal(await minutes1.inputValue(), "240");

    // A member reads the rules in words, with nothing to change them.
    const { page: theirs } = await signedIn(e2e, member.cookie);
    const scripts: string[] = [];
    theirs.on("request", (r) => r.resourceType() === "script" && scripts.push(new URL(r.url()).pathname));
    await theirs.goto(`${e2e.url}/settings`);
    const their = theirs.getByRole("region", { name: "Escalation" });
    await their.getByRole("list", { name: "Escalation rules" }).getByText(
      "After 4 hours without a staff reply: raise the priority one step.",
    ).waitFor();
    await their.getByText("Only admins can change them.").waitFor();
    assert.equal(await their.getByRole("button").count(), 0);
    assert.equal(await their.getByRole("spinbutton").count(), 0);
    await shot(theirs, "settings-escalation-member", false);
    // Their page runs no editor code: the rules are plain HTML, the canned response form loads when wanted.
    assert.ok(!scripts.some((u) => /EscalationRules|CannedForm/.test(u)), scripts.join(", "));

    assert.deepEqual(e2e.errors, [], "no console errors or uncaught exceptions");
  },
);
