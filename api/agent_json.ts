/**
 * Response schemas and shapers for agents, knowledge sources, jobs and
 * versions.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import type { Agent, KnowledgeItem } from "../models/agents/agent.ts";
import { KNOWLEDGE_TYPES, PROVIDERS } from "../models/agents/agent_schemas.ts";
import type { IngestJob, KnowledgeVersion } from "../models/knowledge/knowledge.ts";
import type { SourceView } from "../models/knowledge/training.ts";

/** An agent as clients see it. */
export const AgentSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  userId: z.string(),
  name: z.string(),
  description: z.string(),
  welcomeMessage: z.string(),
  model: z.string(),
  temperature: z.number(),
  maxTokens: z.number(),
  prompt: z.string(),
  isActive: z.boolean(),
  provider: z.enum(PROVIDERS),
  handoffThreshold: z.number(),
  allowedDomains: z.array(z.string()),
  widgetConfig: z.object({
    primaryColor: z.string(),
    position: z.enum(["left", "right"]),
    title: z.string(),
    subtitle: z.string(),
  }),
  activeVersionId: z.string().nullable(),
  knowledgeBase: z.array(z.object({
    type: z.enum(KNOWLEDGE_TYPES),
    content: z.string(),
    metadata: z.record(z.string(), z.unknown()),
  })).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi("Agent");

/** Shapes an agent (with its knowledge base when given). */
export function agentJson(a: Agent, knowledgeBase?: KnowledgeItem[]): z.infer<typeof AgentSchema> {
  const { lyzrAgentId: _remote, ...rest } = a;
  return {
    ...rest,
    ...(knowledgeBase ? { knowledgeBase } : {}),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** An ingestion job. */
export const JobSchema = z.object({
  id: z.string(),
  state: z.enum(["queued", "running", "done", "failed"]),
  progressDone: z.number(),
  progressTotal: z.number(),
  error: z.string().optional(),
  attempts: z.number(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
}).openapi("IngestJob");

/** Shapes a job. */
export function jobJson(j: IngestJob): z.infer<typeof JobSchema> {
  return {
    id: j.id,
    state: j.state,
    progressDone: j.progressDone,
    progressTotal: j.progressTotal,
    ...(j.error ? { error: j.error } : {}),
    attempts: j.attempts,
    createdAt: j.createdAt.toISOString(),
    ...(j.startedAt ? { startedAt: j.startedAt.toISOString() } : {}),
    ...(j.finishedAt ? { finishedAt: j.finishedAt.toISOString() } : {}),
  };
}

/** A knowledge source. */
export const SourceSchema = z.object({
  id: z.string(),
  type: z.enum(KNOWLEDGE_TYPES),
  title: z.string(),
  url: z.string().optional(),
  content: z.string(),
  status: z.enum(["queued", "running", "ready", "failed"]),
  error: z.string().optional(),
  chunkCount: z.number(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  job: JobSchema.nullable(),
}).openapi("KnowledgeSource");

/** Shapes a source (pasted text is cut to a preview). */
export function sourceJson(s: SourceView): z.infer<typeof SourceSchema> {
  return {
    id: s.id,
    type: s.type,
    title: s.title,
    ...(s.url ? { url: s.url } : {}),
    content: s.type === "text" && s.content.length > 300 ? s.content.slice(0, 300) + "…" : s.content,
    status: s.status,
    ...(s.error ? { error: s.error } : {}),
    chunkCount: s.chunkCount,
    active: s.active,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    job: s.job ? jobJson(s.job) : null,
  };
}

/** A knowledge version. */
export const VersionSchema = z.object({
  id: z.string(),
  number: z.number(),
  reason: z.string(),
  sourceCount: z.number(),
  chunkCount: z.number(),
  createdAt: z.string(),
  active: z.boolean(),
}).openapi("KnowledgeVersion");

/** Shapes a version. */
export function versionJson(v: KnowledgeVersion, active: boolean): z.infer<typeof VersionSchema> {
  return {
    id: v.id,
    number: v.number,
    reason: v.reason,
    sourceCount: v.sourceCount,
    chunkCount: v.chunkCount,
    createdAt: v.createdAt.toISOString(),
    active,
  };
}
