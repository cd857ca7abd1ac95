/**
 * Slack and Zendesk, as listeners on the event log: what they send follows
 * from durable events, so nothing is lost across a restart (the runner
 * redelivers what was in flight).
 *
 * - `slack`: a handoff or a new ticket posts the conversation's alert (once: the alert's `channel:ts` is kept
 *   as the conversation's link); ticket changes (status, assignee, fields) edit it with `chat.update`.
 * - `slack_replies`: in two-way mode, a teammate's reply to the customer written outside Slack is mirrored into
 *   the alert's thread (`models/integrations/slack_replies.ts`); one written in that thread is not echoed back.
 * - `zendesk`: a new ticket creates its Zendesk ticket; status changes update it.
 *
 * @module
 */
import type { EventPayload } from "../models/events/catalog.ts";
import type { DomainEvent } from "../models/events/event.ts";
import { syncSlackAlert } from "../models/integrations/slack_alert.ts";
import { mirrorStaffReply } from "../models/integrations/slack_replies.ts";
import { createZendeskTicket, pushZendeskStatus } from "../models/integrations/zendesk_sync.ts";
import type { Listener } from "./runner.ts";
import { OneAtATime } from "../lib/one_at_a_time.ts";

// A handoff's `conversation.handed_off` (the conversation's events) and `ticket.created` (the ticket's) run
// concurrently; one alert per conversation means one of them at a time per conversation in this process.
const alerts = new OneAtATime();
const serialized = (key: string, work: () => Promise<void>) => alerts.run(key, work);

function conversationOf(event: DomainEvent): string | undefined {
  const p = event.payload as { conversationId?: string; ticket?: { conversationId: string } };
  return p.conversationId ?? p.ticket?.conversationId;
}

/** Posts and edits Slack alerts. */
export const slack: Listener = {
  name: "slack",
  types: ["conversation.handed_off", "ticket.created", "ticket.assigned", "ticket.status_changed", "ticket.updated"],
  async handle(event, { deps }) {
    const conn = await deps.store.integrations.get(event.workspaceId, "slack");
    const conversationId = conversationOf(event);
    if (!conn || !conversationId) return;
    const mayPost = event.type === "conversation.handed_off" || event.type === "ticket.created";
    await serialized(
      `${event.workspaceId}:${conversationId}`,
      () => syncSlackAlert(deps, conn, conversationId, mayPost, event.id),
    );
  },
};

/**
 * Mirrors staff replies into Slack alert threads. Its own listener (own checkpoint): added after the alerts,
 * it starts at the log's head, so connecting Slack never replays old replies into threads.
 */
export const slackReplies: Listener = {
  name: "slack_replies",
  types: ["message.created"],
  // Every chat message passes here: only staff replies are looked at (no work, no promise, for the rest).
  wants(event) {
    const m = (event.payload as EventPayload<"message.created">).message;
    return m.author.kind === "staff" && !m.internal;
  },
  async handle(event, { deps }) {
    const payload = event.payload as EventPayload<"message.created">;
    const conn = await deps.store.integrations.get(event.workspaceId, "slack");
    if (!conn) return;
    // Queued behind this process's alert work on the conversation. A reply whose event is handled before the
    // alert exists is not mirrored: the alert, when posted, shows the latest messages anyway.
    await serialized(
      `${event.workspaceId}:${payload.conversationId}`,
      () => mirrorStaffReply(deps, conn, payload, event.id),
    );
  },
};

/** Mirrors tickets into Zendesk. */
export const zendesk: Listener = {
  name: "zendesk",
  types: ["ticket.created", "ticket.status_changed"],
  async handle(event, { deps }) {
    const conn = await deps.store.integrations.get(event.workspaceId, "zendesk");
    if (!conn) return;
    if (event.type === "ticket.created") {
      const { ticket } = event.payload as EventPayload<"ticket.created">;
      await createZendeskTicket(deps, conn, ticket.id);
    } else {
      const { conversationId, to } = event.payload as EventPayload<"ticket.status_changed">;
      await pushZendeskStatus(deps, conn, conversationId, to);
    }
  },
};
