/**
 * A ticket opened by hand in a real browser: the "New ticket" button on the
 * Tickets page opens a labelled modal dialog whose code loads only then
 * (focus in it, Tab kept inside, Escape closes it and gives focus back to
 * the button), the API's schema refuses an empty form beside its fields,
 * and a filled one creates the ticket, which opens and is in the list.
 * Screenshots:
 * `tests/e2e/screenshots/tickets-new-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { browserTest, MOBILE, SHOTS } from "./browser.ts";
import { langleyTeam, signedIn } from "./staff.ts";

const activeText = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute("aria-label") || el?.id || el?.textContent?.trim() || "";
  });

async function shot(page: Page, name: string) {
  await page.waitForTimeout(250); // the dialog's backdrop and focus rings settle
  await page.screenshot({ path: `${SHOTS}${name}.png` });
}

browserTest("tickets: staff open a ticket by hand in an accessible dialog, and it opens", async (e2e) => {
  const { admin, api, agent, member } = await langleyTeam(e2e);

  const { page } = await signedIn(e2e, admin.cookie);
  const scripts: string[] = [];
  page.on("request", (r) => r.resourceType() === "script" && scripts.push(r.url()));
  await page.goto(`${e2e.url}/inbox/tickets`);
  await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
  // The dialog's code (and the zod it validates with) loads only when the button is wanted.
  assert.ok(!scripts.some((u) => u.includes("NewTicketDialog")), "not loaded with the page");

  // The button opens a modal dialog named by its title, focus on its first field.
  const button = page.getByRole("button", { name: "New ticket" });
  await button.click();
  const dialog = page.getByRole("dialog", { name: "New ticket" });
  await dialog.waitFor();
  assert.equal(await dialog.evaluate((d) => (d as HTMLDialogElement).matches(":modal")), true, "modal");
  assert.equal(await activeText(page), "new-ticket-customerEmail");

  // An empty form is refused in the browser, beside its fields, by the API's own schema.
  await dialog.getByRole("button", { name: "Create ticket" }).click();
  await dialog.getByText("Enter a valid email address.").waitFor();
  await dialog.getByText("Give the ticket a title.").waitFor();
  assert.equal(await dialog.getByLabel("Customer email").getAttribute("aria-invalid"), "true");
  assert.equal(await activeText(page), "new-ticket-customerEmail", "focus on the first field in error");
  await shot(page, "tickets-new-errors");

  // Tab stays inside: back from the close button lands on the last control, and on again.
  await dialog.getByRole("button", { name: "Close" }).focus();
  await page.keyboard.press("Shift+Tab");
  assert.equal(await activeText(page), "Create ticket");
  await page.keyboard.press("Tab");
  assert.equal(await activeText(page), "Close");

  // Escape closes it and gives focus back to the button (the page's shortcuts stay out of it).
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.equal(await activeText(page), "New ticket");
  assert.equal(page.url(), `${e2e.url}/inbox/tickets`);

  // Filled in and sent: the ticket opens, with what was typed.
  await button.click();
  await dialog.getByLabel("Customer email").fill("ops@tycho.test");
  await dialog.getByLabel("Customer name (optional)").fill("Tycho Ops");
  await dialog.getByLabel("Title").fill("Replacement badge for the lobby");
  await dialog.getByLabel("Description").fill("Called in: the front-desk badge reader rejects the new card.");
  await dialog.getByLabel("Priority").selectOption("high");
  assert.deepEqual(await dialog.getByLabel("AI agent").locator("option").allInnerTexts(), ["Langley Helper"]);
  assert.deepEqual(await dialog.getByLabel("Assignee").locator("option").allInnerTexts(), [
    "Unassigned",
    "Me (Mary Jackson)",
    "Member",
  ]);
  await dialog.getByLabel("Assignee").selectOption(member.id);
  await shot(page, "tickets-new-dialog");
  await dialog.getByRole("button", { name: "Create ticket" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.waitForURL(/\/inbox\/tickets\/[0-9a-f]{24}$/);
  const id = page.url().split("/").at(-1)!;
  await page.getByRole("heading", { level: 1, name: "Replacement badge for the lobby" }).waitFor();
  await page.getByText("Priority: High", { exact: true }).first().waitFor();
  await page.getByRole("log").getByText("Mary Jackson opened this ticket.").waitFor();
  assert.equal(await page.getByLabel("Assignee").inputValue(), member.id);
  await shot(page, "tickets-new-opened");

  // What was stored is what was typed.
  const stored = (await (await api("GET", `/api/tickets/${id}`)).json()).ticket;
  assert.equal(stored.customerEmail, "ops@tycho.test");
  assert.equal(stored.customerName, "Tycho Ops");
  assert.equal(stored.description, "Called in: the front-desk badge reader rejects the new card.");
  assert.equal(stored.priority, "high");
  assert.equal(stored.agentId, agent.id);
  assert.equal(stored.assignedTo, member.id);
  assert.equal(stored.source, "staff");

  // Back on the list, it is there.
  await page.getByRole("link", { name: "All tickets" }).click();
  await page.waitForURL(`${e2e.url}/inbox/tickets`);
  await page.getByRole("list", { name: "Tickets" }).getByRole("link").filter({
    hasText: "Replacement badge for the lobby",
  }).waitFor();

  // On a phone the dialog fits the screen.
  const { page: mobile } = await signedIn(e2e, admin.cookie, { viewport: MOBILE, isMobile: true, hasTouch: true });
  await mobile.goto(`${e2e.url}/inbox/tickets`);
  await mobile.getByRole("status").filter({ hasText: "Live" }).waitFor();
  await mobile.getByRole("button", { name: "New ticket" }).tap();
  await mobile.getByRole("dialog", { name: "New ticket" }).waitFor();
  await shot(mobile, "tickets-new-mobile");

  assert.deepEqual(e2e.errors, [], "no console errors or uncaught exceptions");
});
