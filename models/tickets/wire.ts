/**
 * The wire contract of tickets: a ticket (with its thread in the seed's
 * message shape, on the REST API) and a canned response, as zod schemas with
 * their shapers. `api/` uses them for its OpenAPI answers, the staff socket's
 * `ticket` frame carries `TicketWire`, and the Tickets island imports the
 * inferred types only.
 *
 * @module
 */
import { z } from "zod";
import type { CannedResponse } from "../ports/store_tickets.ts";
import type { Ticket, TicketMessage } from "./ticket.ts";
import { PRIORITIES, TICKET_STATUSES } from "./ticket_schemas.ts";

/** A ticket as the sockets and the API send it (dates as ISO strings). */
export const ticketWire = z.object({
  id: z.string(),
  conversationId: z.string(),
  agentId: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(PRIORITIES),
  customerEmail: z.string(),
  customerName: z.string().optional(),
  assignedTo: z.string().nullable(),
  /** Who opened it: a staff member, or the agent's creator for a handoff. */
  userId: z.string(),
  tags: z.array(z.string()),
  /** Why it exists: opened by staff, asked for by the visitor, low confidence, provider failure. */
  source: z.enum(["staff", "asked_for_human", "low_confidence", "provider_failed", "negative_sentiment"]),
  rating: z.object({ score: z.number(), comment: z.string().optional(), at: z.string() }).nullable(),
  escalationLevel: z.number(),
  /**
   * The customer's language (ISO 639-1, their conversation's), in list pages (API and the Tickets page) for the row's
   * badge; absent when not known yet, and in the live `ticket` frames (the conversation's frames carry it there).
   */
  language: z.string().optional(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A ticket on the wire. */
export type TicketWire = z.infer<typeof ticketWire>;

/** A message of a ticket's thread in the seed's shape: `user` is the customer, `agent` the support side. */
export const ticketMessageWire = z.object({
  content: z.string(),
  sender: z.enum(["user", "agent", "system"]),
  timestamp: z.string(),
  metadata: z.record(z.string(), z.unknown()),
}).meta({ id: "TicketMessage" });

/** A ticket on the REST API: with its thread when one ticket is asked for. */
export const ticketJsonWire = ticketWire.extend({ messages: z.array(ticketMessageWire).optional() }).meta({
  id: "Ticket",
});

/** A saved reply. */
export const cannedWire = z.object({
  id: z.string(),
  title: z.string(),
  shortcut: z.string(),
  body: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: "CannedResponse" });

/** A ticket for the wire; `language`, when the caller looked up the ticket's conversation (list pages). */
export function wireTicket(t: Ticket & { language?: string }): TicketWire {
  return {
    id: t.id,
    conversationId: t.conversationId,
    agentId: t.agentId,
    title: t.title,
    description: t.description,
    status: t.status,
    priority: t.priority,
    customerEmail: t.customerEmail,
    ...(t.customerName ? { customerName: t.customerName } : {}),
    assignedTo: t.assignedTo,
    userId: t.userId,
    tags: t.tags,
    source: t.source,
    rating: t.rating ? { ...t.rating, at: t.rating.at.toISOString() } : null,
    escalationLevel: t.escalationLevel,
    ...(t.language ? { language: t.language } : {}),
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** A ticket for the REST API, with its thread when given. */
export function ticketJson(
  t: Ticket & { language?: string },
  messages?: TicketMessage[],
): z.infer<typeof ticketJsonWire> {
  return {
    ...wireTicket(t),
    ...(messages ? { messages: messages.map((m) => ({ ...m, timestamp: m.timestamp.toISOString() })) } : {}),
  };
}

/** A canned response for the wire. */
export function cannedJson(c: CannedResponse): z.infer<typeof cannedWire> {
  return {
    id: c.id,
    title: c.title,
    shortcut: c.shortcut,
    body: c.body,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
