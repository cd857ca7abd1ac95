/**
 * The summary's metrics for the conversations whose ticket carries a tag.
 * Tags live on tickets and change over a ticket's life, so no day counter is
 * kept per tag: the period's facts (one row per conversation) are read
 * instead, through the facts' period index, the tag matched on each row, and
 * the metrics computed exactly from the matching ones. The cost follows the
 * conversations started in the period, not the messages (README, Analytics).
 *
 * @module
 */
import type { Deps } from "../ports/deps.ts";
import { daysOf, localDay, localHour, weekday } from "./days.ts";
import type { ConversationFact, TeamCounters } from "./rollup_types.ts";
import type { SignatureCount } from "./topics.ts";
import { categoryTotals, sentimentOf } from "./volumes.ts";
import type { Period } from "./queries.ts";
import type { PeriodMetrics } from "./wire.ts";

/** Facts read per query while the period is scanned. */
const PAGE = 2000;

const ratio = (a: number, b: number, digits = 4) => (b ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null);

/** Average (1 decimal) and exact median of a list of durations. */
function durations(values: number[]): { median: number | null; average: number | null } {
  if (!values.length) return { median: null, average: null };
  const sorted = values.toSorted((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, average: ratio(values.reduce((s, v) => s + v, 0), values.length, 1) };
}

function csat(scores: number[]) {
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const s of scores) distribution[s as 1 | 2 | 3 | 4 | 5]++;
  return {
    average: ratio(scores.reduce((a, b) => a + b, 0), scores.length, 2),
    responses: scores.length,
    distribution,
  };
}

const REASONS = {
  asked_for_human: "customer",
  low_confidence: "lowConfidence",
  provider_failed: "providerError",
  staff: "staff",
} as const;

/** The facts of the period's conversations whose ticket carries `tag`, in start order. */
async function taggedFacts(deps: Pick<Deps, "store">, p: Period, tag: string): Promise<ConversationFact[]> {
  const facts: ConversationFact[] = [];
  let after: string | undefined;
  do {
    const page = await deps.store.analytics.facts(p, { after, limit: PAGE, tag });
    facts.push(...page.facts);
    after = page.next ?? undefined;
  } while (after);
  return facts;
}

/** The sentiment counters of facts (their conversations' customers' messages). */
function sentimentCounters(facts: ConversationFact[]) {
  return {
    sentimentCount: facts.reduce((s, f) => s + f.sentimentCount, 0),
    sentimentSum: facts.reduce((s, f) => s + f.sentimentSum, 0),
    sentimentNegative: facts.reduce((s, f) => s + f.negativeMessages, 0),
    conversationsNegative: facts.filter((f) => f.negativeMessages > 0).length,
    conversations: facts.length,
  };
}

/** Conversations per category of facts, and tickets (those with one), on the conversation's start day. */
const categoryRows = (facts: ConversationFact[]) =>
  facts.flatMap((f) => f.categories.map((category) => ({ category, conversations: 1, tickets: f.ticketId ? 1 : 0 })));

/** The metrics of the period's conversations tagged `tag` (definitions: README, Analytics, "tag filter"). */
export async function taggedMetrics(
  deps: Pick<Deps, "store" | "clock">,
  p: Period,
  tag: string,
): Promise<PeriodMetrics> {
  const facts = await taggedFacts(deps, p, tag);
  const resolvedBy = (f: ConversationFact) =>
    f.resolvedAt !== null && localDay(f.resolvedAt, p.timeZone) <= p.to ? f : null;
  const windowStart = deps.clock.now().getTime() - p.resolutionWindowMinutes * 60_000;
  const visitors = new Set(facts.map((f) => f.visitorId));
  const newVisitors = new Set(
    facts.filter((f) => p.agentId ? f.firstWithAgent : f.firstOfVisitor).map((f) => f.visitorId),
  );
  const handoffReasons = { customer: 0, lowConfidence: 0, providerError: 0, staff: 0 };
  for (const f of facts) {
    const reason = f.handedOff && f.handoffReason ? REASONS[f.handoffReason as keyof typeof REASONS] : undefined;
    if (reason) handoffReasons[reason]++;
  }
  const tickets = facts.filter((f) => f.ticketId !== null);
  const resolved = tickets.filter(resolvedBy);
  const aiResolved =
    facts.filter((f) => f.aiAnswered && !f.handedOff && f.lastAiAt && f.lastAiAt.getTime() <= windowStart).length;
  const sum = (pick: (f: ConversationFact) => number) => facts.reduce((s, f) => s + pick(f), 0);
  return {
    from: p.from,
    to: p.to,
    conversations: facts.length,
    customers: visitors.size,
    returningCustomers: visitors.size - newVisitors.size,
    messages: {
      customer: sum((f) => f.messagesCustomer),
      ai: sum((f) => f.messagesAi),
      staff: sum((f) => f.messagesStaff),
    },
    aiInvolved: facts.filter((f) => f.aiInvolved).length,
    aiResolved,
    automationRate: ratio(aiResolved, facts.length),
    // Not kept per conversation.
    aiAnswers: null,
    firstTokenMs: { median: null, average: null },
    handoffs: facts.filter((f) => f.handedOff).length,
    handoffReasons,
    ticketsCreated: tickets.length,
    ticketsResolved: resolved.length,
    ticketsOpen: tickets.length - resolved.length,
    firstResponseSeconds: durations(facts.flatMap((f) => f.firstResponseSeconds ?? [])),
    resolutionSeconds: durations(resolved.flatMap((f) => f.resolutionSeconds ?? [])),
    csat: csat(facts.flatMap((f) => f.rating !== null && f.aiRatedDay == null && f.ticketId ? [f.rating] : [])),
    aiCsat: csat(facts.flatMap((f) => f.rating !== null && f.aiRatedDay != null ? [f.rating] : [])),
    sentiment: sentimentOf(sentimentCounters(facts)),
    categories: categoryTotals(categoryRows(facts)),
  };
}

/** A ticket's rating of the fact (not the AI answer's), or null. */
const ticketRating = (f: ConversationFact) => f.rating !== null && f.aiRatedDay == null && f.ticketId ? f.rating : null;

/**
 * The time series of the period's conversations tagged `tag`: each conversation's counts on the day it started
 * (its messages included), except resolutions, on the day they happened (README, Analytics, "tag filter").
 */
export async function taggedSeries(deps: Pick<Deps, "store" | "clock">, p: Period, tag: string) {
  const facts = await taggedFacts(deps, p, tag);
  const windowStart = deps.clock.now().getTime() - p.resolutionWindowMinutes * 60_000;
  const byDay = Map.groupBy(facts, (f) => f.day!);
  const resolvedOn = Map.groupBy(
    facts.filter((f) => f.ticketId && f.resolvedAt),
    (f) => localDay(f.resolvedAt!, p.timeZone),
  );
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const f of facts) heatmap[weekday(f.day!)][localHour(f.startedAt!, p.timeZone)]++;
  let backlog = 0;
  const days = daysOf(p.from, p.to).map((day) => {
    const fs = byDay.get(day) ?? [];
    const ratings = fs.flatMap((f) => ticketRating(f) ?? []);
    const created = fs.filter((f) => f.ticketId).length;
    const resolved = (resolvedOn.get(day) ?? []).length;
    backlog += created - resolved;
    return {
      day,
      conversations: fs.length,
      messages: fs.reduce((s, f) => s + f.messagesCustomer + f.messagesAi + f.messagesStaff, 0),
      aiInvolved: fs.filter((f) => f.aiInvolved).length,
      aiResolved: fs.filter((f) => f.aiAnswered && !f.handedOff && f.lastAiAt && f.lastAiAt.getTime() <= windowStart)
        .length,
      handoffs: fs.filter((f) => f.handedOff).length,
      ticketsCreated: created,
      ticketsResolved: resolved,
      ticketsOpen: backlog,
      csatResponses: ratings.length,
      csatAverage: ratio(ratings.reduce((a, b) => a + b, 0), ratings.length, 2),
      sentiment: sentimentOf(sentimentCounters(fs)),
      categories: categoryTotals(categoryRows(fs)),
    };
  });
  return { days, heatmap, categories: categoryTotals(categoryRows(facts)) };
}

/** The team table's counters over the period's conversations tagged `tag`, per teammate. */
export async function taggedTeam(deps: Pick<Deps, "store" | "clock">, p: Period, tag: string) {
  const facts = await taggedFacts(deps, p, tag);
  const rows = new Map<string, { userId: string } & TeamCounters>();
  const row = (userId: string) =>
    rows.get(userId) ??
      rows.set(userId, {
        userId,
        replies: 0,
        firstResponseCount: 0,
        firstResponseSum: 0,
        resolved: 0,
        csatCount: 0,
        csatSum: 0,
      }).get(userId)!;
  for (const f of facts) {
    for (const [userId, n] of Object.entries(f.staffReplies)) row(userId).replies += n;
    if (f.firstResponder && f.firstResponseSeconds !== null) {
      row(f.firstResponder).firstResponseCount++;
      row(f.firstResponder).firstResponseSum += f.firstResponseSeconds;
    }
    if (f.resolvedBy && f.resolvedAt && localDay(f.resolvedAt, p.timeZone) <= p.to) {
      row(f.resolvedBy).resolved++;
      const rating = ticketRating(f);
      if (rating !== null) {
        row(f.resolvedBy).csatCount++;
        row(f.resolvedBy).csatSum += rating;
      }
    }
  }
  return [...rows.values()].sort((a, b) => (a.userId < b.userId ? -1 : 1));
}

/** The questions of the period's conversations tagged `tag`, by signature (as the store sums the lists). */
export async function taggedQuestions(deps: Pick<Deps, "store">, p: Period, tag: string): Promise<SignatureCount[]> {
  const merged = new Map<string, SignatureCount & { agents: Map<string, number> }>();
  for (const f of await taggedFacts(deps, p, tag)) {
    for (const [signature, asked, unsure, example] of f.questions) {
      const m = merged.get(signature) ?? merged.set(signature, {
        signature,
        asked: 0,
        unsure: 0,
        example,
        unsureExample: null,
        lastUnsureDay: null,
        unsureAgentId: null,
        agents: new Map(),
      }).get(signature)!;
      m.asked += asked;
      m.unsure += unsure;
      if (!unsure) continue;
      m.unsureExample ??= example;
      if (!m.lastUnsureDay || f.day! > m.lastUnsureDay) m.lastUnsureDay = f.day;
      m.agents.set(f.agentId, (m.agents.get(f.agentId) ?? 0) + unsure);
    }
  }
  return [...merged.values()].map(({ agents, ...m }) => ({
    ...m,
    unsureAgentId: [...agents].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null,
  }));
}
