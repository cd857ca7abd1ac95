/**
 * An A/B test of an agent's answers: two or more variants, each a set of overrides of the agent's settings
 * (prompt, model, temperature, provider, knowledge version) with a traffic weight. While it runs, each customer
 * is assigned a variant by a deterministic hash of the experiment id and their visitor id, so a customer keeps
 * theirs in every conversation; the variant is recorded on the conversation when the AI first answers in it.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { Agent } from "../agents/agent.ts";
import type { ProviderId } from "../agents/agent_schemas.ts";

/** What a variant changes in the agent's settings (absent: the agent's own). */
export interface VariantOverrides {
  prompt?: string;
  model?: string;
  temperature?: number;
  provider?: ProviderId;
  /** A knowledge version of the agent (applied to the agent when the variant is promoted). */
  knowledgeVersionId?: string;
}

/** One arm of an experiment. `key` is `A`, `B`, `C`... in the order given; `A` is the control. */
export interface Variant extends VariantOverrides {
  key: string;
  name: string;
  /** A share of the traffic: its weight over the sum of the weights. */
  weight: number;
}

/** An experiment's life: created (`draft`), `running`, then `stopped` (with a `winner` when promoted). */
export type ExperimentStatus = "draft" | "running" | "stopped";

/** A stored experiment. */
export interface Experiment {
  id: string;
  workspaceId: string;
  agentId: string;
  name: string;
  status: ExperimentStatus;
  variants: Variant[];
  /** The promoted variant's key. */
  winner: string | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The variant keys, in order: the first is the control. */
export const VARIANT_KEYS = ["A", "B", "C", "D", "E"] as const;

/**
 * The variant a customer gets: the first 32 bits of SHA-256(experiment id, visitor id) as a point in [0, 1),
 * placed on the cumulative weights. Deterministic (sticky without storing anything per customer) and
 * independent between experiments, so one test's split does not carry over into the next.
 */
export function assignVariant(experiment: Pick<Experiment, "id" | "variants">, visitorId: string): Variant {
  const digest = createHash("sha256").update(`${experiment.id}:${visitorId}`).digest();
  const point = digest.readUInt32BE(0) / 2 ** 32;
  const total = experiment.variants.reduce((s, v) => s + v.weight, 0);
  let edge = 0;
  for (const v of experiment.variants) {
    edge += v.weight / total;
    if (point < edge) return v;
  }
  return experiment.variants[experiment.variants.length - 1];
}

/** The agent as a variant answers: its overrides over the agent's settings. */
export function withVariant(agent: Agent, variant: Variant | null | undefined): Agent {
  if (!variant) return agent;
  return {
    ...agent,
    ...(variant.prompt !== undefined ? { prompt: variant.prompt } : {}),
    ...(variant.model !== undefined ? { model: variant.model } : {}),
    ...(variant.temperature !== undefined ? { temperature: variant.temperature } : {}),
    ...(variant.provider !== undefined ? { provider: variant.provider } : {}),
    // Its knowledge version answers while the experiment runs (the active one needs no pin).
    ...(variant.knowledgeVersionId && variant.knowledgeVersionId !== agent.activeVersionId
      ? { pinnedVersionId: variant.knowledgeVersionId }
      : {}),
  };
}

/** The settings a variant overrides, for an agent update. */
export function overridesOf(variant: Variant): Omit<VariantOverrides, "knowledgeVersionId"> {
  const { prompt, model, temperature, provider } = variant;
  return Object.fromEntries(
    Object.entries({ prompt, model, temperature, provider }).filter(([, v]) => v !== undefined),
  ) as Omit<VariantOverrides, "knowledgeVersionId">;
}
