/**
 * Settings → API keys in a real browser: an admin creates a key (shown once,
 * copied with the button), sees it listed with its scope, prefix, creator and
 * last use after the key is used, cancels a revoke with Escape, then revokes it
 * through the confirmation dialog, after which the key answers 401. A member
 * is refused the page. Screenshots: `tests/e2e/screenshots/api-keys-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { browserTest, islandsHydrated } from "./browser.ts";
import { langleyTeam, signedIn } from "./staff.ts";

browserTest(
  "api keys: an admin creates a key shown once, sees it used, and revokes it after confirming",
  async (e2e) => {
    const { admin, member } = await langleyTeam(e2e);
    const { page } = await signedIn(e2e, admin.cookie, { permissions: ["clipboard-read", "clipboard-write"] });
    await page.goto(`${e2e.url}/settings`);
    await page.getByRole("link", { name: "Manage API keys" }).click();
    await page.getByText("No API keys yet.").waitFor();
    await islandsHydrated(page);
    await e2e.shot(page, "api-keys-empty");

    await page.getByRole("button", { name: "Create API key" }).click();
    const form = page.getByRole("form", { name: "New API key" });
    await form.getByRole("button", { name: "Create key" }).click();
    await form.getByText("Give the key a name.").first().waitFor();
    await form.getByLabel("Name").fill("CRM sync");
    await form.getByLabel("Scope").selectOption("write");
    await form.getByLabel("Include internal notes").check();
    await e2e.shot(page, "api-keys-new");
    await form.getByRole("button", { name: "Create key" }).click();

    const shown = page.getByRole("region", { name: "New API key" });
    await shown.getByText("you won't see it again").waitFor();
    const key = await shown.getByLabel("API key").inputValue();
    assert.match(key, /^fd_live_/);
    await shown.getByRole("button", { name: "Copy key" }).click();
    await shown.getByText("Copied to your clipboard.").waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
    await e2e.shot(page, "api-keys-created");
    await shown.getByRole("button", { name: "I have stored it" }).click();
    assert.equal(await page.getByLabel("API key", { exact: true }).count(), 0, "the key is not shown again");

    const table = page.getByRole("table", { name: "API keys" });
    const row = table.getByRole("row").filter({ hasText: "CRM sync" });
    await row.getByText("Read and write").waitFor();
    await row.getByText("Internal notes").waitFor();
    await row.getByText(`${key.slice(0, 12)}…`).waitFor();
    await row.getByText("Mary Jackson").waitFor();
    await row.getByText("Never").waitFor();

    // The key works on the API; the list, reloaded, shows it was used (and still never the key itself).
    const used = await fetch(`${e2e.url}/api/tickets`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(used.status, 200);
    await used.body?.cancel();
    await page.reload();
    assert.equal(await row.getByText("Never").count(), 0);
    assert.equal(await page.getByText(key).count(), 0);
    await e2e.shot(page, "api-keys-list");

    // Escape cancels: nothing revoked.
    await row.getByRole("button", { name: "Revoke CRM sync" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke “CRM sync”?" });
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    assert.equal(await row.count(), 1);

    await row.getByRole("button", { name: "Revoke CRM sync" }).click();
    await dialog.getByText("This cannot be undone.").waitFor();
    await e2e.shot(page, "api-keys-revoke");
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await page.getByRole("status").filter({ hasText: "Revoked “CRM sync”." }).waitFor();
    await page.getByText("No API keys yet.").waitFor();
    await e2e.shot(page, "api-keys-revoked");
    const refused = await fetch(`${e2e.url}/api/tickets`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(refused.status, 401);
    await refused.body?.cancel();

    const { page: memberPage } = await signedIn(e2e, member.cookie);
    const res = await memberPage.goto(`${e2e.url}/settings/api-keys`);
    assert.equal(res?.status(), 403);
    assert.equal(
      await memberPage.goto(`${e2e.url}/settings`).then(() => memberPage.getByText("Manage API keys").count()),
      0,
    );
    assert.deepEqual(e2e.errors, []);
  },
);
