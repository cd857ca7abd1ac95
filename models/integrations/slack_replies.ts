/**
 * Two-way Slack, the other way: a teammate's reply to the customer written in
 * Frontdesk (the inbox, a ticket, the API, or Zendesk) is mirrored into the
 * thread of the conversation's Slack alert, so the people working it in Slack
 * see what was answered. Only in `two_way` mode, only customer-facing staff
 * replies (notes, AI answers, customers' and system lines stay out), and never
 * a reply that was itself written in that Slack thread (`metadata.via` =
 * `slack`, set by `slack_inbound.ts`): no echo.
 *
 * Run from the `slack_replies` listener on `message.created`, so a reply is mirrored
 * after a restart too. Each message is posted once: it is marked done after the post
 * (`integrations.markSeen`, key `reply:<message id>`), so a redelivered event finds it
 * done; only a crash between the post and the mark can post it twice (at least once).
 *
 * @module
 */
import type { EventPayload } from "../events/catalog.ts";
import type { Deps } from "../ports/deps.ts";
import { describeError, recordHealth, slackFor } from "./connections.ts";
import type { Connection } from "./integration.ts";
import { PERMANENT, slackEscape } from "./slack_alert.ts";
import { SlackApiError } from "./slack_api.ts";

/** Slack's limit on a message's text is 40,000 characters; a reply is at most 4,000, its files a line. */
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

/** Mirrors the message of a `message.created` event into its conversation's alert thread, if it should. */
export async function mirrorStaffReply(
  deps: Deps,
  conn: Connection<"slack">,
  payload: EventPayload<"message.created">,
): Promise<void> {
  const m = payload.message;
  if (m.author.kind !== "staff" || m.internal || conn.settings.mode !== "two_way") return;
  const wid = conn.workspaceId;
  const link = await deps.store.integrations.link(wid, "slack", payload.conversationId);
  if (!link) return; // no alert, no thread to reply in
  // The event's payload does not say where the reply was written; the stored message does.
  const stored = await deps.store.conversations.getMessage(wid, m.id);
  if (!stored || stored.metadata.via === "slack") return;
  const doneKey = `reply:${m.id}`;
  if (await deps.store.integrations.seen("slack", wid, doneKey)) return;
  const [channel, ts] = link.remoteId.split(":");
  const files = m.attachments.length
    ? `\n_(${m.attachments.length} file${m.attachments.length === 1 ? "" : "s"})_`
    : "";
  const who = slackEscape(m.author.name ?? "A teammate");
  const slack = await slackFor(deps, conn);
  try {
    await slack.postMessage({
      channel,
      thread_ts: ts,
      text: `*${who}* replied to the customer in Frontdesk:\n${slackEscape(clip(m.text, 3500))}${files}`,
    });
  } catch (err) {
    await recordHealth(deps, wid, "slack", describeError(err));
    if (err instanceof SlackApiError && PERMANENT.has(err.code)) return;
    throw err;
  }
  await deps.store.integrations.markSeen("slack", wid, doneKey, deps.clock.now());
}
