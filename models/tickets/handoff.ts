/**
 * Handoff: a conversation becomes a ticket when the visitor asks for a
 * person, the AI is unsure, or the provider fails. The AI stops, the ticket
 * carries the transcript, and the visitor is asked for an email if unknown.
 *
 * @module
 */
import { newId } from "../../lib/ids.ts";
import * as chat from "../chat/chat.ts";
import type { Conversation } from "../chat/conversation.ts";
import { langOf, systemText } from "../chat/system_texts.ts";
import type { Deps } from "../ports/deps.ts";
import type { Ticket } from "./ticket.ts";
import { customerActor, SYSTEM } from "../events/event.ts";
import { ticketChanges, ticketCreated } from "./ticket_events.ts";
import { announce } from "./tickets.ts";

/** Opens (or returns) the ticket of a conversation handed to people. */
export async function ticketForHandoff(
  deps: Deps,
  conv: Conversation,
  source: Ticket["source"],
  priority?: Ticket["priority"],
): Promise<Ticket> {
  const existing = await deps.store.tickets.forConversation(conv.workspaceId, conv.id);
  if (existing) return existing;
  const [visitor, agent, first] = await Promise.all([
    deps.store.visitors.get(conv.workspaceId, conv.visitorId),
    deps.store.agents.get(conv.workspaceId, conv.agentId),
    deps.store.conversations.messagesAfter(conv.workspaceId, conv.id, 0, { limit: 20, includeInternal: false }),
  ]);
  const question = first.find((m) => m.authorKind === "visitor" && m.text.trim())?.text.trim() ?? "Chat with a visitor";
  const now = deps.clock.now();
  const ticket: Ticket = {
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
  await deps.store.tickets.insert(ticket, ticketCreated(SYSTEM)).catch(async (err) => {
    // Two handoffs at once: the unique conversation id keeps one ticket.
    if (await deps.store.tickets.forConversation(conv.workspaceId, conv.id)) return;
    throw err;
  });
  const created = (await deps.store.tickets.forConversation(conv.workspaceId, conv.id))!;
  await chat.systemMessage(deps, conv, "A ticket was opened for the team.", {
    event: "ticket_created",
    ticketId: created.id,
  }, true);
  return announce(deps, created);
}

/**
 * Hands a conversation to the team: the AI stops answering, a ticket opens
 * with the transcript, the visitor is told a person will follow up (unless
 * `quiet`: the AI's answer already said so) and, when their email is unknown,
 * asked for it (the widget shows a form).
 */
export async function handOffToTeam(
  deps: Deps,
  conv: Conversation,
  source: Ticket["source"],
  opts: { quiet?: boolean; priority?: Ticket["priority"] } = {},
): Promise<Ticket> {
  const existing = await deps.store.tickets.forConversation(conv.workspaceId, conv.id);
  // Already with the team (a second "Talk to a human"): nothing new to say.
  if (conv.handledBy === "human" && existing) return existing;
  const handed = await chat.setHandledBy(deps, null, conv, "human", { quiet: opts.quiet, reason: source });
  const ticket = await ticketForHandoff(deps, handed, source, opts.priority);
  const visitor = await deps.store.visitors.get(conv.workspaceId, conv.visitorId);
  if (!visitor?.email && !ticket.customerEmail) {
    await chat.systemMessage(
      deps,
      handed,
      systemText(langOf(handed.language) ?? visitor?.lang, "emailRequest"),
      { event: "email_request", ticketId: ticket.id },
    );
  }
  return ticket;
}

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
