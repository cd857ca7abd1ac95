/**
 * The building blocks `rollup.ts`'s cases share: a conversation's blank fact, the team, duration and sentiment
 * counters, the first-customer flags, and taking an AI answer's rating back. Each writes through the batch's
 * `RollupTx`, as the cases do.
 *
 * @module
 */
import { histogramAdd, newHistogram } from "./histogram.ts";
import {
  type ConversationFact,
  type DayKey,
  type DurationMetric,
  type RollupTx,
  type TeamCounters,
} from "./rollup_types.ts";

export const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

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

export const REASON_COUNTER = {
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
export function addTeam(tx: RollupTx, key: DayKey & { userId: string }, delta: Partial<TeamCounters>) {
  tx.addTeam(key, delta);
  tx.addTeam({ ...key, day: key.day.slice(0, 7) }, delta);
}

export function addDuration(tx: RollupTx, key: DayKey, metric: DurationMetric, seconds: number) {
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
export function markFirst(tx: RollupTx, f: ConversationFact) {
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
export function addSentiment(
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

/** Takes a message's sentiment back out of the counters {@link addSentiment} added it to (it was re-scored). */
export function withdrawSentiment(
  tx: RollupTx,
  f: ConversationFact,
  key: DayKey,
  sentiment: { score: number; label: "negative" | "neutral" | "positive" },
) {
  const negative = sentiment.label === "negative";
  f.sentimentCount--;
  f.sentimentSum -= milli(sentiment.score);
  tx.add(key, { sentimentCount: -1, sentimentSum: -milli(sentiment.score), sentimentNegative: negative ? -1 : 0 });
  if (!negative || f.negativeMessages === 0) return;
  f.negativeMessages--;
  if (f.negativeMessages === 0 && f.day) {
    tx.add({ workspaceId: f.workspaceId, day: f.day, agentId: f.agentId }, { conversationsNegative: -1 });
  }
}

/** Takes the AI answer's rating back out of the AI CSAT, where it was counted (rated again, or handed off). */
export function withdrawAiRating(tx: RollupTx, f: ConversationFact) {
  if (f.aiRatedDay == null || f.rating === null) return;
  const key = { workspaceId: f.workspaceId, day: f.aiRatedDay, agentId: f.agentId };
  tx.add(key, { aiCsatCount: -1, aiCsatSum: -f.rating, [`aiCsat${f.rating}`]: -1 });
  f.rating = null;
  f.aiRatedDay = null;
}
