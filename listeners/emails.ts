/**
 * The emails that follow from what happened: a staff reply the customer
 * could not see live (their widget is closed), the rating request when a
 * ticket is resolved while they are away, and escalation notices to admins.
 * Each email is keyed by its event id (and recipient), so a redelivered event
 * after a crash sends nothing twice.
 *
 * @module
 */
import type { EventPayload } from "../models/events/catalog.ts";
import { emailEscalation, emailRatingRequest, emailReply } from "../models/tickets/ticket_mail.ts";
import type { Deps } from "../models/ports/deps.ts";
import type { Listener } from "./runner.ts";
import { emailWebhookDisabled } from "../models/webhooks/webhook_mail.ts";

const NAME = "emails";

/** Sends once per key: skips what this listener already did, records it when done. */
async function once(deps: Deps, key: string, send: () => Promise<void>) {
  if (await deps.store.events.isDone(NAME, key)) return;
  await send();
  await deps.store.events.markDone(NAME, key, deps.clock.now());
}

/** Is the customer of this conversation watching it live? */
async function customerOnline(deps: Deps, workspaceId: string, conversationId: string) {
  const conv = await deps.store.conversations.get(workspaceId, conversationId);
  return !conv || await deps.presence.isOnline(conv.visitorId);
}

/** The emails listener. */
export const emails: Listener = {
  name: NAME,
  types: ["message.created", "ticket.status_changed", "ticket.escalated", "webhook.disabled"],
  // Of messages, only staff replies the customer can see can lead to an email.
  wants(event) {
    if (event.type !== "message.created") return true;
    const { message } = event.payload as EventPayload<"message.created">;
    return message.author.kind === "staff" && !message.internal;
  },
  async handle(event, { deps }) {
    const wid = event.workspaceId;
    if (event.type === "message.created") {
      const { conversationId, message } = event.payload as EventPayload<"message.created">;
      if (message.author.kind !== "staff" || message.internal) return;
      const ticket = await deps.store.tickets.forConversation(wid, conversationId);
      if (!ticket?.customerEmail || await customerOnline(deps, wid, conversationId)) return;
      const stored = await deps.store.conversations.getMessage(wid, message.id);
      if (!stored) return;
      const author = { name: message.author.name ?? "Someone" };
      await once(deps, event.id, () => emailReply(deps, ticket, stored, author, event.id));
    } else if (event.type === "ticket.status_changed") {
      const { ticketId, conversationId, to } = event.payload as EventPayload<"ticket.status_changed">;
      if (to !== "resolved" || await customerOnline(deps, wid, conversationId)) return;
      const ticket = await deps.store.tickets.get(wid, ticketId);
      if (!ticket || ticket.status !== "resolved") return;
      await once(deps, event.id, () => emailRatingRequest(deps, ticket, event.id));
    } else if (event.type === "ticket.escalated") {
      const { ticketId, notify, reason } = event.payload as EventPayload<"ticket.escalated">;
      if (!notify.length) return;
      const ticket = await deps.store.tickets.get(wid, ticketId);
      if (!ticket) return;
      const admins = (await deps.store.users.list(wid)).filter((u) => notify.includes(u.id));
      await once(deps, event.id, () => emailEscalation(deps, ticket, admins, reason, event.id));
    } else if (event.type === "webhook.disabled") {
      const payload = event.payload as EventPayload<"webhook.disabled">;
      await once(deps, event.id, () => emailWebhookDisabled(deps, wid, payload, event.id));
    }
  },
};
