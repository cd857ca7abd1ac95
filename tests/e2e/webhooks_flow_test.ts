/**
 * Settings → Webhooks in a real browser: an admin adds an endpoint (the
 * local receiver) for ticket events, copies its secret (shown once), sends
 * a test, sees a real event in the delivery log, redelivers it, rotates the
 * secret, turns the endpoint off and deletes it (in the app's dialog). A
 * member is refused the page.
 * Screenshots: `tests/e2e/screenshots/webhooks-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver } from "../fakes/webhook_receiver.ts";
import { hasChromium, islandsHydrated, startE2E } from "./browser.ts";
import { langleyTeam, signedIn } from "./staff.ts";

Deno.test({
  name: "webhooks: an admin subscribes an endpoint, sees its secret once, tests it and reads the delivery log",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const e2e = await startE2E();
    const receiver = await startWebhookReceiver();
    try {
      const { admin, api, agent, member } = await langleyTeam(e2e);
      const { page } = await signedIn(e2e, admin.cookie);
      await page.goto(`${e2e.url}/settings`);
      await page.getByRole("link", { name: "Manage webhooks" }).click();
      await page.getByText("No endpoints yet.").waitFor();
      // A click before the island hydrates does nothing: a loaded CI machine got there first once (the form never opened).
      await islandsHydrated(page);

      await page.getByRole("button", { name: "Add endpoint" }).click();
      const form = page.getByRole("form", { name: "New webhook endpoint" });
      await form.getByLabel("Endpoint URL").fill("not a url");
      await form.getByRole("button", { name: "Add endpoint" }).click();
      await form.getByText("Enter an http(s) URL.").waitFor();
      await form.getByLabel("Endpoint URL").fill(receiver.url);
      await form.getByLabel("Description (optional)").fill("CRM sync");
      await form.getByLabel("All events, including ones added later").uncheck();
      await form.getByLabel("ticket.created").check();
      await form.getByLabel("ticket.status_changed").check();
      await e2e.shot(page, "webhooks-new");
      await form.getByRole("button", { name: "Add endpoint" }).click();

      const secretBox = page.getByRole("region", { name: "New signing secret" });
      const secret = await secretBox.getByLabel("Signing secret").inputValue();
      assert.match(secret, /^whsec_/);
      await e2e.shot(page, "webhooks-secret");
      await secretBox.getByRole("button", { name: "I have copied it" }).click();

      const card = page.getByRole("listitem").filter({ hasText: receiver.url });
      await card.getByRole("button", { name: "Send test" }).click();
      await page.getByRole("status").filter({ hasText: "Test delivered: 200" }).waitFor();

      // A real event: a ticket opened by staff.
      await api("POST", "/api/tickets", {
        body: { title: "Order 1042 arrived damaged", customerEmail: "grace@shop.example", agentId: agent.id },
      });
      await receiver.waitFor(2);
      const got = receiver.received[1];
      const body = new Webhook(secret).verify(got.body, {
        "webhook-id": got.id,
        "webhook-timestamp": got.timestamp,
        "webhook-signature": got.signature,
      }) as { type: string };
      assert.equal(body.type, "ticket.created");

      await card.getByRole("button", { name: "Hide delivery log" }).click();
      await card.getByRole("button", { name: "Show delivery log" }).click();
      const log = card.getByRole("table", { name: "Delivery log" });
      await log.getByText("ticket.created", { exact: true }).waitFor();
      await log.getByText("webhook.test", { exact: true }).waitFor();
      await log.getByRole("button", { name: /Redeliver ticket\.created/ }).click();
      await receiver.waitFor(3);
      assert.equal(receiver.received[2].id, got.id, "the same webhook-id");
      await log.getByRole("cell", { name: "2", exact: true }).waitFor();
      await e2e.shot(page, "webhooks-log");

      await card.getByRole("button", { name: "Rotate secret" }).click();
      const rotated = await page.getByRole("region", { name: "New signing secret" }).getByLabel("Signing secret")
        .inputValue();
      assert.notEqual(rotated, secret);
      await page.getByRole("button", { name: "I have copied it" }).click();
      await card.getByRole("button", { name: "Disable" }).click();
      await card.getByText("Disabled", { exact: true }).waitFor();
      await e2e.shot(page, "webhooks-disabled");

      // Deleting asks in the app's dialog; Escape keeps the endpoint, the button removes it.
      await card.getByRole("button", { name: "Delete" }).click();
      const dialog = page.getByRole("dialog", { name: "Delete this endpoint?" });
      await dialog.waitFor();
      await e2e.shot(page, "webhooks-delete");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      await card.getByRole("button", { name: "Delete" }).click();
      await page.getByRole("dialog", { name: "Delete this endpoint?" }).getByRole("button", { name: "Delete endpoint" })
        .click();
      await page.getByText("No endpoints yet.").waitFor();

      const { page: memberPage } = await signedIn(e2e, member.cookie);
      const res = await memberPage.goto(`${e2e.url}/settings/webhooks`);
      assert.equal(res?.status(), 403);
      assert.deepEqual(e2e.errors, []);
    } finally {
      await receiver.close();
      await e2e.close();
    }
  },
});
