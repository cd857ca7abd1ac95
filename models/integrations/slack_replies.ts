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
 * done. A crash between the post and the mark cannot post it twice either: the attempt is
 * recorded before the post (`posting:reply:<message id>`) and the post carries the message id
 * in its metadata, so a retry of an attempt looks for it in the thread first
 * (`conversations.replies`), as the alert does in the channel (`slack_alert.ts`).
 *
 * @module
 */
import type { EventPayload } from "../events/catalog.ts";
import type { Deps } from "../ports/deps.ts";
import { describeError, recordHealth, slackFor } from "./connections.ts";
import type { Connection } from "./integration.ts";
import { CLOCK_SKEW_MS, findLost, PERMANENT, slackEscape } from "./slack_alert.ts";
import { SlackApiError, slackTs } from "./slack_api.ts";

/** The metadata `event_type` of a mirrored reply (its `event_payload` names the message and its event). */
export const REPLY_EVENT_TYPE = "frontdesk_reply";

/** Slack's limit on a message's text is 40,000 characters; a reply is at most 4,000, its files a line. */
const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

/** Mirrors the message of a `message.created` event into its conversation's alert thread, if it should. */
export async function mirrorStaffReply(
  deps: Deps,
  conn: Connection<"slack">,
  payload: EventPayload<"message.created">,
  eventId: string,
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
  const attempt = `posting:reply:${m.id}`;
  try {
    const lost = await deps.store.integrations.seen("slack", wid, attempt) &&
      await findLost(deps, () =>
        slack.findByMetadata(
          { channel, threadTs: ts, oldest: slackTs(new Date(stored.createdAt.getTime() - CLOCK_SKEW_MS)) },
          { eventType: REPLY_EVENT_TYPE, key: "message_id", value: m.id },
        ));
    if (!lost) {
      await deps.store.integrations.markSeen("slack", wid, attempt, deps.clock.now());
      await slack.postMessage({
        channel,
        thread_ts: ts,
        text: `*${who}* replied to the customer in Frontdesk:\n${slackEscape(clip(m.text, 3500))}${files}`,
        metadata: { event_type: REPLY_EVENT_TYPE, event_payload: { message_id: m.id, event_id: eventId } },
      });
    }
  } catch (err) {
    await recordHealth(deps, wid, "slack", describeError(err));
    if (err instanceof SlackApiError && PERMANENT.has(err.code)) return;
    throw err;
  }
  await deps.store.integrations.markSeen("slack", wid, doneKey, deps.clock.now());
}
