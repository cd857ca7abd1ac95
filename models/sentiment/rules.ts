/**
 * The workspace's sentiment rule: a customer message at or below `threshold` (strongly negative) raises
 * the conversation's ticket priority (`raisePriority`) and, when `handoff` is on, hands an AI-handled
 * conversation to a person at once (reason `negative_sentiment`), like "asks for a human".
 *
 * @module
 */
import { z } from "zod";
import { requireAdmin } from "../accounts/auth.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import { PRIORITIES } from "../tickets/ticket_schemas.ts";

/** Body and answer of `/api/settings/sentiment`. */
export const sentimentRuleSchema = z.object({
  /** Messages scoring at or below this (-1..0) count as strongly negative. */
  threshold: z.number().min(-1).max(0).default(-0.6),
  /** Raise the ticket's priority to this level (never lowers it); null leaves priorities alone. */
  raisePriority: z.enum(PRIORITIES).nullable().default("high"),
  /** Hand an AI-handled conversation to the team at once. */
  handoff: z.boolean().default(false),
  /**
   * Let the conversation's agent's AI provider (OpenAI, Anthropic, Lyzr) score each customer message after the
   * lexicon did: one small request per message, on the provider's bill. Off: the lexicon alone scores.
   */
  byProvider: z.boolean().default(true),
}).meta({ id: "SentimentRule" });

/** The rule as stored. */
export type SentimentRule = z.infer<typeof sentimentRuleSchema>;
const KEY = "sentiment";
/** The rule of a workspace that never saved one: priorities go up, nobody is handed off unasked. */
export const DEFAULT_RULE: SentimentRule = {
  threshold: -0.6,
  raisePriority: "high",
  handoff: false,
  byProvider: true,
};

/** The workspace's rule (the default when none saved). */
export async function ruleOf(deps: Deps, workspaceId: string): Promise<SentimentRule> {
  return { ...DEFAULT_RULE, ...(await deps.store.settings.get<SentimentRule>(workspaceId, KEY)) };
}

/**
 * The rule, kept 10 s per workspace: the listeners ask for it on every customer message with a sentiment.
 * Forgotten at once when this process saves one; another instance's save is seen within the 10 s.
 */
const cached = new Map<string, { until: number; value: Promise<SentimentRule> }>();

export function cachedRuleOf(deps: Deps, workspaceId: string): Promise<SentimentRule> {
  const hit = cached.get(workspaceId);
  if (hit && hit.until > performance.now()) return hit.value;
  const value = ruleOf(deps, workspaceId);
  value.catch(() => cached.delete(workspaceId));
  cached.set(workspaceId, { until: performance.now() + 10_000, value });
  return value;
}

/** Replaces the workspace's rule (admins). */
export async function saveRule(deps: Deps, admin: User, rule: SentimentRule): Promise<SentimentRule> {
  requireAdmin(admin);
  cached.delete(admin.workspaceId);
  await deps.store.settings.put(admin.workspaceId, KEY, rule, deps.clock.now());
  cached.delete(admin.workspaceId);
  return rule;
}

/** True when a score trips the rule. */
export function strongNegative(rule: SentimentRule, score: number | undefined): boolean {
  return score !== undefined && score <= rule.threshold;
}
