/**
 * The wire contract of experiments: an experiment and its results as the API sends them (dates as ISO
 * strings), as zod schemas; islands import the inferred types only.
 *
 * @module
 */
import { z } from "zod";
import { PROVIDERS } from "../agents/agent_schemas.ts";
import type { Experiment } from "./experiment.ts";
import type { ExperimentResults } from "./results.ts";

const variantWire = z.object({
  /** `A`, `B`, ... in the order created; `A` is the control. */
  key: z.string(),
  name: z.string(),
  weight: z.number(),
  prompt: z.string().optional(),
  model: z.string().optional(),
  temperature: z.number().optional(),
  provider: z.enum(PROVIDERS).optional(),
  knowledgeVersionId: z.string().optional(),
});

/** An experiment on the wire. */
export const experimentWire = z.object({
  id: z.string(),
  agentId: z.string(),
  name: z.string(),
  status: z.enum(["draft", "running", "stopped"]),
  variants: z.array(variantWire),
  winner: z.string().nullable(),
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: "Experiment" });

/** A proportion with its 95% Wilson interval. */
const proportionWire = z.object({
  successes: z.number().int(),
  trials: z.number().int(),
  rate: z.number(),
  low: z.number(),
  high: z.number(),
}).meta({ id: "Proportion" });

/** `GET .../experiments/:experimentId/results`. */
export const experimentResultsWire = z.object({
  experiment: experimentWire,
  variants: z.array(z.object({
    key: z.string(),
    name: z.string(),
    weight: z.number(),
    conversations: z.number().int(),
    /** Conversations the AI resolved (answered last, no handoff, quiet for the resolution window). */
    automationRate: proportionWire,
    handoffRate: proportionWire,
    /** Ratings of 4 or 5 among rated conversations. */
    csat: proportionWire,
  })),
  /** The best challenger against the control on the automation rate (two-proportion z-test). */
  comparison: z.object({
    metric: z.literal("automationRate"),
    control: z.string(),
    challenger: z.string(),
    z: z.number(),
    pValue: z.number(),
  }).nullable(),
  verdict: z.object({
    /** The variant that is better with 95% confidence, or null. */
    better: z.string().nullable(),
    /** Conversations still needed (both variants together) to tell a 5-point gap at 80% power. */
    moreNeeded: z.number().int().nullable(),
    text: z.string(),
  }),
}).meta({ id: "ExperimentResults" });

/** An experiment as the API sends it. */
export type ExperimentJson = z.infer<typeof experimentWire>;
/** Results as the API sends them. */
export type ExperimentResultsJson = z.infer<typeof experimentResultsWire>;

const isoOrNull = (d: Date | null) => d ? d.toISOString() : null;

/** Shapes an experiment. */
export function experimentJson(e: Experiment): ExperimentJson {
  return {
    id: e.id,
    agentId: e.agentId,
    name: e.name,
    status: e.status,
    variants: e.variants,
    winner: e.winner,
    startedAt: isoOrNull(e.startedAt),
    stoppedAt: isoOrNull(e.stoppedAt),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** Shapes results. */
export function experimentResultsJson(r: ExperimentResults): ExperimentResultsJson {
  return { ...r, experiment: experimentJson(r.experiment) };
}
