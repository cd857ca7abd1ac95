/**
 * What the Tickets island works with: the protocol's `WireTicket` (types
 * only), the list's filters as they appear in the URL, the labels of
 * statuses and priorities, and the props the server renders it with.
 *
 * @module
 */
import type { WireTicket } from "../../realtime/protocol.ts";
import type { UserJson } from "../../models/accounts/wire.ts";
import type { Priority, TicketStatus } from "../../models/tickets/ticket_schemas.ts";
import type { AgentOption, WireAttachment, WireConversation, WireMessage } from "../staff_chat/types.ts";

export type { Priority, TicketStatus } from "../../models/tickets/ticket_schemas.ts";
export type { WireTicket } from "../../realtime/protocol.ts";
export type { AgentOption } from "../staff_chat/types.ts";

/** The list's sort orders (the API's `sort`). */
export type TicketSort = "newest" | "oldest" | "updated" | "priority";

/** Statuses in their working order, with their labels. */
export const STATUSES: { key: TicketStatus; label: string }[] = [
  { key: "open", label: "Open" },
  { key: "in-progress", label: "In progress" },
  { key: "resolved", label: "Resolved" },
  { key: "closed", label: "Closed" },
];

/** Priorities, lowest first (the server ranks them the same way), with their labels. */
export const PRIORITIES: { key: Priority; label: string }[] = [
  { key: "low", label: "Low" },
  { key: "medium", label: "Medium" },
  { key: "high", label: "High" },
  { key: "urgent", label: "Urgent" },
];

/** Sort orders with their labels. */
export const SORTS: { key: TicketSort; label: string }[] = [
  { key: "newest", label: "Newest first" },
  { key: "oldest", label: "Oldest first" },
  { key: "updated", label: "Recently updated" },
  { key: "priority", label: "Highest priority" },
];

/** "In progress" for `in-progress`. */
export function statusLabel(s: TicketStatus): string {
  return STATUSES.find((x) => x.key === s)?.label ?? s;
}

/** "High" for `high`. */
export function priorityLabel(p: Priority): string {
  return PRIORITIES.find((x) => x.key === p)?.label ?? p;
}

/** Why a ticket exists, in words. */
export function sourceLabel(source: string): string {
  switch (source) {
    case "asked_for_human":
      return "The visitor asked for a person";
    case "low_confidence":
      return "The AI wasn't sure of its answer";
    case "provider_failed":
      return "The AI provider failed";
    case "negative_sentiment":
      return "The customer sounded very unhappy";
    case "staff":
      return "Opened by the team";
    default:
      return source;
  }
}

/**
 * The list's filters, as in the page's query string. An empty string is "any";
 * `assignee` is `me`, `unassigned` or a teammate's id.
 */
export interface TicketQuery {
  status: TicketStatus | "";
  priority: Priority | "";
  assignee: string;
  tag: string;
  agentId: string;
  q: string;
  sort: TicketSort;
}

/** A teammate, for names and the assignee choices. */
export type Person = Pick<UserJson, "id" | "name">;

/** The signed-in staff member. */
export type Me = Pick<UserJson, "id" | "name" | "role">;

/** `GET /api/tickets`. */
export interface TicketPageJson {
  tickets: WireTicket[];
  nextCursor: string | null;
}

/** A message of `POST /api/tickets/:id/messages` (the seed's shape). */
export interface TicketMessageJson {
  content: string;
  sender: WireMessage["sender"];
  timestamp: string;
  metadata: {
    id: string;
    seq: number;
    author: WireMessage["author"]["kind"];
    authorName?: string;
    internal?: boolean;
    event?: string;
    /** Files sent with it (signed URLs). */
    attachments?: WireAttachment[];
  };
}

/** A canned response (`GET /api/canned-responses`). */
export interface CannedResponse {
  id: string;
  title: string;
  shortcut: string;
  body: string;
}

/** Props of the Tickets island. */
export interface TicketsProps {
  /** The first page for `query`. */
  tickets: WireTicket[];
  nextCursor: string | null;
  query: TicketQuery;
  /** The ticket of `/inbox/tickets/:id` (null on the list). */
  selected: WireTicket | null;
  /** The conversations of the tickets shown (for their unread markers). */
  conversations: WireConversation[];
  agents: AgentOption[];
  /** Teammates' names (every role sees who a ticket is assigned to). */
  people: Person[];
  me: Me;
  /** When the server rendered the page (ISO), so relative times hydrate unchanged. */
  now: string;
  /** The server's upload limit for reply files, in bytes. */
  maxUploadBytes: number;
}
