/**
 * The dashboard's reads: a period's metrics (and the previous period's), the
 * daily series and the team table. Each sums per-day rollups (and per-day
 * duration histograms for medians), so its cost follows the days asked for,
 * not the messages behind them. Metric definitions: the README, "Analytics".
 *
 * @module
 */
import { ValidationError } from "../../lib/errors.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import type { DayRange } from "../ports/store_analytics.ts";
import { addDays, dayCount, daysOf, localDay, weekday } from "./days.ts";
import { type DayCounters, hourCounter } from "./rollup_types.ts";
import { histogramMedian, histogramMerge, newHistogram } from "./histogram.ts";
import { analyticsSettings } from "./settings.ts";
import { newSketch, sketchCount, sketchMerge } from "./sketch.ts";
import { categoryTotals, sentimentOf } from "./volumes.ts";
import { taggedMetrics, taggedSeries, taggedTeam } from "./tagged.ts";
import { type ListQuery, MAX_PERIOD_DAYS, type PeriodMetrics, type PeriodQuery, type TaggedQuery } from "./wire.ts";

/** A resolved period: the workspace, its days, its settings. */
export interface Period extends DayRange {
  timeZone: string;
  resolutionWindowMinutes: number;
}

/** The period a query asks for: the last 30 days (today included, in the workspace's zone) by default. */
export async function periodOf(deps: Pick<Deps, "store" | "clock">, user: User, q: PeriodQuery): Promise<Period> {
  const settings = await analyticsSettings(deps, user.workspaceId);
  const to = q.to ?? (q.from ? addDays(q.from, 29) : localDay(deps.clock.now(), settings.timeZone));
  const from = q.from ?? addDays(to, -29);
  if (from > to) throw new ValidationError("`from` is after `to`.", { fields: { from: "Must not be after `to`." } });
  if (dayCount(from, to) > MAX_PERIOD_DAYS) {
    throw new ValidationError(`A period covers at most ${MAX_PERIOD_DAYS} days.`, {
      fields: { to: `At most ${MAX_PERIOD_DAYS} days after \`from\`.` },
    });
  }
  return { workspaceId: user.workspaceId, from, to, agentId: q.agentId, ...settings };
}

const ratio = (a: number, b: number, digits = 4) => (b ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null);

/** Conversations of the range the AI answered last less than the window ago, by start day. */
async function pending(deps: Pick<Deps, "store" | "clock">, p: Period): Promise<Map<string, number>> {
  const since = new Date(deps.clock.now().getTime() - p.resolutionWindowMinutes * 60_000);
  return new Map((await deps.store.analytics.answeredSince(p, since)).map((r) => [r.day, r.count]));
}

/** Up to this many conversations in a period, customers are counted exactly; above, estimated from sketches. */
export const EXACT_CUSTOMERS_UP_TO = 5000;

/** Distinct customers of a period: exact from the facts for small periods, else the merge of its days' sketches. */
async function customers(deps: Pick<Deps, "store">, p: Period, conversations: number): Promise<number> {
  if (conversations <= EXACT_CUSTOMERS_UP_TO) return await deps.store.analytics.customers(p);
  const merged = newSketch();
  for (const s of await deps.store.analytics.sketches(p)) sketchMerge(merged, s);
  return Math.min(sketchCount(merged), conversations);
}

function median(histograms: Uint32Array[]): number | null {
  const merged = newHistogram();
  for (const h of histograms) histogramMerge(merged, h);
  return histogramMedian(merged);
}

async function metrics(deps: Pick<Deps, "store" | "clock">, p: Period): Promise<PeriodMetrics> {
  const a = deps.store.analytics;
  const [t, frt, res, token, open, openBefore, categories] = await Promise.all([
    a.totals(p),
    a.durations(p, "firstResponse"),
    a.durations(p, "resolution"),
    a.durations(p, "firstToken"),
    pending(deps, p),
    a.openBefore(p),
    a.categories(p),
  ]);
  const customerCount = await customers(deps, p, t.conversations);
  const aiResolved = t.aiAnswered - [...open.values()].reduce((s, n) => s + n, 0);
  return {
    from: p.from,
    to: p.to,
    conversations: t.conversations,
    customers: customerCount,
    // The period's customers minus those whose first conversation (with the agent, when filtered) is in it.
    returningCustomers: Math.max(0, customerCount - (p.agentId ? t.newCustomersOfAgent : t.newCustomers)),
    messages: { customer: t.messagesCustomer, ai: t.messagesAi, staff: t.messagesStaff },
    aiInvolved: t.aiInvolved,
    aiResolved,
    automationRate: ratio(aiResolved, t.conversations),
    aiAnswers: { withSources: t.aiWithSources, withoutSources: t.aiWithoutSources },
    firstTokenMs: { median: median(token), average: ratio(t.firstTokenSum, t.firstTokenCount, 1) },
    handoffs: t.handoffs,
    handoffReasons: {
      customer: t.handoffCustomer,
      lowConfidence: t.handoffLowConfidence,
      providerError: t.handoffProviderError,
      staff: t.handoffStaff,
    },
    ticketsCreated: t.ticketsCreated,
    ticketsResolved: t.ticketsResolved,
    ticketsOpen: openBefore + t.ticketsCreated - t.ticketsResolved,
    firstResponseSeconds: {
      median: median(frt),
      average: ratio(t.firstResponseSum, t.firstResponseCount, 1),
    },
    resolutionSeconds: { median: median(res), average: ratio(t.resolutionSum, t.resolutionCount, 1) },
    csat: {
      average: ratio(t.csatSum, t.csatCount, 2),
      responses: t.csatCount,
      distribution: { 1: t.csat1, 2: t.csat2, 3: t.csat3, 4: t.csat4, 5: t.csat5 },
    },
    aiCsat: {
      average: ratio(t.aiCsatSum, t.aiCsatCount, 2),
      responses: t.aiCsatCount,
      distribution: { 1: t.aiCsat1, 2: t.aiCsat2, 3: t.aiCsat3, 4: t.aiCsat4, 5: t.aiCsat5 },
    },
    sentiment: sentimentOf(t),
    categories: categoryTotals(categories),
  };
}

/**
 * A period's metrics, with the previous period of the same length; with `tag`, those of the conversations whose
 * ticket carries it, from the facts (`tagged.ts`).
 */
export async function summary(deps: Pick<Deps, "store" | "clock">, user: User, q: TaggedQuery) {
  const p = await periodOf(deps, user, q);
  const length = dayCount(p.from, p.to);
  const before = { ...p, from: addDays(p.from, -length), to: addDays(p.from, -1) };
  const read = (range: Period) => q.tag ? taggedMetrics(deps, range, q.tag) : metrics(deps, range);
  const [current, previous] = await Promise.all([read(p), read(before)]);
  return { ...current, timeZone: p.timeZone, agentId: p.agentId ?? null, tag: q.tag ?? null, previous };
}

/** Every day of the period with its counts (zeros for quiet days); with `tag`, from the tagged facts (`tagged.ts`). */
export async function timeseries(deps: Pick<Deps, "store" | "clock">, user: User, q: TaggedQuery) {
  const p = await periodOf(deps, user, q);
  if (q.tag) {
    return { ...(await taggedSeries(deps, p, q.tag)), from: p.from, to: p.to, timeZone: p.timeZone, tag: q.tag };
  }
  const [rows, open, openBefore, categoryRows] = await Promise.all([
    deps.store.analytics.byDay(p),
    pending(deps, p),
    deps.store.analytics.openBefore(p),
    deps.store.analytics.categories(p),
  ]);
  const categoriesByDay = Map.groupBy(categoryRows, (r) => r.day);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  let backlog = openBefore;
  const heatmap = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const r of rows) {
    for (let h = 0; h < 24; h++) heatmap[weekday(r.day)][h] += r[hourCounter(h)];
  }
  const days = daysOf(p.from, p.to).map((day) => {
    const r: Partial<DayCounters> = byDay.get(day) ?? {};
    const n = (k: keyof DayCounters) => r[k] ?? 0;
    backlog += n("ticketsCreated") - n("ticketsResolved");
    return {
      day,
      conversations: n("conversations"),
      messages: n("messagesCustomer") + n("messagesAi") + n("messagesStaff"),
      aiInvolved: n("aiInvolved"),
      aiResolved: n("aiAnswered") - (open.get(day) ?? 0),
      handoffs: n("handoffs"),
      ticketsCreated: n("ticketsCreated"),
      ticketsResolved: n("ticketsResolved"),
      ticketsOpen: backlog,
      csatResponses: n("csatCount"),
      csatAverage: ratio(n("csatSum"), n("csatCount"), 2),
      sentiment: sentimentOf({
        sentimentCount: n("sentimentCount"),
        sentimentSum: n("sentimentSum"),
        sentimentNegative: n("sentimentNegative"),
        conversationsNegative: n("conversationsNegative"),
        conversations: n("conversations"),
      }),
      categories: categoryTotals(categoriesByDay.get(day) ?? []),
    };
  });
  return {
    from: p.from,
    to: p.to,
    timeZone: p.timeZone,
    days,
    heatmap,
    tag: null,
    categories: categoryTotals(categoryRows),
  };
}

/** Per teammate: replies, first responses after a handoff, tickets resolved, CSAT of what they resolved. */
export async function team(deps: Pick<Deps, "store" | "clock">, user: User, q: TaggedQuery & { userId?: string }) {
  const p = await periodOf(deps, user, q);
  const [rows, users] = await Promise.all([
    q.tag ? taggedTeam(deps, p, q.tag) : deps.store.analytics.team(p),
    deps.store.users.list(user.workspaceId),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const teammates = rows.filter((r) => !q.userId || r.userId === q.userId).map((r) => ({
    userId: r.userId,
    name: names.get(r.userId) ?? null,
    replies: r.replies,
    firstResponses: r.firstResponseCount,
    firstResponseSecondsAverage: ratio(r.firstResponseSum, r.firstResponseCount, 1),
    resolved: r.resolved,
    csat: { average: ratio(r.csatSum, r.csatCount, 2), responses: r.csatCount },
  })).sort((a, b) => b.replies - a.replies || a.userId.localeCompare(b.userId));
  return { from: p.from, to: p.to, timeZone: p.timeZone, tag: q.tag ?? null, teammates };
}

/** The pages where the period's conversations started (URLs without query or fragment), the most first. */
export async function pages(deps: Pick<Deps, "store" | "clock">, user: User, q: ListQuery) {
  const p = await periodOf(deps, user, q);
  return { from: p.from, to: p.to, timeZone: p.timeZone, pages: await deps.store.analytics.pages(p, q.limit) };
}

/** The comments of the period's ratings (by the day rated), newest first; `userId`: tickets they resolved. */
export async function comments(
  deps: Pick<Deps, "store" | "clock">,
  user: User,
  q: ListQuery & { userId?: string },
) {
  const p = await periodOf(deps, user, q);
  const list = await deps.store.analytics.comments({ ...p, userId: q.userId }, q.limit);
  return { from: p.from, to: p.to, timeZone: p.timeZone, comments: list };
}
