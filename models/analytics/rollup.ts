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
import { histogramAdd, newHistogram } from "./histogram.ts";
import { newSketch, sketchAdd } from "./sketch.ts";
import {
  type ConversationFact,
  type DayKey,
  type DurationMetric,
  FACT_QUESTIONS,
  hourCounter,
  type RollupTx,
  type TeamCounters,
} from "./rollup_types.ts";
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
];

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** A conversation's fact before any event has counted (started nowhere, nothing sent). */
export function blankFact(
  workspaceId: string,
  conversationId: string,
  agentId: string,
  visitorId: string,
): ConversationFact {
  return {
    conversationId,
    workspaceId,
    agentId,
    visitorId,
    startedAt: null,
    day: null,
    pageUrl: null,
    messagesCustomer: 0,
    messagesAi: 0,
    messagesStaff: 0,
    aiInvolved: false,
    aiAnswered: false,
    lastAiAt: null,
    handedOff: false,
    handoffReason: null,
    handoffAt: null,
    firstResponseSeconds: null,
    ticketId: null,
    resolvedAt: null,
    resolutionSeconds: null,
    rating: null,
    tags: [],
    customerEmail: null,
    question: null,
    firstOfVisitor: false,
    firstWithAgent: false,
    aiRatedDay: null,
    staffReplies: {},
    firstResponder: null,
    resolvedBy: null,
    questions: [],
    sentimentCount: 0,
    sentimentSum: 0,
    negativeMessages: 0,
    categories: [],
  };
}

const REASON_COUNTER = {
  asked_for_human: "handoffCustomer",
  low_confidence: "handoffLowConfidence",
  provider_failed: "handoffProviderError",
  staff: "handoffStaff",
  // The customer's own words sent it to people, as when they ask for one: counted with them, so the
  // day rows (and both adapters' columns) keep their shape.
  negative_sentiment: "handoffCustomer",
} as const;

/**
 * Adds to a teammate's day and to their month (kept under the month's `YYYY-MM` as its day): the team table of a
 * long period reads its whole months from a row each, so its cost follows the months, not the days with replies.
 */
function addTeam(tx: RollupTx, key: DayKey & { userId: string }, delta: Partial<TeamCounters>) {
  tx.addTeam(key, delta);
  tx.addTeam({ ...key, day: key.day.slice(0, 7) }, delta);
}

function addDuration(tx: RollupTx, key: DayKey, metric: DurationMetric, seconds: number) {
  const h = tx.histogram(key, metric) ?? newHistogram();
  histogramAdd(h, seconds, 1);
  tx.putHistogram(key, metric, h);
}

const startsBefore = (a: ConversationFact, b: ConversationFact) =>
  a.startedAt!.getTime() - b.startedAt!.getTime() || (a.conversationId < b.conversationId ? -1 : 1);

/**
 * Flags `f` (just started) as the visitor's earliest conversation in the workspace and with its agent when it is,
 * counting a new customer on its day; the one flagged before, if it started later (events of different
 * conversations may be applied out of order), gives its flag and its count back.
 */
function markFirst(tx: RollupTx, f: ConversationFact) {
  for (const scope of ["workspace", "agent"] as const) {
    const flag = scope === "workspace" ? "firstOfVisitor" : "firstWithAgent";
    const counter = scope === "workspace" ? "newCustomers" : "newCustomersOfAgent";
    const prev = tx.firstConversation(f.workspaceId, f.visitorId, scope === "agent" ? f.agentId : null);
    if (prev && prev.conversationId !== f.conversationId) {
      if (!prev.startedAt || startsBefore(prev, f) < 0) continue;
      prev[flag] = false;
      tx.putFact(prev);
      tx.add({ workspaceId: f.workspaceId, day: prev.day!, agentId: prev.agentId }, { [counter]: -1 });
    }
    f[flag] = true;
    tx.add({ workspaceId: f.workspaceId, day: f.day!, agentId: f.agentId }, { [counter]: 1 });
  }
}

/** A page as counted: its URL without query string and fragment (they hold ids and tracking, not the page). */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    return (u.origin + u.pathname).slice(0, 500);
  } catch {
    return url.split(/[?#]/)[0].slice(0, 500);
  }
}

/** Scores in thousandths: integer counters sum exactly (the averages are rounded when read). */
const milli = (score: number) => Math.round(score * 1000);

/** Counts a customer's message's sentiment on its day, and a conversation's first negative one on its start day. */
function addSentiment(
  tx: RollupTx,
  f: ConversationFact,
  key: DayKey,
  sentiment: { score: number; label: "negative" | "neutral" | "positive" },
) {
  const negative = sentiment.label === "negative";
  f.sentimentCount++;
  f.sentimentSum += milli(sentiment.score);
  tx.add(key, { sentimentCount: 1, sentimentSum: milli(sentiment.score), sentimentNegative: negative ? 1 : 0 });
  if (!negative) return;
  if (f.negativeMessages === 0 && f.day) {
    tx.add({ workspaceId: f.workspaceId, day: f.day, agentId: f.agentId }, { conversationsNegative: 1 });
  }
  f.negativeMessages++;
}

/** Takes the AI answer's rating back out of the AI CSAT, where it was counted (rated again, or handed off). */
function withdrawAiRating(tx: RollupTx, f: ConversationFact) {
  if (f.aiRatedDay == null || f.rating === null) return;
  const key = { workspaceId: f.workspaceId, day: f.aiRatedDay, agentId: f.agentId };
  tx.add(key, { aiCsatCount: -1, aiCsatSum: -f.rating, [`aiCsat${f.rating}`]: -1 });
  f.rating = null;
  f.aiRatedDay = null;
}

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
