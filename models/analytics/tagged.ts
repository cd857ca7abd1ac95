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
import { localDay } from "./days.ts";
import type { ConversationFact } from "./rollup_types.ts";
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

/** The metrics of the period's conversations tagged `tag` (definitions: README, Analytics, "tag filter"). */
export async function taggedMetrics(
  deps: Pick<Deps, "store" | "clock">,
  p: Period,
  tag: string,
): Promise<PeriodMetrics> {
  const facts: ConversationFact[] = [];
  let after: string | undefined;
  do {
    const page = await deps.store.analytics.facts(p, { after, limit: PAGE, tag });
    facts.push(...page.facts);
    after = page.next ?? undefined;
  } while (after);
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
  };
}
