/**
 * Customer ratings of resolved tickets (1-5 and an optional comment), from
 * the widget (visitor token) or the emailed link; stored on the ticket for
 * analytics. A rating can be changed until the ticket reopens.
 *
 * @module
 */
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import * as chat from "../chat/chat.ts";
import type { Visitor } from "../chat/conversation.ts";
import { customerActor } from "../events/event.ts";
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

/** The visitor rates the ticket of one of their conversations. */
export async function rateAsVisitor(
  deps: Deps,
  visitor: Visitor,
  conversationId: string,
  input: { score: number; comment?: string },
): Promise<Ticket> {
  const conv = await chat.visitorConversation(deps, visitor, conversationId);
  const ticket = await deps.store.tickets.forConversation(conv.workspaceId, conv.id);
  if (!ticket) throw new NotFoundError("Ticket");
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
