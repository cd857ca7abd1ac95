/**
 * The email to a workspace's admins when a webhook endpoint is disabled
 * for failing: which endpoint, since when, and where to turn it back on.
 *
 * @module
 */
import type { EventPayload } from "../events/catalog.ts";
import type { Deps } from "../ports/deps.ts";

/** Emails every admin of the workspace; `key` (+ each admin's id) makes a repeat a no-op. */
export async function emailWebhookDisabled(
  deps: Deps,
  workspaceId: string,
  p: EventPayload<"webhook.disabled">,
  key: string,
): Promise<void> {
  const admins = (await deps.store.users.list(workspaceId)).filter((u) => u.role === "admin");
  const link = `${deps.config.appUrl}/settings/webhooks`;
  const name = p.description ? `"${p.description}" (${p.url})` : p.url;
  const text = [
    `The webhook endpoint ${name} was disabled: its deliveries have failed without a break since ` +
    `${new Date(p.failingSince).toUTCString()}.`,
    "No more events are sent to it. Once the receiver works again, turn the endpoint back on and redeliver " +
    "what it missed from its delivery log.",
    `Webhooks: ${link}`,
    "— Sent by Frontdesk",
  ].join("\n\n");
  for (const admin of admins) {
    await deps.mailer.send({
      to: admin.email,
      subject: `Webhook disabled: ${p.description || p.url}`,
      text,
      idempotencyKey: `${key}.${admin.id}`,
    });
  }
}
