/**
 * The events a ticket change records, worked out from the ticket before and
 * after it (so every caller of `tickets.update` records the same facts the
 * same way): assignment, status, rating, escalation, and any other field.
 *
 * @module
 */
import type { Actor, Emit, NewEvent } from "../events/event.ts";
import { newEvent } from "../events/event.ts";
import { ticketPayload } from "../events/payloads.ts";
import type { Ticket } from "./ticket.ts";

const FIELDS = ["title", "description", "priority", "tags", "customerEmail", "customerName"] as const;

/** The `ticket.created` event. */
export function ticketCreated(actor: Actor): Emit<Ticket> {
  return (t) => [
    newEvent("ticket.created", {
      workspaceId: t.workspaceId,
      aggregateId: t.id,
      actor,
      at: t.createdAt,
      payload: { ticket: ticketPayload(t) },
    }),
  ];
}

/** What an escalation adds to its change: why, and which admins to tell. */
export interface Escalation {
  reason: string;
  notify: string[];
}

/** The events of a change from `before` to the updated ticket. */
export function ticketChanges(before: Ticket, actor: Actor, escalation?: Escalation): Emit<Ticket> {
  return (after) => {
    const base = { workspaceId: after.workspaceId, aggregateId: after.id, actor, at: after.updatedAt };
    const ref = { ticketId: after.id, conversationId: after.conversationId };
    const events: NewEvent[] = [];
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const f of FIELDS) {
      if (JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null)) {
        changes[f] = { from: before[f] ?? null, to: after[f] ?? null };
      }
    }
    if (Object.keys(changes).length && !escalation) {
      events.push(newEvent("ticket.updated", { ...base, payload: { ...ref, changes, ticket: ticketPayload(after) } }));
    }
    if (before.assignedTo !== after.assignedTo) {
      events.push(
        newEvent("ticket.assigned", { ...base, payload: { ...ref, from: before.assignedTo, to: after.assignedTo } }),
      );
    }
    if (before.status !== after.status) {
      events.push(
        newEvent("ticket.status_changed", { ...base, payload: { ...ref, from: before.status, to: after.status } }),
      );
    }
    if (after.rating && JSON.stringify(before.rating) !== JSON.stringify(after.rating)) {
      const { score, comment } = after.rating;
      events.push(newEvent("ticket.rated", { ...base, payload: { ...ref, score, ...(comment ? { comment } : {}) } }));
    }
    if (escalation) {
      events.push(newEvent("ticket.escalated", {
        ...base,
        payload: {
          ...ref,
          level: after.escalationLevel,
          priority: after.priority,
          assignedTo: after.assignedTo,
          reason: escalation.reason,
          notify: escalation.notify,
        },
      }));
    }
    return events;
  };
}
