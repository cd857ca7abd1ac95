/**
 * zod schemas of experiments' input: pure (only zod), shared by the API and the agent page's panel.
 *
 * @module
 */
import { z } from "zod";
import { agentFields, PROVIDERS } from "../agents/agent_schemas.ts";

/** One variant as a client gives it: its weight and what it overrides. */
export const variantInputSchema = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  weight: z.number({ message: "Give each variant a weight." }).positive({ message: "A weight is above 0." })
    .max(1000),
  prompt: agentFields.prompt.unwrap().optional(),
  model: z.string().trim().max(100).optional(),
  temperature: z.number().min(0).max(2).optional(),
  provider: z.enum(PROVIDERS).optional(),
  knowledgeVersionId: z.string().regex(/^[0-9a-f]{24}$/, { message: "Not a knowledge version id." }).optional(),
}).strict();

/** Body of `POST /api/agents/:id/experiments`. */
export const experimentCreateSchema = z.object({
  name: z.string().trim().min(1, { message: "Name the experiment." }).max(100).default("A/B test"),
  variants: z.array(variantInputSchema).min(2, { message: "An experiment needs two variants or more." }).max(5),
});

/** Body of `POST .../experiments/:experimentId/promote`. */
export const promoteSchema = z.object({
  variant: z.string().regex(/^[A-E]$/, { message: "Name the variant: A, B, ..." }),
});
