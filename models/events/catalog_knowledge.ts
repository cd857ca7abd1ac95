/**
 * Knowledge and agent events of the catalog: sources added, trained (a new
 * knowledge version), failed, removed, versions rolled back; agents created,
 * changed and deleted.
 *
 * @module
 */
import { z } from "zod";

const id = z.string().regex(/^[0-9a-f]{24}$/);
const agentId = "65a1f0a0e4b0a1b2c3d4e5a1";
const sourceId = "65a1f0f6e4b0a1b2c3d4e5e5";
const versionId = "65a1f107e4b0a1b2c3d4e5f6";

/** Knowledge and agent event definitions. */
export const KNOWLEDGE_EVENTS = {
  "knowledge.source_added": {
    version: 1,
    description: "A knowledge source (text, document or website) was added to an agent and queued for training.",
    schema: z.object({
      agentId: id,
      sourceId: id,
      jobId: id,
      type: z.enum(["text", "document", "website"]),
      title: z.string(),
      url: z.string().optional(),
    }),
    example: {
      agentId,
      sourceId,
      jobId: "65a1f0f7e4b0a1b2c3d4e5e6",
      type: "website",
      title: "acme.example",
      url: "https://acme.example/help",
    },
  },
  "knowledge.trained": {
    version: 1,
    description: "A source finished training: its chunks are live in a new active knowledge version.",
    schema: z.object({
      agentId: id,
      sourceId: id,
      jobId: id,
      versionId: id,
      versionNumber: z.number().int().positive(),
      chunks: z.number().int().nonnegative(),
    }),
    example: { agentId, sourceId, jobId: "65a1f0f7e4b0a1b2c3d4e5e6", versionId, versionNumber: 3, chunks: 171 },
  },
  "knowledge.training_failed": {
    version: 1,
    description: "A source could not be trained; `error` says why in words a person can act on.",
    schema: z.object({ agentId: id, sourceId: id, jobId: id, error: z.string() }),
    example: { agentId, sourceId, jobId: "65a1f0f7e4b0a1b2c3d4e5e6", error: "The site answered 404 Not Found." },
  },
  "knowledge.source_removed": {
    version: 1,
    description: "A source was removed: a new active version without it.",
    schema: z.object({ agentId: id, sourceId: id, versionId: id, versionNumber: z.number().int().positive() }),
    example: { agentId, sourceId, versionId, versionNumber: 4 },
  },
  "knowledge.rolled_back": {
    version: 1,
    description: "An earlier knowledge version was made active again (as a new version copying it).",
    schema: z.object({
      agentId: id,
      fromVersionId: id,
      versionId: id,
      versionNumber: z.number().int().positive(),
    }),
    example: { agentId, fromVersionId: "65a1f0ffe4b0a1b2c3d4e5f0", versionId, versionNumber: 5 },
  },
  "agent.created": {
    version: 1,
    description: "An AI support agent was created.",
    schema: z.object({ agentId: id, name: z.string(), provider: z.string() }),
    example: { agentId, name: "Acme assistant", provider: "local" },
  },
  "agent.updated": {
    version: 1,
    description: "An agent's settings changed; `fields` names which.",
    schema: z.object({ agentId: id, fields: z.array(z.string()) }),
    example: { agentId, fields: ["systemPrompt", "handoffThreshold"] },
  },
  "agent.deleted": {
    version: 1,
    description: "An agent was deleted with its knowledge.",
    schema: z.object({ agentId: id }),
    example: { agentId },
  },
} as const;
