/**
 * The Store port, tickets: tickets, canned responses and workspace settings.
 *
 * @module
 */
import type { Conversation, Message, MessageDraft } from "../chat/conversation.ts";
import type { Emit } from "../events/event.ts";
import type { Ticket } from "../tickets/ticket.ts";
import type { Priority, TicketStatus } from "../tickets/ticket_schemas.ts";

/** Filters of the ticket list. */
export interface TicketFilter {
  status?: TicketStatus;
  priority?: Priority;
  /** A user id, or null for unassigned tickets. */
  assignedTo?: string | null;
  tag?: string;
  agentId?: string;
  /** Text in the title or in the thread's messages. */
  q?: string;
  /** Whether `q` also matches internal notes and staff-only lines (only for readers who may see them). */
  searchInternal?: boolean;
  sort: "newest" | "oldest" | "updated" | "priority";
  /** Opaque position from a previous page. */
  after?: { key: string; id: string };
  limit: number;
}

/** Fields of a ticket that change after creation. */
export type TicketPatch =
  & Partial<
    Pick<
      Ticket,
      | "title"
      | "description"
      | "priority"
      | "customerEmail"
      | "customerName"
      | "assignedTo"
      | "tags"
      | "status"
      | "resolvedAt"
      | "closedAt"
      | "rating"
      | "escalationLevel"
    >
  >
  & { updatedAt: Date };

/** What a hand-off changed, as {@linkcode HandOff.lines} is told. */
export interface HandOffChange {
  /** The AI had the conversation and now the team has it. */
  switched: boolean;
  /** The conversation's ticket: the one opened now, or the one it had. */
  ticket: Ticket;
  /** Whether the ticket was opened now. */
  opened: boolean;
}

/** A conversation handed to the team, written as one (see {@linkcode TicketRepo.handOff}). */
export interface HandOff {
  workspaceId: string;
  conversationId: string;
  at: Date;
  /** The events of the switch (the conversation as handed over), when the AI had the conversation. */
  switched: Emit<Conversation>;
  /** The ticket to open when the conversation has none, and its events. */
  ticket: Ticket;
  opened: Emit<Ticket>;
  /** The lines to append, given what changed (called inside the write: it may run again if that is retried). */
  lines(change: HandOffChange): MessageDraft[];
  /** The events of each line appended. */
  appended: Emit<{ message: Message; conversation: Conversation }>;
}

/** What a hand-off wrote: the conversation just after the switch, then each line with the conversation after it. */
export interface HandedOff extends HandOffChange {
  conversation: Conversation;
  lines: Array<{ message: Message; conversation: Conversation }>;
}

/** Tickets. */
export interface TicketRepo {
  insert(ticket: Ticket, emit?: Emit<Ticket>): Promise<void>;
  /**
   * Hands a conversation to the team in one transaction: the AI stops answering (`handledBy` "human", unless the
   * team has it already), the conversation's ticket opens unless it has one, and `lines` are appended (gapless
   * seqs), every event written with them. One write instead of one per change: under overload thousands of
   * conversations are handed off a minute, and each change was a commit (and a wait for the write lock) of its own.
   * Throws `NotFoundError` for an unknown conversation.
   */
  handOff(h: HandOff): Promise<HandedOff>;
  get(workspaceId: string, id: string): Promise<Ticket | null>;
  /** The ticket of a conversation, if any. */
  forConversation(workspaceId: string, conversationId: string): Promise<Ticket | null>;
  /** A page of tickets and the key to sort by for the next page. */
  list(workspaceId: string, filter: TicketFilter): Promise<Array<{ ticket: Ticket; key: string }>>;
  update(workspaceId: string, id: string, patch: TicketPatch, emit?: Emit<Ticket>): Promise<Ticket | null>;
  /**
   * Tickets (any workspace) still open or in progress, with no staff reply,
   * older than the given age and below the given escalation level: what the
   * escalation scheduler looks at.
   */
  awaitingStaff(openedBefore: Date, belowLevel: number, limit: number): Promise<Ticket[]>;
}

/** A saved reply. */
export interface CannedResponse {
  id: string;
  workspaceId: string;
  title: string;
  shortcut: string;
  body: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Canned responses per workspace; shortcuts are unique per workspace. */
export interface CannedRepo {
  list(workspaceId: string): Promise<CannedResponse[]>;
  get(workspaceId: string, id: string): Promise<CannedResponse | null>;
  /** Throws ConflictError(`shortcut_taken`). */
  insert(c: CannedResponse): Promise<void>;
  update(
    workspaceId: string,
    id: string,
    patch: Pick<CannedResponse, "title" | "shortcut" | "body" | "updatedAt">,
  ): Promise<CannedResponse | null>;
  remove(workspaceId: string, id: string): Promise<boolean>;
}

/** Workspace settings kept as small JSON documents (escalation rules...). */
export interface SettingsRepo {
  get<T>(workspaceId: string, key: string): Promise<T | null>;
  put<T>(workspaceId: string, key: string, value: T, at: Date): Promise<void>;
  /** Workspaces that have a value for `key` (for schedulers). */
  workspacesWith(key: string): Promise<string[]>;
}
