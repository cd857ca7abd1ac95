/**
 * The wire contract of knowledge: sources, their ingestion jobs and
 * knowledge versions as the API sends them (dates as ISO strings), as zod
 * schemas with their shapers. `api/` uses them for its OpenAPI answers;
 * islands import the inferred types only.
 *
 * @module
 */
import { z } from "zod";
import { KNOWLEDGE_TYPES } from "../agents/agent_schemas.ts";
import type { IngestJob, KnowledgeVersion } from "./knowledge.ts";
import type { SourceView } from "./training.ts";

/** An ingestion job. */
export const jobWire = z.object({
  id: z.string(),
  state: z.enum(["queued", "running", "done", "failed"]),
  progressDone: z.number(),
  progressTotal: z.number(),
  error: z.string().optional(),
  attempts: z.number(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
}).meta({ id: "IngestJob" });

/** An ingestion run. */
export type JobJson = z.infer<typeof jobWire>;

/** Shapes a job. */
function jobJson(j: IngestJob): JobJson {
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
export const sourceWire = z.object({
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
  job: jobWire.nullable(),
}).meta({ id: "KnowledgeSource" });

/** A knowledge source with its latest job. */
export type SourceJson = z.infer<typeof sourceWire>;

/** Shapes a source (pasted text is cut to a preview). */
export function sourceJson(s: SourceView): SourceJson {
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
export const versionWire = z.object({
  id: z.string(),
  number: z.number(),
  reason: z.string(),
  sourceCount: z.number(),
  chunkCount: z.number(),
  createdAt: z.string(),
  active: z.boolean(),
}).meta({ id: "KnowledgeVersion" });

/** A knowledge version. */
export type VersionJson = z.infer<typeof versionWire>;

/** Shapes a version. */
export function versionJson(v: KnowledgeVersion, active: boolean): VersionJson {
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
