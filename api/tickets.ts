/**
 * `/api/tickets`: the seed's ticket endpoints (list, create, get, update, add
 * message, set status) plus escalation. Any workspace member works tickets;
 * another workspace's ticket answers 404 everywhere.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { escalate } from "../models/tickets/escalation.ts";
import type { Ticket } from "../models/tickets/ticket.ts";
import {
  escalateSchema,
  PRIORITIES,
  TICKET_STATUSES,
  ticketCreateSchema,
  ticketListSchema,
  ticketMessageSchema,
  ticketStatusSchema,
  ticketUpdateSchema,
} from "../models/tickets/ticket_schemas.ts";
import * as tickets from "../models/tickets/tickets.ts";
import { wireMessage, wireTicket } from "../realtime/wire.ts";
import { errorResponses, IdParam, jsonAnswer, jsonBody, resource } from "./openapi.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const tags = ["Tickets"];
const ticketsApi = resource();
ticketsApi.use("*", requireApiSession);

const MessageSchema = z.object({
  content: z.string(),
  sender: z.enum(["user", "agent", "system"]),
  timestamp: z.string(),
  metadata: z.record(z.string(), z.unknown()),
}).openapi("TicketMessage");

const TicketSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(PRIORITIES),
  customerEmail: z.string(),
  customerName: z.string().optional(),
  assignedTo: z.string().nullable(),
  agentId: z.string(),
  userId: z.string(),
  conversationId: z.string(),
  source: z.string(),
  tags: z.array(z.string()),
  rating: z.object({ score: z.number(), comment: z.string().optional(), at: z.string() }).nullable(),
  escalationLevel: z.number(),
  messages: z.array(MessageSchema).optional(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi("Ticket");

/** Shapes a ticket (with its thread when given). */
function ticketJson(t: Ticket | tickets.TicketView): z.infer<typeof TicketSchema> {
  const messages = "messages" in t
    ? t.messages.map((m) => ({ ...m, timestamp: m.timestamp.toISOString() }))
    : undefined;
  return { ...wireTicket(t), ...(messages ? { messages } : {}) };
}

const Envelope = z.object({ ticket: TicketSchema });

ticketsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    summary: "Tickets: filter by status, priority, assignee (id, `unassigned`, `me`), tag, agent, text; sort; cursor",
    request: { query: ticketListSchema },
    responses: {
      200: jsonAnswer(z.object({ tickets: z.array(TicketSchema), nextCursor: z.string().nullable() }), "A page"),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => {
    const page = await tickets.listTickets(c.var.deps, currentUser(c), c.req.valid("query"));
    return c.json({ tickets: page.tickets.map(ticketJson), nextCursor: page.nextCursor }, 200);
  },
);

ticketsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Open a ticket for a customer",
    request: { body: jsonBody(ticketCreateSchema) },
    responses: { 201: jsonAnswer(Envelope, "Opened"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const user = currentUser(c);
    const t = await tickets.createTicket(c.var.deps, user, c.req.valid("json"));
    return c.json({ ticket: ticketJson(await tickets.viewTicket(c.var.deps, user, t.id)) }, 201);
  },
);

ticketsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "One ticket with its thread (internal notes included)",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(Envelope, "The ticket"), ...errorResponses(400, 401, 404) },
  }),
  async (c) =>
    c.json({ ticket: ticketJson(await tickets.viewTicket(c.var.deps, currentUser(c), c.req.valid("param").id)) }, 200),
);

ticketsApi.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags,
    summary: "Update title, description, priority, customer, assignee or tags",
    request: { params: IdParam, body: jsonBody(ticketUpdateSchema) },
    responses: { 200: jsonAnswer(Envelope, "Updated"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const t = await tickets.updateTicket(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ ticket: ticketJson(t) }, 200);
  },
);

ticketsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/messages",
    tags,
    summary: "Reply to the customer (live or by email) or add an internal note (`internal: true`, staff only)",
    request: { params: IdParam, body: jsonBody(ticketMessageSchema) },
    responses: {
      201: jsonAnswer(z.object({ ticket: TicketSchema, message: MessageSchema }), "Added"),
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const { ticket, message } = await tickets.addTicketMessage(
      c.var.deps,
      currentUser(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    const m = tickets.ticketMessage(message);
    // Files go back signed, like the socket sends them, so the reply box shows what it sent.
    const { attachments } = await wireMessage(c.var.deps, message);
    const metadata = attachments.length ? { ...m.metadata, attachments } : m.metadata;
    return c.json({
      ticket: ticketJson(ticket),
      message: { ...m, metadata, timestamp: m.timestamp.toISOString() },
    }, 201);
  },
);

ticketsApi.openapi(
  createRoute({
    method: "put",
    path: "/{id}/status",
    tags,
    summary: "Change the status: resolved sets resolvedAt, reopening clears it, closed is final (admins may reopen)",
    request: { params: IdParam, body: jsonBody(ticketStatusSchema) },
    responses: { 200: jsonAnswer(Envelope, "Changed"), ...errorResponses(400, 401, 404, 409) },
  }),
  async (c) => {
    const t = await tickets.setStatus(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json").status);
    return c.json({ ticket: ticketJson(t) }, 200);
  },
);

ticketsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/escalate",
    tags,
    summary: "Escalate: priority up (or to a level) and/or assign to an admin; recorded in the thread",
    request: { params: IdParam, body: jsonBody(escalateSchema) },
    responses: { 200: jsonAnswer(Envelope, "Escalated"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const t = await escalate(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ ticket: ticketJson(t) }, 200);
  },
);

/** The `/api/tickets` sub-app. */
export default ticketsApi;
