/**
 * Team and profile pages in a real browser: an admin invites a teammate, the
 * teammate accepts from the emailed link, sees no Team page (403), and the
 * admin changes the teammate's role and removes them. Also the profile forms,
 * the "coming soon" pages and the 404 page, each saved as a screenshot.
 *
 * @module
 */
import assert from "node:assert/strict";
import { browserTest, DESKTOP, islandsHydrated, waitForLink } from "./browser.ts";

browserTest(
  "dashboard: invite a teammate, accept, manage the team, edit the profile, visit every page",
  async (e2e) => {
    const admin = e2e.watch(await (await e2e.browser.newContext({ viewport: DESKTOP })).newPage());
    await admin.goto(`${e2e.url}/signup`);
    await admin.getByLabel("Your name").fill("Grace Hopper");
    await admin.getByLabel("Company").fill("Cobol Co");
    await admin.getByLabel("Work email").fill("grace@example.com");
    await admin.getByLabel("Password").fill("compile me please");
    await admin.getByRole("button", { name: "Create account" }).click();
    await admin.waitForURL(`${e2e.url}/`);

    // Invite.
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
    await admin.getByRole("heading", { name: "Team", level: 1 }).waitFor();
    await admin.getByLabel("Email address").fill("alan@example.com");
    await admin.getByRole("button", { name: "Send invite" }).click();
    await admin.getByText("Invitation sent to alan@example.com.").waitFor();
    await admin.getByRole("button", { name: "Revoke invitation for alan@example.com" }).waitFor();
    await e2e.shot(admin, "team");

    // Accept in another browser.
    const link = await waitForLink(e2e.ctx.dir, "alan@example.com", "/invite?token=");
    const alan = e2e.watch(await (await e2e.browser.newContext({ viewport: DESKTOP })).newPage());
    await alan.goto(link);
    await alan.getByRole("heading", { name: "Join Cobol Co on Frontdesk" }).waitFor();
    assert.equal(await alan.getByLabel("Email").inputValue(), "alan@example.com");
    await e2e.shot(alan, "invite");
    await alan.getByLabel("Your name").fill("Alan Turing");
    await alan.getByLabel("Choose a password").fill("enigma machine");
    await alan.getByRole("button", { name: "Join workspace" }).click();
    await alan.waitForURL(`${e2e.url}/`);
    await alan.getByRole("heading", { name: "Welcome, Alan" }).waitFor();
    assert.equal(await alan.getByRole("link", { name: "Team" }).count(), 0, "members have no Team link");
    const forbidden = await alan.goto(`${e2e.url}/team`);
    assert.equal(forbidden?.status(), 403);
    await alan.getByRole("heading", { name: "You don't have access to this page" }).waitFor();
    await e2e.shot(alan, "team-forbidden");

    // Manage: promote, then remove.
    await admin.reload();
    await admin.getByLabel("Role for Alan Turing").selectOption("admin");
    await admin.getByText("Alan Turing is now an admin.").waitFor();
    await admin.getByRole("button", { name: "Remove Alan Turing" }).click();
    await admin.getByRole("button", { name: "Yes, remove" }).click();
    await admin.getByText("Alan Turing was removed from the workspace.").waitFor();
    await e2e.shot(admin, "team-after-remove");

    // Profile: save details; a wrong current password is shown on its field.
    await admin.goto(`${e2e.url}/profile`);
    await islandsHydrated(admin);
    await admin.getByLabel("Name", { exact: true }).fill("Grace B. Hopper");
    await admin.getByRole("button", { name: "Save changes" }).click();
    await admin.getByText("Your profile was saved.").waitFor();
    await admin.getByLabel("Current password").fill("not it at all");
    await admin.getByLabel("New password").fill("a brand new one");
    await admin.getByRole("button", { name: "Update password" }).click();
    await admin.getByText("Your current password is not correct.").waitFor();
    await e2e.shot(admin, "profile");

    for (
      const [path, title] of [["/agents", "Agents"], ["/inbox", "Inbox"], ["/analytics", "Analytics"], [
        "/settings",
        "Settings",
      ]]
    ) {
      await admin.goto(`${e2e.url}${path}`);
      await admin.getByRole("heading", { name: title, level: 1 }).waitFor();
      assert.equal(await admin.title(), `${title} · Frontdesk`);
      await e2e.shot(admin, path.slice(1));
    }

    const missing = await admin.goto(`${e2e.url}/no-such-page`);
    assert.equal(missing?.status(), 404);
    await admin.getByRole("heading", { name: "Page not found" }).waitFor();
    await e2e.shot(admin, "not-found");

    const stranger = e2e.watch(await (await e2e.browser.newContext({ viewport: DESKTOP })).newPage());
    await stranger.goto(`${e2e.url}/invite?token=${"x".repeat(40)}`);
    await stranger.getByRole("heading", { name: "This invitation can't be used" }).waitFor();
    await e2e.shot(stranger, "invite-invalid");

    assert.deepEqual(e2e.errors, [], "no console errors or uncaught exceptions");
  },
);
