/**
 * The Tickets island's REST calls (`/api/tickets`, `/api/canned-responses`)
 * and the conversion of a ticket message (the seed's shape) into the wire
 * message the thread draws. Errors come back as data, like every island
 * API call.
 *
 * @module
 */
import { api, type ApiResult } from "../shared/api.ts";
import type { WireMessage } from "../staff_chat/types.ts";
import { apiQuery } from "./filters.ts";
import type {
  CannedResponse,
  Priority,
  TicketMessageJson,
  TicketPageJson,
  TicketQuery,
  TicketStatus,
  WireTicket,
} from "./types.ts";

const base = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;
type One = { ticket: WireTicket };

/** A page of tickets for the filters, after `cursor`. */
export function fetchTickets(f: TicketQuery, cursor?: string | null): Promise<ApiResult<TicketPageJson>> {
  return api<TicketPageJson>("GET", `/api/tickets?${apiQuery(f, cursor)}`);
}

/** One ticket (its thread comes from the conversation). */
export function fetchTicket(id: string): Promise<ApiResult<One>> {
  return api<One>("GET", base(id));
}

/** Changes the status (the server may refuse: closed is final unless you are an admin). */
export function putStatus(id: string, status: TicketStatus): Promise<ApiResult<One>> {
  return api<One>("PUT", `${base(id)}/status`, { status });
}

/** Changes priority, tags or the assignee. */
export function putTicket(
  id: string,
  change: { priority?: Priority; tags?: string[]; assignedTo?: string | null },
): Promise<ApiResult<One>> {
  return api<One>("PUT", base(id), change);
}

/** Raises the priority one step (recorded in the thread). */
export function postEscalate(id: string): Promise<ApiResult<One>> {
  return api<One>("POST", `${base(id)}/escalate`, {});
}

/** A reply to the customer, or an internal note, with uploaded files' ids; `clientId` makes a retry safe. */
export function postTicketMessage(
  id: string,
  content: string,
  internal: boolean,
  clientId: string,
  attachments: string[] = [],
): Promise<ApiResult<{ ticket: WireTicket; message: TicketMessageJson }>> {
  return api("POST", `${base(id)}/messages`, {
    content,
    internal,
    clientId,
    ...(attachments.length ? { attachments } : {}),
  });
}

/** The workspace's canned responses. */
export function fetchCanned(): Promise<ApiResult<{ cannedResponses: CannedResponse[] }>> {
  return api("GET", "/api/canned-responses");
}

/** A stored ticket message as the wire message the socket would have sent (for when the socket is down). */
export function wireFromTicketMessage(
  m: TicketMessageJson,
  conversationId: string,
  clientId?: string,
): WireMessage {
  return {
    id: m.metadata.id,
    conversationId,
    seq: m.metadata.seq,
    ...(clientId ? { clientId } : {}),
    sender: m.sender,
    author: { kind: m.metadata.author, ...(m.metadata.authorName ? { name: m.metadata.authorName } : {}) },
    text: m.content,
    attachments: m.metadata.attachments ?? [],
    citations: [],
    status: "complete",
    ...(m.metadata.event ? { event: m.metadata.event } : {}),
    ...(m.metadata.internal ? { internal: true } : {}),
    createdAt: m.timestamp,
  };
}
