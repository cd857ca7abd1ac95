/**
 * How each event of the log changes the analytics rollups: the one place
 * that decides what counts, on which day, for which agent and teammate. Run
 * by the listener (`listeners/analytics.ts`) and by the rebuild, inside the
 * event's transaction, once per event id (`AnalyticsRepo.apply`).
 *
 * Days: a conversation counts on the day it started (so involvement and
 * AI-resolution are shares of the same conversations); messages, handoffs,
 * tickets, first responses, resolutions and ratings on the day they happen.
 *
 * @module
 */
import type { EventType } from "../events/catalog.ts";
import type { DomainEvent } from "../events/event.ts";
import { localDay, localHour } from "./days.ts";
import {
  addDuration,
  addSentiment,
  addTeam,
  blankFact,
  markFirst,
  pageKey,
  REASON_COUNTER,
  seconds,
  withdrawAiRating,
  withdrawSentiment,
} from "./rollup_facts.ts";
import { newSketch, sketchAdd } from "./sketch.ts";
import { type ConversationFact, type DayKey, FACT_QUESTIONS, hourCounter, type RollupTx } from "./rollup_types.ts";
import { isUnsure, QUESTION_MAX_CHARS, questionSignature } from "./topics.ts";

/** The event types the rollups read. */
export const ROLLUP_TYPES: readonly EventType[] = [
  "conversation.started",
  "message.created",
  "conversation.handed_off",
  "customer.identified",
  "ticket.created",
  "ticket.updated",
  "ticket.status_changed",
  "ticket.rated",
  "conversation.rated",
  "conversation.categorized",
  "message.sentiment_scored",
];

/** Applies one event to the rollups; `timeZone` is the workspace's. */
export function applyEvent(tx: RollupTx, event: DomainEvent, timeZone: string): void {
  const ws = event.workspaceId;
  const at = event.occurredAt;
  const today = localDay(at, timeZone);
  const dayOf = (agentId: string): DayKey => ({ workspaceId: ws, day: today, agentId });
  const factOf = (p: { conversationId: string; agentId: string; visitorId: string }) =>
    tx.fact(p.conversationId) ?? blankFact(ws, p.conversationId, p.agentId, p.visitorId);
  /** Moves the conversation in or out of "the AI answered last" on the day it started. */
  const setAnswered = (f: ConversationFact, answered: boolean) => {
    if (f.aiAnswered === answered) return;
    f.aiAnswered = answered;
    if (f.day) tx.add({ workspaceId: ws, day: f.day, agentId: f.agentId }, { aiAnswered: answered ? 1 : -1 });
  };

  switch (event.type) {
    case "conversation.started": {
      const p = (event as DomainEvent<"conversation.started">).payload;
      const f = factOf(p);
      if (f.startedAt) return;
      f.startedAt = at;
      f.day = today;
      f.visitorId = p.visitorId;
      f.pageUrl = p.pageUrl ?? null;
      f.customerEmail ??= tx.visitorEmail(ws, p.visitorId);
      markFirst(tx, f);
      tx.putFact(f);
      tx.add(dayOf(p.agentId), {
        conversations: 1,
        [hourCounter(localHour(at, timeZone))]: 1,
        // A negative message or categories seen before the start (events applied out of order) count now.
        ...(f.negativeMessages ? { conversationsNegative: 1 } : {}),
      });
      for (const c of f.categories) tx.addCategory(dayOf(p.agentId), c, { conversations: 1 });
      if (f.pageUrl) tx.addPage(dayOf(p.agentId), pageKey(f.pageUrl));
      const sketch = tx.sketch(dayOf(p.agentId)) ?? newSketch();
      if (sketchAdd(sketch, p.visitorId)) tx.putSketch(dayOf(p.agentId), sketch);
      return;
    }
    case "message.created": {
      const p = (event as DomainEvent<"message.created">).payload;
      const m = p.message;
      if (m.internal || m.sender === "system") return;
      const f = factOf(p);
      const at = new Date(m.createdAt);
      const key = { workspaceId: ws, day: localDay(at, timeZone), agentId: p.agentId };
      if (m.sender === "user") {
        f.messagesCustomer++;
        setAnswered(f, false);
        // A question waits for the AI's answer: only where the AI answers (a team's chat is not looked at, which
        // keeps the relay's cost down). Small talk ("thanks!") leaves the waiting question as it was.
        if (p.handledBy === "ai" && questionSignature(m.text)) f.question = m.text.slice(0, QUESTION_MAX_CHARS);
        tx.add(key, { messagesCustomer: 1 });
        if (m.sentiment) addSentiment(tx, f, key, m.sentiment);
      } else if (m.author.kind === "ai") {
        if (m.status !== "complete") return;
        f.messagesAi++;
        f.lastAiAt = at;
        if (!f.aiInvolved) {
          f.aiInvolved = true;
          if (f.day) tx.add({ ...key, day: f.day }, { aiInvolved: 1 });
        }
        setAnswered(f, !f.handedOff && !m.ai?.handoff);
        tx.add(key, {
          messagesAi: 1,
          [m.citations.length ? "aiWithSources" : "aiWithoutSources"]: 1,
          ...(m.ai?.firstTokenMs != null ? { firstTokenCount: 1, firstTokenSum: m.ai.firstTokenMs } : {}),
        });
        if (m.ai?.firstTokenMs != null) addDuration(tx, key, "firstToken", m.ai.firstTokenMs);
        const signature = f.question ? questionSignature(f.question) : null;
        if (signature) {
          const unsure = isUnsure(m.ai) ? 1 : 0;
          tx.addQuestion(key, signature, { asked: 1, unsure, example: f.question! });
          const q = f.questions.find((x) => x[0] === signature);
          if (q) {
            q[1]++;
            q[2] += unsure;
          } else if (f.questions.length < FACT_QUESTIONS) f.questions.push([signature, 1, unsure, f.question!]);
          tx.add(key, { questions: 1, questionsUnsure: unsure });
        }
        f.question = null;
      } else if (m.author.kind === "staff") {
        f.messagesStaff++;
        tx.add(key, { messagesStaff: 1 });
        const userId = m.author.id;
        if (userId) {
          addTeam(tx, { ...key, userId }, { replies: 1 });
          f.staffReplies = { ...f.staffReplies, [userId]: (f.staffReplies[userId] ?? 0) + 1 };
        }
        if (f.handedOff && f.handoffAt && f.firstResponseSeconds === null) {
          const s = seconds(f.handoffAt, at);
          f.firstResponseSeconds = s;
          f.firstResponder = userId ?? null;
          tx.add(key, { firstResponseCount: 1, firstResponseSum: s });
          addDuration(tx, key, "firstResponse", s);
          if (userId) addTeam(tx, { ...key, userId }, { firstResponseCount: 1, firstResponseSum: s });
        }
      }
      tx.putFact(f);
      return;
    }
    case "message.sentiment_scored": {
      // The provider re-scored a customer's message: its lexicon score leaves the counters, the new one enters,
      // on the day the message was written.
      const p = (event as DomainEvent<"message.sentiment_scored">).payload;
      const f = factOf(p);
      const key = { workspaceId: ws, day: localDay(new Date(p.messageCreatedAt), timeZone), agentId: p.agentId };
      withdrawSentiment(tx, f, key, p.previous);
      addSentiment(tx, f, key, p.sentiment);
      tx.putFact(f);
      return;
    }
    case "conversation.handed_off": {
      const p = (event as DomainEvent<"conversation.handed_off">).payload;
      const f = factOf(p);
      if (!f.handedOff) {
        f.handedOff = true;
        f.handoffReason = p.reason;
        f.handoffAt = at;
      }
      setAnswered(f, false);
      // The customer rated the AI's answer, then needed the team after all: not an AI-resolved rating any more.
      withdrawAiRating(tx, f);
      tx.putFact(f);
      tx.add(dayOf(p.agentId), { handoffs: 1, [REASON_COUNTER[p.reason]]: 1 });
      return;
    }
    case "customer.identified": {
      const p = (event as DomainEvent<"customer.identified">).payload;
      if (p.email) tx.identify(ws, p.visitorId, p.email);
      return;
    }
    case "ticket.created": {
      const t = (event as DomainEvent<"ticket.created">).payload.ticket;
      if (tx.ticket(t.id)) return;
      const createdAt = new Date(t.createdAt);
      tx.putTicket({
        ticketId: t.id,
        workspaceId: ws,
        conversationId: t.conversationId,
        agentId: t.agentId,
        createdAt,
        resolvedAt: null,
        resolvedBy: null,
        rating: null,
        ratedDay: null,
        comment: null,
      });
      const f = tx.fact(t.conversationId) ?? blankFact(ws, t.conversationId, t.agentId, "");
      f.ticketId = t.id;
      f.tags = t.tags;
      if (t.customerEmail) f.customerEmail = t.customerEmail;
      tx.putFact(f);
      const created = { workspaceId: ws, day: localDay(createdAt, timeZone), agentId: t.agentId };
      tx.add(created, { ticketsCreated: 1 });
      for (const c of f.categories) tx.addCategory(created, c, { tickets: 1 });
      return;
    }
    case "ticket.updated": {
      const t = (event as DomainEvent<"ticket.updated">).payload.ticket;
      const f = tx.fact(t.conversationId);
      if (!f) return;
      f.tags = t.tags;
      if (t.customerEmail) f.customerEmail = t.customerEmail;
      tx.putFact(f);
      return;
    }
    case "ticket.status_changed": {
      const p = (event as DomainEvent<"ticket.status_changed">).payload;
      const t = tx.ticket(p.ticketId);
      if (!t || p.to !== "resolved" || t.resolvedAt) return;
      const s = seconds(t.createdAt, at);
      t.resolvedAt = at;
      t.resolvedBy = event.actor.kind === "staff" ? event.actor.id ?? null : null;
      tx.putTicket(t);
      const f = tx.fact(t.conversationId);
      if (f) {
        f.resolvedAt = at;
        f.resolutionSeconds = s;
        f.resolvedBy = t.resolvedBy;
        tx.putFact(f);
      }
      const key = dayOf(t.agentId);
      tx.add(key, { ticketsResolved: 1, resolutionCount: 1, resolutionSum: s });
      addDuration(tx, key, "resolution", s);
      if (t.resolvedBy) addTeam(tx, { ...key, userId: t.resolvedBy }, { resolved: 1 });
      return;
    }
    case "ticket.rated": {
      const p = (event as DomainEvent<"ticket.rated">).payload;
      const t = tx.ticket(p.ticketId);
      if (!t) return;
      if (t.rating !== null && t.ratedDay) {
        // Rated again: the new score replaces the old one, where the old one was counted.
        const old = { workspaceId: ws, day: t.ratedDay, agentId: t.agentId };
        tx.add(old, { csatCount: -1, csatSum: -t.rating, [`csat${t.rating}`]: -1 });
        if (t.resolvedBy) addTeam(tx, { ...old, userId: t.resolvedBy }, { csatCount: -1, csatSum: -t.rating });
      }
      t.rating = p.score;
      t.ratedDay = today;
      const rated = tx.fact(t.conversationId);
      // A ticket's rating replaces an AI answer's rating of the same conversation (which the handoff withdrew).
      if (rated) withdrawAiRating(tx, rated);
      t.comment = p.comment?.trim() || null;
      tx.putTicket(t);
      const key = dayOf(t.agentId);
      tx.add(key, { csatCount: 1, csatSum: p.score, [`csat${p.score}`]: 1 });
      if (t.resolvedBy) addTeam(tx, { ...key, userId: t.resolvedBy }, { csatCount: 1, csatSum: p.score });
      if (rated) {
        rated.rating = p.score;
        tx.putFact(rated);
      }
      return;
    }
    case "conversation.categorized": {
      const p = (event as DomainEvent<"conversation.categorized">).payload;
      const f = factOf(p);
      const next = [...new Set(p.categories)];
      const ticket = f.ticketId ? tx.ticket(f.ticketId) : null;
      const count = (c: string, n: number) => {
        if (f.day) tx.addCategory({ workspaceId: ws, day: f.day, agentId: f.agentId }, c, { conversations: n });
        if (ticket) {
          const created = { workspaceId: ws, day: localDay(ticket.createdAt, timeZone), agentId: ticket.agentId };
          tx.addCategory(created, c, { tickets: n });
        }
      };
      for (const c of next) if (!f.categories.includes(c)) count(c, 1);
      for (const c of f.categories) if (!next.includes(c)) count(c, -1);
      f.categories = next;
      tx.putFact(f);
      return;
    }
    case "conversation.rated": {
      const p = (event as DomainEvent<"conversation.rated">).payload;
      const f = tx.fact(p.conversationId);
      // Counted for conversations the AI answered and that never went to the team (a ticket's CSAT is its own).
      if (!f || !f.aiInvolved || f.handedOff) return;
      withdrawAiRating(tx, f);
      f.rating = p.score;
      f.aiRatedDay = today;
      tx.putFact(f);
      tx.add(dayOf(f.agentId), { aiCsatCount: 1, aiCsatSum: p.score, [`aiCsat${p.score}`]: 1 });
      return;
    }
  }
}
