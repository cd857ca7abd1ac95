/**
 * Categories and the sentiment rule, from the event log:
 * - a customer's message tags its conversation (once) with the closest workspace category (by the agent's
 *   provider embeddings when it has them, else offline: `pickCategory`);
 * - a new ticket gets its conversation's category as a tag;
 * - staff changing a ticket's tags teach the categories (`learnFromTags`);
 * - a strongly negative customer message raises the conversation's ticket priority (the workspace's rule;
 *   the handoff half of the rule runs in the AI responder, before it answers), and so does one the agent's
 *   provider scores strongly negative later (`message.sentiment_scored`, from the `sentiment` listener).
 * Every step is idempotent: applying a tag, an example or a priority twice changes nothing.
 *
 * @module
 */
import {
  categorizeConversation,
  categorizeTicket,
  hasCategories,
  learnFromTags,
} from "../models/categories/categories.ts";
import * as chat from "../models/chat/chat.ts";
import type { DomainEvent } from "../models/events/event.ts";
import { SYSTEM } from "../models/events/event.ts";
import type { EventPayload } from "../models/events/catalog.ts";
import { cachedRuleOf, strongNegative } from "../models/sentiment/rules.ts";
import type { Deps } from "../models/ports/deps.ts";
import { ticketChanges } from "../models/tickets/ticket_events.ts";
import { PRIORITIES } from "../models/tickets/ticket_schemas.ts";
import { announce } from "../models/tickets/tickets.ts";
import type { Listener } from "./runner.ts";

async function raisePriority(deps: Deps, event: DomainEvent, score: number) {
  const rule = await cachedRuleOf(deps, event.workspaceId);
  if (!rule.raisePriority || !strongNegative(rule, score)) return;
  const ticket = await deps.store.tickets.forConversation(event.workspaceId, event.aggregateId);
  if (!ticket || PRIORITIES.indexOf(ticket.priority) >= PRIORITIES.indexOf(rule.raisePriority)) return;
  if (ticket.status === "resolved" || ticket.status === "closed") return;
  const updated = await deps.store.tickets.update(ticket.workspaceId, ticket.id, {
    priority: rule.raisePriority,
    updatedAt: deps.clock.now(),
  }, ticketChanges(ticket, SYSTEM));
  if (!updated) return;
  announce(deps, updated);
  const conv = await deps.store.conversations.get(ticket.workspaceId, ticket.conversationId);
  if (conv) {
    await chat.systemMessage(
      deps,
      conv,
      `Priority raised to ${rule.raisePriority}: the customer sounds very unhappy.`,
      {
        event: "sentiment_priority",
        ticketId: ticket.id,
      },
      true,
    );
  }
}

/** The categories and sentiment-rule listener. */
export const categories: Listener = {
  name: "categories",
  types: ["message.created", "message.sentiment_scored", "ticket.created", "ticket.updated"],
  wants(event) {
    if (event.type === "message.created") {
      return (event.payload as EventPayload<"message.created">).message.author.kind === "customer";
    }
    if (event.type === "ticket.updated") {
      // Only people's tag changes teach: the classifier's own (system) ones must not confirm themselves.
      const p = event.payload as EventPayload<"ticket.updated">;
      return "tags" in p.changes && event.actor.kind !== "system";
    }
    return true;
  },
  async handle(event, { deps, signal }) {
    if (event.type === "message.sentiment_scored") {
      const p = event.payload as EventPayload<"message.sentiment_scored">;
      await raisePriority(deps, event, p.sentiment.score);
      return;
    }
    if (event.type === "message.created") {
      const { message } = event.payload as EventPayload<"message.created">;
      // Every customer message comes here: the conversation is read only where there are categories to tag with.
      if (message.text.trim() && await hasCategories(deps, event.workspaceId)) {
        const conv = await deps.store.conversations.get(event.workspaceId, event.aggregateId);
        if (conv) await categorizeConversation(deps, conv, message.text, signal);
      }
      if (message.sentiment) await raisePriority(deps, event, message.sentiment.score);
      return;
    }
    const p = event.payload as EventPayload<"ticket.created"> | EventPayload<"ticket.updated">;
    const ticket = await deps.store.tickets.get(event.workspaceId, p.ticket.id);
    if (!ticket) return;
    if (event.type === "ticket.created") {
      await categorizeTicket(deps, ticket, signal);
      return;
    }
    const change = (p as EventPayload<"ticket.updated">).changes.tags;
    await learnFromTags(deps, ticket, (change.from ?? []) as string[], (change.to ?? []) as string[]);
  },
};
