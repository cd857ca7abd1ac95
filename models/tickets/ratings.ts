/**
 * Customer ratings of resolved tickets (1-5 and an optional comment), from
 * the widget (visitor token) or the emailed link; stored on the ticket for
 * analytics. A rating can be changed until the ticket reopens.
 *
 * A conversation the AI answered, without a ticket, is rated the same way
 * (the widget offers it under the AI's answer: "This solved it"): the score
 * is recorded as a `conversation.rated` event, which the analytics count as
 * the CSAT of AI-answered conversations, apart from the tickets'.
 *
 * @module
 */
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import * as chat from "../chat/chat.ts";
import type { Visitor } from "../chat/conversation.ts";
import { customerActor, newEvent } from "../events/event.ts";
import { conversationRef } from "../events/payloads.ts";
import type { Conversation } from "../chat/conversation.ts";
import type { Deps } from "../ports/deps.ts";
import type { Ticket } from "./ticket.ts";
import { ratingLinkValid } from "./ticket_mail.ts";
import { ticketChanges } from "./ticket_events.ts";
import { announce } from "./tickets.ts";

async function rate(deps: Deps, ticket: Ticket, score: number, comment?: string): Promise<Ticket> {
  if (ticket.status !== "resolved" && ticket.status !== "closed") {
    throw new ConflictError("Only resolved conversations can be rated.", "not_resolved");
  }
  const conv = await deps.store.conversations.get(ticket.workspaceId, ticket.conversationId);
  const updated = await deps.store.tickets.update(ticket.workspaceId, ticket.id, {
    rating: { score, ...(comment ? { comment } : {}), at: deps.clock.now() },
    updatedAt: deps.clock.now(),
  }, ticketChanges(ticket, conv ? customerActor(conv.visitorId) : { kind: "customer" }));
  if (!updated) throw new NotFoundError("Ticket");
  if (conv) {
    await chat.systemMessage(deps, conv, `The customer rated this conversation ${score}/5.`, {
      event: "rated",
      score,
    }, true);
  }
  return announce(deps, updated);
}

/** How far back the AI's answer is looked for (the visitor's last public messages). */
const LAST_MESSAGES = 20;

/**
 * The visitor rates the AI's answer in a conversation the team never took (no ticket, answered by the AI, the
 * AI's answer the last word): one `conversation.rated` event, written with the conversation's change.
 */
async function rateAiAnswer(deps: Deps, conv: Conversation, score: number, comment?: string): Promise<void> {
  if (conv.handledBy !== "ai") {
    throw new ConflictError("This conversation is with the team; rate it once it is resolved.", "not_answered");
  }
  const recent = await deps.store.conversations.messagesAfter(
    conv.workspaceId,
    conv.id,
    Math.max(0, conv.lastPublicSeq - LAST_MESSAGES),
    { limit: LAST_MESSAGES, includeInternal: false },
  );
  const last = recent.filter((m) => m.sender !== "system").at(-1);
  if (!last || last.authorKind !== "ai" || last.status !== "complete") {
    throw new ConflictError("Only an answer the AI has given can be rated.", "not_answered");
  }
  const updated = await deps.store.conversations.update(
    conv.workspaceId,
    conv.id,
    { updatedAt: deps.clock.now() },
    (c) => [
      newEvent("conversation.rated", {
        workspaceId: c.workspaceId,
        aggregateId: c.id,
        actor: customerActor(c.visitorId),
        at: deps.clock.now(),
        payload: { ...conversationRef(c), score, ...(comment ? { comment } : {}) },
      }),
    ],
  );
  if (!updated) throw new NotFoundError("Conversation");
  await chat.systemMessage(deps, updated, `The customer rated the AI's answer ${score}/5.`, {
    event: "rated",
    score,
  }, true);
}

/**
 * The visitor rates one of their conversations: its ticket when it has one (resolved), else the AI's answer.
 * Answers the ticket rated, or null for an AI answer.
 */
export async function rateAsVisitor(
  deps: Deps,
  visitor: Visitor,
  conversationId: string,
  input: { score: number; comment?: string },
): Promise<Ticket | null> {
  const conv = await chat.visitorConversation(deps, visitor, conversationId);
  const ticket = await deps.store.tickets.forConversation(conv.workspaceId, conv.id);
  if (!ticket) {
    await rateAiAnswer(deps, conv, input.score, input.comment);
    return null;
  }
  return await rate(deps, ticket, input.score, input.comment);
}

/** The customer rates through the emailed, signed link. */
export async function rateByLink(
  deps: Deps,
  link: { w: string; t: string; exp: number; sig: string },
  input: { score: number; comment?: string },
): Promise<Ticket> {
  const ticket = (await ratingLinkValid(deps, link.w, link.t, link.exp, link.sig))
    ? await deps.store.tickets.get(link.w, link.t)
    : null;
  if (!ticket) throw new NotFoundError("Ticket");
  return await rate(deps, ticket, input.score, input.comment);
}
