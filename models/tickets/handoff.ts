/**
 * Handoff: a conversation becomes a ticket when the visitor asks for a
 * person, the AI is unsure, or the provider fails. The AI stops, the ticket
 * carries the transcript, and the visitor is asked for an email if unknown.
 *
 * @module
 */
import { newId } from "../../lib/ids.ts";
import * as chat from "../chat/chat.ts";
import type { Conversation, Visitor } from "../chat/conversation.ts";
import { langOf, systemText } from "../chat/system_texts.ts";
import type { Deps } from "../ports/deps.ts";
import type { Ticket } from "./ticket.ts";
import { customerActor, SYSTEM } from "../events/event.ts";
import { ticketChanges, ticketCreated } from "./ticket_events.ts";
import { announce } from "./tickets.ts";

/** The ticket a conversation handed to people opens with (its title: the visitor's first question). */
async function newTicket(
  deps: Deps,
  conv: Conversation,
  visitor: Visitor | null,
  source: Ticket["source"],
  priority?: Ticket["priority"],
): Promise<Ticket> {
  const [agent, first] = await Promise.all([
    deps.store.agents.get(conv.workspaceId, conv.agentId),
    // One text, not the transcript's first messages read whole (under load that read was most of a hand-off).
    deps.store.conversations.firstCustomerText(conv.workspaceId, conv.id),
  ]);
  const question = first?.trim() || "Chat with a visitor";
  const now = deps.clock.now();
  return {
    id: newId(now),
    workspaceId: conv.workspaceId,
    conversationId: conv.id,
    agentId: conv.agentId,
    title: question.length > 80 ? question.slice(0, 77) + "…" : question,
    description: question,
    status: "open",
    priority: priority ?? (source === "provider_failed" || source === "negative_sentiment" ? "high" : "medium"),
    customerEmail: visitor?.email ?? "",
    ...(visitor?.name ? { customerName: visitor.name } : {}),
    assignedTo: null,
    userId: agent?.userId ?? conv.visitorId,
    tags: [],
    source,
    resolvedAt: null,
    closedAt: null,
    rating: null,
    escalationLevel: 0,
    ...(conv.pageUrl ? { pageUrl: conv.pageUrl } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Hands a conversation to the team: the AI stops answering, a ticket opens
 * with the transcript, the visitor is told a person will follow up (unless
 * `quiet`: the AI's answer already said so) and, when their email is unknown,
 * asked for it (the widget shows a form). All of it one write
 * (`tickets.handOff`), then told live in the order it was written.
 */
export async function handOffToTeam(
  deps: Deps,
  conv: Conversation,
  source: Ticket["source"],
  opts: { quiet?: boolean; priority?: Ticket["priority"] } = {},
): Promise<Ticket> {
  const { workspaceId, id } = conv;
  const [existing, visitor] = await Promise.all([
    deps.store.tickets.forConversation(workspaceId, id),
    deps.store.visitors.get(workspaceId, conv.visitorId),
  ]);
  // Already with the team (a second "Talk to a human"): nothing new to say.
  if (conv.handledBy === "human" && existing) return existing;
  const lang = langOf(conv.language) ?? visitor?.lang;
  const done = await deps.store.tickets.handOff({
    workspaceId,
    conversationId: id,
    at: deps.clock.now(),
    switched: chat.switchEvents("human", source, null),
    ticket: existing ?? await newTicket(deps, conv, visitor, source, opts.priority),
    opened: ticketCreated(SYSTEM),
    lines: ({ switched, ticket, opened }) => [
      ...(switched && !opts.quiet ? [chat.systemLine(systemText(lang, "handoff"), { event: "takeover" })] : []),
      ...(opened ? [chat.systemLine(TICKET_OPENED, { event: "ticket_created", ticketId: ticket.id }, true)] : []),
      ...((switched || opened) && !visitor?.email && !ticket.customerEmail
        ? [chat.systemLine(systemText(lang, "emailRequest"), { event: "email_request", ticketId: ticket.id })]
        : []),
    ],
    appended: chat.messageCreated,
  });
  if (done.switched) {
    chat.publish(deps, workspaceId, id, { type: "conversation.updated", conversation: done.conversation });
  }
  for (const { message, conversation } of done.lines) {
    chat.publish(deps, workspaceId, id, { type: "message.created", message, conversation });
  }
  return done.opened ? announce(deps, done.ticket) : done.ticket;
}

/** The staff-only line a hand-off's ticket opens with. */
const TICKET_OPENED = "A ticket was opened for the team.";

/** Copies an email the visitor just gave onto their tickets that have none. */
export async function fillCustomerEmail(
  deps: Deps,
  workspaceId: string,
  visitorId: string,
  email: string,
  name?: string,
) {
  for (const conv of await deps.store.conversations.listForVisitor(workspaceId, visitorId)) {
    const t = await deps.store.tickets.forConversation(workspaceId, conv.id);
    if (t && !t.customerEmail) {
      await deps.store.tickets.update(workspaceId, t.id, {
        customerEmail: email,
        ...(name && !t.customerName ? { customerName: name } : {}),
        updatedAt: deps.clock.now(),
      }, ticketChanges(t, customerActor(visitorId)));
    }
  }
}
