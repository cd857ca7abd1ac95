/**
 * Experiment events of the catalog: A/B tests of an agent's answers created, started, stopped and promoted.
 *
 * @module
 */
import { z } from "zod";

const id = z.string().regex(/^[0-9a-f]{24}$/);
const agentId = "65a1f0a0e4b0a1b2c3d4e5a1";
const experimentId = "65a1f1a0e4b0a1b2c3d4e5b7";
const variants = z.array(z.object({ key: z.string(), name: z.string(), weight: z.number() }));

/** Experiment event definitions. */
export const EXPERIMENT_EVENTS = {
  "experiment.created": {
    version: 1,
    description: "An A/B test of an agent's answers was created with its variants and their weights.",
    schema: z.object({ agentId: id, experimentId: id, name: z.string(), variants }),
    example: {
      agentId,
      experimentId,
      name: "Shorter prompt",
      variants: [{ key: "A", name: "Current", weight: 50 }, { key: "B", name: "Shorter", weight: 50 }],
    },
  },
  "experiment.started": {
    version: 1,
    description: "An experiment started: new customers of the agent are split between its variants.",
    schema: z.object({ agentId: id, experimentId: id }),
    example: { agentId, experimentId },
  },
  "experiment.stopped": {
    version: 1,
    description: "An experiment stopped: the agent answers everyone with its own settings again.",
    schema: z.object({ agentId: id, experimentId: id }),
    example: { agentId, experimentId },
  },
  "experiment.promoted": {
    version: 1,
    description: "A variant won: its settings were applied to the agent and the experiment stopped.",
    schema: z.object({ agentId: id, experimentId: id, variant: z.string(), fields: z.array(z.string()) }),
    example: { agentId, experimentId, variant: "B", fields: ["prompt", "temperature"] },
  },
} as const;
