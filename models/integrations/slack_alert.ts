/**
 * The Slack alert of a handed-off conversation: one Block Kit message per
 * conversation in the connected channel (customer, question, a transcript
 * excerpt, "Open in Frontdesk" and "Assign to me"), posted when the
 * conversation reaches the team and edited with `chat.update` as its ticket
 * changes (status, assignee). Where it was posted (`channel:ts`) is kept as
 * the conversation's link, so thread replies find their conversation.
 *
 * @module
 */
import type { Deps } from "../ports/deps.ts";
import type { Ticket } from "../tickets/ticket.ts";
import type { Connection } from "./integration.ts";
import type { Block } from "./slack_api.ts";
import { describeError, recordHealth, slackFor } from "./connections.ts";
import { SlackApiError, slackTs } from "./slack_api.ts";

/** The `action_id` of the "Assign to me" button (its `value` is the ticket id). */
export const ASSIGN_ACTION = "assign_to_me";

/** Slack errors that no retry will fix: recorded on the connection, the event is let go. */
export const PERMANENT = new Set([
  "invalid_auth",
  "token_revoked",
  "account_inactive",
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "missing_scope",
  "message_not_found",
  "cant_update_message",
]);

/** Slack's three escapes for text in `mrkdwn` and `plain_text` (everything else is literal). */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

const STATUS_LABEL: Record<Ticket["status"], string> = {
  "open": ":large_yellow_circle: Open",
  "in-progress": ":large_blue_circle: In progress",
  "resolved": ":white_check_mark: Resolved",
  "closed": ":black_circle: Closed",
};

/** Builds the alert of a conversation from its current state. */
export async function buildAlert(
  deps: Deps,
  workspaceId: string,
  conversationId: string,
): Promise<{ text: string; blocks: Block[] } | null> {
  const conv = await deps.store.conversations.get(workspaceId, conversationId);
  if (!conv) return null;
  const [ticket, visitor, messages] = await Promise.all([
    deps.store.tickets.forConversation(workspaceId, conversationId),
    deps.store.visitors.get(workspaceId, conv.visitorId),
    deps.store.conversations.messagesAfter(workspaceId, conversationId, 0, { limit: 200, includeInternal: false }),
  ]);
  const assignee = ticket?.assignedTo ? await deps.store.users.get(workspaceId, ticket.assignedTo) : null;
  const name = ticket?.customerName ?? visitor?.name;
  const email = ticket?.customerEmail || visitor?.email;
  const customer = name && email ? `${name} <${email}>` : name ?? email ?? "Anonymous visitor";
  const question = ticket?.description ||
    messages.find((m) => m.authorKind === "visitor" && m.text.trim())?.text.trim() || "(no question yet)";
  const excerpt = messages
    .filter((m) => m.authorKind !== "system" && m.text.trim())
    .slice(-6)
    .map((m) => {
      const who = m.authorKind === "visitor" ? "Customer" : m.authorKind === "ai" ? "AI" : m.authorName ?? "Team";
      return `*${slackEscape(who)}:* ${slackEscape(clip(m.text.replace(/\s+/g, " ").trim(), 300))}`;
    })
    .join("\n");
  const link = ticket
    ? `${deps.config.appUrl}/inbox/tickets/${ticket.id}`
    : `${deps.config.appUrl}/inbox/${conversationId}`;
  const title = ticket ? clip(ticket.title, 140) : "A conversation needs the team";
  const fields = [
    { type: "mrkdwn", text: `*Customer*\n${slackEscape(customer)}` },
    { type: "mrkdwn", text: `*Status*\n${ticket ? STATUS_LABEL[ticket.status] : "Handed off"}` },
    { type: "mrkdwn", text: `*Assigned to*\n${assignee ? slackEscape(assignee.name) : "Nobody yet"}` },
    ...(ticket ? [{ type: "mrkdwn", text: `*Priority*\n${ticket.priority}` }] : []),
  ];
  const buttons: Block[] = [
    { type: "button", text: { type: "plain_text", text: "Open in Frontdesk" }, url: link, action_id: "open" },
  ];
  if (ticket && !assignee && ticket.status !== "closed") {
    buttons.push({
      type: "button",
      style: "primary",
      text: { type: "plain_text", text: "Assign to me" },
      action_id: ASSIGN_ACTION,
      value: ticket.id,
    });
  }
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: clip(title, 150) } },
    { type: "section", fields },
    { type: "section", text: { type: "mrkdwn", text: `*Question*\n${slackEscape(clip(question, 1500))}` } },
    ...(excerpt ? [{ type: "section", text: { type: "mrkdwn", text: clip(excerpt, 2900) } }] : []),
    { type: "actions", elements: buttons },
    {
      type: "context",
      elements: [{
        type: "mrkdwn",
        text: "Reply in this thread to answer the customer; start with `note:` to keep it internal.",
      }],
    },
  ];
  return { text: `${title} (${customer})`, blocks };
}

/** The metadata `event_type` of an alert (its `event_payload` names the conversation and the event that posted it). */
export const ALERT_EVENT_TYPE = "frontdesk_alert";

/** Slack's clock and ours may differ: a search for a lost post starts this much before it could have been made. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Slack errors of a history read that mean "cannot look", not "cannot post": an install without the history
 * scopes (`channels:history`, `groups:history`), or a bot posting to a public channel it is not a member of
 * (`chat:write.public` posts there; reading its history needs membership).
 */
const CANNOT_LOOK = new Set(["missing_scope", "not_in_channel"]);

/**
 * Looks for a post a crash may have lost. Where it cannot look (`CANNOT_LOOK`) it answers null: the caller
 * posts again, at least once as before, rather than never.
 */
export async function findLost(deps: Deps, search: () => Promise<string | null>): Promise<string | null> {
  try {
    return await search();
  } catch (err) {
    if (!(err instanceof SlackApiError) || !CANNOT_LOOK.has(err.code)) throw err;
    deps.log.warn("slack: cannot read the channel's history to find a post a crash may have lost", {
      err: err.message,
    });
    return null;
  }
}

/**
 * Posts or edits a conversation's alert. `mayPost` is false for changes that only edit an alert already
 * there (a ticket update never opens a thread of its own).
 *
 * Posted once across a crash: Slack has no idempotency key, so the attempt is recorded (`posting:alert:<id>`)
 * before `chat.postMessage`, and the alert carries its conversation in its metadata. A retry of an attempt
 * whose answer was never kept (killed between the post and the link) first looks for that alert in the
 * channel's history since the conversation began, and adopts it if it is there. Searched by conversation, not
 * by event: the handoff and the ticket's creation may each be the one that posts it.
 */
export async function syncSlackAlert(
  deps: Deps,
  conn: Connection<"slack">,
  conversationId: string,
  mayPost: boolean,
  eventId: string,
): Promise<void> {
  const wid = conn.workspaceId;
  let link = await deps.store.integrations.link(wid, "slack", conversationId);
  if (!link && (!mayPost || !conn.settings.channelId)) return;
  const alert = await buildAlert(deps, wid, conversationId);
  if (!alert) return;
  const slack = await slackFor(deps, conn);
  try {
    const keep = async (channel: string, ts: string) => {
      const now = deps.clock.now();
      link = {
        workspaceId: wid,
        kind: "slack",
        localId: conversationId,
        remoteId: `${channel}:${ts}`,
        state: {},
        createdAt: now,
        updatedAt: now,
      };
      await deps.store.integrations.putLink(link);
    };
    const attempt = `posting:alert:${conversationId}`;
    if (!link && await deps.store.integrations.seen("slack", wid, attempt)) {
      const channel = conn.settings.channelId!;
      const conv = await deps.store.conversations.get(wid, conversationId);
      const since = new Date((conv?.createdAt ?? new Date(0)).getTime() - CLOCK_SKEW_MS);
      const ts = await findLost(deps, () =>
        slack.findByMetadata(
          { channel, oldest: slackTs(since) },
          { eventType: ALERT_EVENT_TYPE, key: "conversation_id", value: conversationId },
        ));
      if (ts) await keep(channel, ts);
    }
    if (link) {
      const [channel, ts] = link.remoteId.split(":");
      await slack.update({ channel, ts, ...alert });
    } else {
      await deps.store.integrations.markSeen("slack", wid, attempt, deps.clock.now());
      const posted = await slack.postMessage({
        channel: conn.settings.channelId!,
        ...alert,
        metadata: {
          event_type: ALERT_EVENT_TYPE,
          event_payload: { conversation_id: conversationId, event_id: eventId },
        },
      });
      await keep(posted.channel, posted.ts);
    }
    if (conn.status === "error") await recordHealth(deps, wid, "slack", null);
  } catch (err) {
    await recordHealth(deps, wid, "slack", describeError(err));
    if (err instanceof SlackApiError && PERMANENT.has(err.code)) return;
    throw err;
  }
}
