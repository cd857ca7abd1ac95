/**
 * Ticket use cases (the seed's ticket system): tickets open when a
 * conversation is handed to people, or when staff open one; their messages
 * are the conversation's thread; status rules, assignment, tags, filters and
 * cursor pagination. Replies reach the visitor live; the emails (a reply the
 * visitor could not see, the rating request) are sent by `listeners/emails.ts`
 * from the events these changes record.
 *
 * @module
 */
import type { z } from "zod";
import { messageSentiment } from "../sentiment/sentiment.ts";
import { NotFoundError, ValidationError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import * as chat from "../chat/chat.ts";
import { type Conversation, type Message, newConversation } from "../chat/conversation.ts";
import { systemText } from "../chat/system_texts.ts";
import type { Deps } from "../ports/deps.ts";
import type { TicketFilter } from "../ports/store.ts";
import { nextStatus, type Ticket, type TicketMessage } from "./ticket.ts";
import { actorOf } from "../events/event.ts";
import { ticketChanges, ticketCreated } from "./ticket_events.ts";
import type {
  ticketCreateSchema,
  ticketListSchema,
  ticketMessageSchema,
  ticketUpdateSchema,
} from "./ticket_schemas.ts";
import { seesInternalNotes, type User } from "../accounts/user.ts";

/** A ticket with its thread in the seed's message shape. */
export interface TicketView extends Ticket {
  messages: TicketMessage[];
}

/** Seed-shaped message: `user` is the customer, `agent` the support side (AI or staff, told apart in metadata). */
export function ticketMessage(m: Message): TicketMessage {
  return {
    content: m.text,
    sender: m.sender,
    timestamp: m.createdAt,
    metadata: {
      id: m.id,
      seq: m.seq,
      author: m.authorKind,
      ...(m.authorName ? { authorName: m.authorName } : {}),
      ...(m.authorId && m.authorKind === "staff" ? { userId: m.authorId } : {}),
      ...(m.internal ? { internal: true } : {}),
      ...(m.citations.length ? { citations: m.citations } : {}),
      ...(m.status !== "complete" ? { status: m.status } : {}),
      ...(typeof m.metadata.event === "string" ? { event: m.metadata.event } : {}),
      ...(m.authorKind === "visitor" && messageSentiment(m.metadata)
        ? { sentiment: messageSentiment(m.metadata) }
        : {}),
    },
  };
}

/** Tells staff (inbox lists) that a ticket was opened or changed. */
export function announce(deps: Deps, ticket: Ticket): Ticket {
  chat.publish(deps, ticket.workspaceId, ticket.conversationId, { type: "ticket.updated", ticket });
  return ticket;
}

/** One ticket of the user's workspace (404 for any other). */
export async function getTicket(deps: Deps, user: User, id: string): Promise<Ticket> {
  const t = await deps.store.tickets.get(user.workspaceId, id);
  if (!t) throw new NotFoundError("Ticket");
  return t;
}

/** A ticket with its whole thread as `user` may read it (internal notes only where {@linkcode seesInternalNotes}). */
export async function viewTicket(deps: Deps, user: User, id: string): Promise<TicketView> {
  const t = await getTicket(deps, user, id);
  const msgs = await deps.store.conversations.messagesAfter(t.workspaceId, t.conversationId, 0, {
    limit: 5000,
    includeInternal: seesInternalNotes(user),
  });
  return { ...t, messages: msgs.map(ticketMessage) };
}

async function conversationOf(deps: Deps, t: Ticket): Promise<Conversation> {
  const conv = await deps.store.conversations.get(t.workspaceId, t.conversationId);
  if (!conv) throw new NotFoundError("Conversation");
  return conv;
}

/** Staff open a ticket for a customer (e.g. from a phone call): a conversation is made for its thread. */
export async function createTicket(deps: Deps, user: User, input: z.infer<typeof ticketCreateSchema>): Promise<Ticket> {
  const agent = await deps.store.agents.get(user.workspaceId, input.agentId);
  if (!agent) throw new NotFoundError("Agent");
  if (input.assignedTo) await assertMember(deps, user, input.assignedTo);
  const now = deps.clock.now();
  const visitorId = newId(now);
  await deps.store.visitors.insert({
    id: visitorId,
    workspaceId: user.workspaceId,
    agentId: agent.id,
    email: input.customerEmail,
    name: input.customerName,
    verified: false,
    createdAt: now,
    lastSeenAt: now,
  });
  const conv = newConversation(
    { workspaceId: user.workspaceId, agentId: agent.id, visitorId, handledBy: "human" },
    now,
  );
  await deps.store.conversations.insert(conv, chat.conversationStarted(actorOf(user)));
  const ticket: Ticket = {
    id: newId(now),
    workspaceId: user.workspaceId,
    conversationId: conv.id,
    agentId: agent.id,
    title: input.title,
    description: input.description,
    status: "open",
    priority: input.priority,
    customerEmail: input.customerEmail,
    ...(input.customerName ? { customerName: input.customerName } : {}),
    assignedTo: input.assignedTo ?? null,
    userId: user.id,
    tags: [...new Set(input.tags)],
    source: "staff",
    resolvedAt: null,
    closedAt: null,
    rating: null,
    escalationLevel: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.tickets.insert(ticket, ticketCreated(actorOf(user)));
  // The visitor was made just now, for this ticket: no language is known for them yet.
  await chat.systemMessage(deps, conv, systemText(undefined, "ticketOpened", { name: user.name }), {
    event: "ticket_created",
    ticketId: ticket.id,
  });
  return announce(deps, ticket);
}

async function assertMember(deps: Deps, user: User, id: string) {
  if (!(await deps.store.users.get(user.workspaceId, id))) {
    throw new ValidationError("Assign to a member of your team.", { fields: { assignedTo: "not a teammate" } });
  }
}

/** Cursor encoding: opaque to clients. */
const encodeCursor = (key: string, id: string) => btoa(JSON.stringify([key, id])).replace(/=+$/, "");
function decodeCursor(cursor: string): { key: string; id: string } {
  try {
    const [key, id] = JSON.parse(atob(cursor));
    if (typeof key === "string" && typeof id === "string") return { key, id };
  } catch { /* falls through */ }
  throw new ValidationError("Invalid cursor.", { fields: { cursor: "invalid" } });
}

/** A ticket of a list page, with its customer's language (their conversation's) when known, for the row's badge. */
export type ListedTicket = Ticket & { language?: string };

/** A page of the workspace's tickets, filtered and sorted, with the next cursor. */
export async function listTickets(
  deps: Deps,
  user: User,
  q: z.infer<typeof ticketListSchema>,
): Promise<{ tickets: ListedTicket[]; nextCursor: string | null }> {
  const filter: TicketFilter = {
    status: q.status,
    priority: q.priority,
    assignedTo: q.assignee === "unassigned" ? null : q.assignee === "me" ? user.id : q.assignee,
    tag: q.tag,
    agentId: q.agentId,
    q: q.q,
    // A reader who may not see notes must not find tickets by their words either.
    searchInternal: seesInternalNotes(user),
    sort: q.sort,
    after: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit + 1,
  };
  const rows = await deps.store.tickets.list(user.workspaceId, filter);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  // The language lives on the conversation (set by the customer's messages as they are written), not the ticket:
  // the page's conversations in one read.
  const ids = [...new Set(page.map((r) => r.ticket.conversationId))];
  const conversations = ids.length
    ? await deps.store.conversations.list(user.workspaceId, { ids, limit: ids.length })
    : [];
  const languageOf = new Map(conversations.map((c) => [c.id, c.language]));
  return {
    tickets: page.map((r) => {
      const language = languageOf.get(r.ticket.conversationId);
      return language ? { ...r.ticket, language } : r.ticket;
    }),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.key, last.ticket.id) : null,
  };
}

/** Updates fields; assignment changes leave a system line in the thread. */
export async function updateTicket(
  deps: Deps,
  user: User,
  id: string,
  input: z.infer<typeof ticketUpdateSchema>,
): Promise<Ticket> {
  const before = await getTicket(deps, user, id);
  if (input.assignedTo) await assertMember(deps, user, input.assignedTo);
  const updated = await deps.store.tickets.update(user.workspaceId, id, {
    ...input,
    ...(input.tags ? { tags: [...new Set(input.tags)] } : {}),
    updatedAt: deps.clock.now(),
  }, ticketChanges(before, actorOf(user)));
  if (!updated) throw new NotFoundError("Ticket");
  const conv = await conversationOf(deps, updated);
  if (input.assignedTo !== undefined && input.assignedTo !== before.assignedTo) {
    const who = input.assignedTo ? await deps.store.users.get(user.workspaceId, input.assignedTo) : null;
    await chat.systemMessage(
      deps,
      conv,
      who ? `Assigned to ${who.name} by ${user.name}.` : `Unassigned by ${user.name}.`,
      {
        event: "assigned",
        assignedTo: input.assignedTo,
      },
      true,
    );
  }
  if (input.priority && input.priority !== before.priority) {
    await chat.systemMessage(deps, conv, `Priority changed to ${input.priority} by ${user.name}.`, {
      event: "priority",
    }, true);
  }
  return announce(deps, updated);
}

/** Changes the status under the rules (see `nextStatus`); resolving asks the customer for a rating. */
export async function setStatus(deps: Deps, user: User, id: string, status: Ticket["status"]): Promise<Ticket> {
  const ticket = await getTicket(deps, user, id);
  const change = nextStatus(ticket, status, user, deps.clock.now());
  const updated = await deps.store.tickets.update(
    user.workspaceId,
    id,
    { ...change, updatedAt: deps.clock.now() },
    ticketChanges(ticket, actorOf(user)),
  );
  if (!updated) throw new NotFoundError("Ticket");
  const conv = await conversationOf(deps, updated);
  await chat.systemMessage(deps, conv, `Status changed to ${status} by ${user.name}.`, {
    event: "status",
    from: ticket.status,
    to: status,
  }, true);
  if (status === "resolved") {
    const lang = await chat.visitorLang(deps, conv);
    await chat.systemMessage(deps, conv, systemText(lang, "ratingRequest"), {
      event: "rating_request",
      ticketId: updated.id,
    });
  }
  return announce(deps, updated);
}

/** Adds a reply (to the customer: live, or by email when the widget is closed) or an internal note. */
export async function addTicketMessage(
  deps: Deps,
  user: User,
  id: string,
  input: z.infer<typeof ticketMessageSchema>,
  opts: { via?: "slack" | "zendesk" } = {},
): Promise<{ ticket: Ticket; message: Message }> {
  const ticket = await getTicket(deps, user, id);
  const { message, created } = await chat.staffSend(deps, user, ticket.conversationId, {
    clientId: input.clientId ?? crypto.randomUUID(),
    text: input.content,
    internal: input.internal,
    attachments: input.attachments,
    via: opts.via,
  });
  let updated = ticket;
  if (created) {
    // Any reply or note is activity: `updatedAt` moves (the "updated" sort) and lists hear of it.
    const moved = await deps.store.tickets.update(user.workspaceId, id, {
      ...(ticket.status === "open" && !message.internal ? { status: "in-progress" as const } : {}),
      updatedAt: deps.clock.now(),
    }, ticketChanges(ticket, actorOf(user)));
    if (moved) updated = announce(deps, moved);
  }
  return { ticket: updated, message };
}
