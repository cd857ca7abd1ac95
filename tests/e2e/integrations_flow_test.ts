/**
 * Settings → Integrations in a real browser: an admin connects Slack with a
 * pasted bot token and signing secret (against the local Slack stand-in),
 * picks the channel and two-way mode, connects Zendesk (against the local
 * Zendesk stand-in), and sees a failing Zendesk test become the
 * connection's error with its time. A member is told admins manage it.
 * Screenshots: `tests/e2e/screenshots/integrations-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { withConfig } from "../../lib/config.ts";
import { startSlackFake } from "../fakes/slack_fake.ts";
import { startZendeskFake } from "../fakes/zendesk_fake.ts";
import { hasChromium, islandsHydrated, startE2E } from "./browser.ts";
import { langleyTeam, signedIn } from "./staff.ts";

Deno.test({
  name: "integrations: Slack and Zendesk are connected in Settings, and a failing connection shows its last error",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const slack = startSlackFake();
    const zendesk = startZendeskFake();
    const e2e = await startE2E();
    let zendeskOpen = true;
    try {
      const deps = e2e.ctx.deps;
      deps.config = withConfig(deps.config, { slack: { ...deps.config.slack, apiUrl: slack.url } });
      const { admin, member } = await langleyTeam(e2e);
      const { page } = await signedIn(e2e, admin.cookie);
      await page.goto(`${e2e.url}/settings`);
      await page.getByRole("link", { name: /Integrations: Slack and Zendesk/ }).click();
      await page.waitForURL(/\/settings\/integrations$/);
      const slackCard = page.getByRole("region", { name: "Slack" });
      const zdCard = page.getByRole("region", { name: "Zendesk" });
      await slackCard.getByText("Not connected").waitFor();
      await zdCard.getByText("Not connected").waitFor();
      await islandsHydrated(page);
      await e2e.shot(page, "integrations-empty");

      // Slack: a pasted token and signing secret, then the channel and the mode.
      await slackCard.getByLabel("Bot token", { exact: true }).fill(slack.botToken);
      await slackCard.getByLabel("Signing secret", { exact: true }).fill("8f742231b10e8888abcd99aa85a5e0f1");
      await slackCard.getByRole("button", { name: "Connect", exact: true }).click();
      await slackCard.getByText("Connected", { exact: true }).waitFor();
      await slackCard.getByText("Fake Team").waitFor();
      await slackCard.getByRole("option", { name: "#support" }).waitFor({ state: "attached" });
      await slackCard.getByLabel("Channel", { exact: true }).selectOption({ label: "#support" });
      await slackCard.getByLabel("Two-way: thread replies reach the customer", { exact: true }).check();
      await slackCard.getByRole("button", { name: "Save channel and mode" }).click();
      await slackCard.getByText("Alerts go to the channel you picked.").waitFor();

      // Zendesk: the local stand-in's base URL (loopback is allowed in tests), the agent's email and token.
      await zdCard.getByLabel("Base URL (optional)", { exact: true }).fill(zendesk.url);
      await zdCard.getByLabel("Agent email", { exact: true }).fill(zendesk.email);
      await zdCard.getByLabel("API token", { exact: true }).fill(zendesk.apiToken);
      await zdCard.getByLabel("Webhook signing secret", { exact: true }).fill("zendesk-webhook-secret-123");
      await zdCard.getByRole("button", { name: "Connect Zendesk" }).click();
      await zdCard.getByText("New tickets are created in Zendesk too.").waitFor();
      await zdCard.getByText("Connected", { exact: true }).waitFor();
      await e2e.shot(page, "integrations-connected");

      const stored = await deps.store.integrations.get(admin.user.workspaceId, "slack");
      assert.equal(stored?.settings.channelId, "C0SUPPORT");
      assert.equal(stored?.settings.mode, "two_way");
      const html = await page.content();
      assert.ok(!html.includes(slack.botToken) && !html.includes(zendesk.apiToken), "no credential on the page");

      // Zendesk goes away: the test fails, and the card says so with the error.
      await zendesk.close();
      zendeskOpen = false;
      await zdCard.getByRole("button", { name: "Test connection" }).click();
      await zdCard.getByText("Connection failed").waitFor();
      await zdCard.getByText("Error", { exact: true }).waitFor();
      await zdCard.getByText(/Last error/).waitFor();
      await e2e.shot(page, "integrations-error");
      await page.reload();
      await page.getByRole("region", { name: "Zendesk" }).getByText(/could not be reached/).waitFor();

      // Disconnecting deletes the credentials; the card shows the server's state after it.
      const zdRegion = page.getByRole("region", { name: "Zendesk" });
      await zdRegion.getByRole("button", { name: "Disconnect" }).click();
      await zdRegion.getByText("Zendesk's credentials were deleted.").waitFor();
      await zdRegion.getByText("Not connected", { exact: true }).waitFor();

      const { page: memberPage } = await signedIn(e2e, member.cookie);
      await memberPage.goto(`${e2e.url}/settings/integrations`);
      await memberPage.getByText("Only workspace admins can connect Slack and Zendesk.").waitFor();
      assert.deepEqual(e2e.errors, []);
    } finally {
      await e2e.close();
      await slack.close();
      if (zendeskOpen) await zendesk.close();
    }
  },
});
