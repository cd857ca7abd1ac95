/**
 * An experiment's results per variant, from the analytics' conversation facts (one row per conversation,
 * the same definitions as the dashboard: README, Analytics): conversations, automation rate (answered by the
 * AI last, never handed off, quiet for the resolution window), handoff rate and CSAT (ratings of 4 or 5 among
 * rated conversations, ticket or AI rating), each with a 95% Wilson interval; then the best challenger against
 * the control (variant A) on the automation rate with a two-proportion z-test, and a verdict in words.
 *
 * @module
 */
import type { User } from "../accounts/user.ts";
import { addDays, localDay } from "../analytics/days.ts";
import type { ConversationFact } from "../analytics/rollup_types.ts";
import { analyticsSettings } from "../analytics/settings.ts";
import type { Deps } from "../ports/deps.ts";
import type { Experiment } from "./experiment.ts";
import { getExperiment } from "./experiments.ts";
import { type Proportion, sampleSizePerGroup, twoProportionZ, wilson } from "./stats.ts";

/** The smallest gap in automation rate worth detecting, when the observed one is smaller (5 points). */
export const MIN_EFFECT = 0.05;
/** Facts read per query. */
const PAGE = 2000;

/** One variant's numbers. */
export interface VariantResult {
  key: string;
  name: string;
  weight: number;
  conversations: number;
  automationRate: Proportion;
  handoffRate: Proportion;
  csat: Proportion;
}

/** The whole result. */
export interface ExperimentResults {
  experiment: Experiment;
  variants: VariantResult[];
  comparison: { metric: "automationRate"; control: string; challenger: string; z: number; pValue: number } | null;
  verdict: { better: string | null; moreNeeded: number | null; text: string };
}

/** The verdict on the control against the challenger (automation rate). */
export function verdictOf(control: VariantResult, challenger: VariantResult) {
  const a = control.automationRate, b = challenger.automationRate;
  const test = twoProportionZ(a.successes, a.trials, b.successes, b.trials);
  if (test.pValue < 0.05) {
    const better = test.z > 0 ? challenger.key : control.key;
    return { test, verdict: { better, moreNeeded: null, text: `${better} is better with 95% confidence` } };
  }
  // Before any data the baseline is 50%, the rate whose test needs the most conversations.
  const p1 = a.trials ? a.rate : 0.5;
  const effect = Math.max(Math.abs(b.rate - a.rate), MIN_EFFECT);
  const p2 = p1 + effect <= 1 ? p1 + effect : p1 - effect;
  const perGroup = sampleSizePerGroup(p1, p2);
  const moreNeeded = Math.max(0, perGroup - a.trials) + Math.max(0, perGroup - b.trials);
  const text = moreNeeded > 0
    ? `No difference yet: about ${moreNeeded} more conversations needed`
    : `No difference: ${control.key} and ${challenger.key} perform alike (a gap of ${
      Math.round(effect * 100)
    } points would show by now)`;
  return { test, verdict: { better: null, moreNeeded, text } };
}

/** The numbers of each variant from its conversations' facts. */
export function variantResults(
  experiment: Experiment,
  facts: Array<{ variant: string; fact: ConversationFact }>,
  resolvedBefore: Date,
): VariantResult[] {
  return experiment.variants.map((v) => {
    const mine = facts.filter((f) => f.variant === v.key).map((f) => f.fact);
    const automated = mine.filter((f) =>
      f.aiAnswered && !f.handedOff && f.lastAiAt && f.lastAiAt.getTime() <= resolvedBefore.getTime()
    ).length;
    const rated = mine.filter((f) => f.rating !== null);
    return {
      key: v.key,
      name: v.name,
      weight: v.weight,
      conversations: mine.length,
      automationRate: wilson(automated, mine.length),
      handoffRate: wilson(mine.filter((f) => f.handedOff).length, mine.length),
      csat: wilson(rated.filter((f) => (f.rating ?? 0) >= 4).length, rated.length),
    };
  });
}

/** `GET /api/agents/:id/experiments/:experimentId/results`. */
export async function experimentResults(
  deps: Deps,
  user: User,
  agentId: string,
  id: string,
): Promise<ExperimentResults> {
  const experiment = await getExperiment(deps, user, agentId, id);
  const assigned = new Map(
    (await deps.store.experiments.assignments(experiment.workspaceId, id)).map((a) => [a.conversationId, a.variant]),
  );
  const facts: Array<{ variant: string; fact: ConversationFact }> = [];
  const settings = await analyticsSettings(deps, experiment.workspaceId);
  if (assigned.size) {
    // The facts of the agent's conversations since the experiment began (a day of margin each side for zones).
    const range = {
      workspaceId: experiment.workspaceId,
      agentId: experiment.agentId,
      from: addDays(localDay(experiment.startedAt ?? experiment.createdAt, settings.timeZone), -1),
      to: addDays(localDay(deps.clock.now(), settings.timeZone), 1),
    };
    let after: string | undefined;
    do {
      const page = await deps.store.analytics.facts(range, { after, limit: PAGE });
      for (const fact of page.facts) {
        const variant = assigned.get(fact.conversationId);
        if (variant) facts.push({ variant, fact });
      }
      after = page.next ?? undefined;
    } while (after);
  }
  const resolvedBefore = new Date(deps.clock.now().getTime() - settings.resolutionWindowMinutes * 60_000);
  const variants = variantResults(experiment, facts, resolvedBefore);
  const [control, ...rest] = variants;
  // The challenger is the best of the others on the automation rate (the first on a tie).
  const challenger = rest.reduce((best, v) => v.automationRate.rate > best.automationRate.rate ? v : best, rest[0]);
  const { test, verdict } = verdictOf(control, challenger);
  return {
    experiment,
    variants,
    comparison: {
      metric: "automationRate",
      control: control.key,
      challenger: challenger.key,
      z: test.z,
      pValue: test.pValue,
    },
    verdict,
  };
}
