/**
 * `/api/tickets`: the seed's ticket endpoints (list, create, get, update, add
 * message, set status) plus escalation. Any workspace member works tickets;
 * another workspace's ticket answers 404 everywhere.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { escalate } from "../models/tickets/escalation.ts";
import type { Ticket } from "../models/tickets/ticket.ts";
import {
  escalateSchema,
  ticketCreateSchema,
  ticketListSchema,
  ticketMessageSchema,
  ticketStatusSchema,
  ticketUpdateSchema,
} from "../models/tickets/ticket_schemas.ts";
import * as tickets from "../models/tickets/tickets.ts";
import { ticketJson, ticketJsonWire, ticketMessageWire } from "../models/tickets/wire.ts";
import { access, errorResponses, IdParam, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";
import { wireMessage } from "../realtime/wire.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const tags = ["Tickets"];
const ticketsApi = resource();
ticketsApi.use("*", requireApiSession);

/** Shapes a ticket (with its thread when given). */
function ticketView(t: Ticket | tickets.TicketView) {
  return ticketJson(t, "messages" in t ? t.messages : undefined);
}

const Envelope = z.object({ ticket: ticketJsonWire });

ticketsApi.openapi(
  route({
    method: "get",
    path: "/",
    tags,
    operationId: "listTickets",
    security: access.staff,
    summary: "Tickets: filter by status, priority, assignee (id, `unassigned`, `me`), tag, agent, text; sort; cursor",
    request: { query: ticketListSchema },
    responses: {
      200: jsonAnswer(z.object({ tickets: z.array(ticketJsonWire), nextCursor: z.string().nullable() }), "A page"),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => {
    const page = await tickets.listTickets(c.var.deps, currentUser(c), c.req.valid("query"));
    return c.json({ tickets: page.tickets.map((t) => ticketJson(t)), nextCursor: page.nextCursor }, 200);
  },
);

ticketsApi.openapi(
  route({
    method: "post",
    path: "/",
    tags,
    operationId: "createTicket",
    security: access.staff,
    summary: "Open a ticket for a customer",
    request: { body: jsonBody(ticketCreateSchema) },
    responses: { 201: jsonAnswer(Envelope, "Opened"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const user = currentUser(c);
    const t = await tickets.createTicket(c.var.deps, user, c.req.valid("json"));
    return c.json({ ticket: ticketView(await tickets.viewTicket(c.var.deps, user, t.id)) }, 201);
  },
);

ticketsApi.openapi(
  route({
    method: "get",
    path: "/{id}",
    tags,
    operationId: "getTicket",
    security: access.staff,
    summary: "One ticket with its thread (internal notes for sessions and `internal` keys only)",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(Envelope, "The ticket"), ...errorResponses(400, 401, 404) },
  }),
  async (c) =>
    c.json({ ticket: ticketView(await tickets.viewTicket(c.var.deps, currentUser(c), c.req.valid("param").id)) }, 200),
);

ticketsApi.openapi(
  route({
    method: "put",
    path: "/{id}",
    tags,
    operationId: "updateTicket",
    security: access.staff,
    summary: "Update title, description, priority, customer, assignee or tags",
    request: { params: IdParam, body: jsonBody(ticketUpdateSchema) },
    responses: { 200: jsonAnswer(Envelope, "Updated"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const t = await tickets.updateTicket(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ ticket: ticketView(t) }, 200);
  },
);

ticketsApi.openapi(
  route({
    method: "post",
    path: "/{id}/messages",
    tags,
    operationId: "addTicketMessage",
    security: access.staff,
    summary:
      "Reply to the customer (live or by email) or add an internal note (`internal: true`: sessions and `internal` keys)",
    request: { params: IdParam, body: jsonBody(ticketMessageSchema) },
    responses: {
      201: jsonAnswer(z.object({ ticket: ticketJsonWire, message: ticketMessageWire }), "Added"),
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
      ticket: ticketView(ticket),
      message: { ...m, metadata, timestamp: m.timestamp.toISOString() },
    }, 201);
  },
);

ticketsApi.openapi(
  route({
    method: "put",
    path: "/{id}/status",
    tags,
    operationId: "setTicketStatus",
    security: access.staff,
    summary: "Change the status: resolved sets resolvedAt, reopening clears it, closed is final (admins may reopen)",
    request: { params: IdParam, body: jsonBody(ticketStatusSchema) },
    responses: { 200: jsonAnswer(Envelope, "Changed"), ...errorResponses(400, 401, 404, 409) },
  }),
  async (c) => {
    const t = await tickets.setStatus(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json").status);
    return c.json({ ticket: ticketView(t) }, 200);
  },
);

ticketsApi.openapi(
  route({
    method: "post",
    path: "/{id}/escalate",
    tags,
    operationId: "escalateTicket",
    security: access.staff,
    summary: "Escalate: priority up (or to a level) and/or assign to an admin; recorded in the thread",
    request: { params: IdParam, body: jsonBody(escalateSchema) },
    responses: { 200: jsonAnswer(Envelope, "Escalated"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const t = await escalate(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ ticket: ticketView(t) }, 200);
  },
);

/** The `/api/tickets` sub-app. */
export default ticketsApi;
