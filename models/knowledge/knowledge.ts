/**
 * Knowledge: the sources an agent learns from (the seed's `knowledgeBase`
 * items), their ingestion jobs, the chunks retrieval searches, and knowledge
 * versions (snapshots of which generation of each source answers).
 *
 * A source's content is ingested into a *generation* of chunks (the job's id).
 * A version maps sources to generations; the agent's active version decides
 * what retrieval sees. Re-syncing makes a new generation and a new version;
 * rolling back activates an earlier mapping, whose chunks are still stored.
 *
 * @module
 */
import type { KnowledgeType } from "../agents/agent_schemas.ts";

/** Where a source stands. */
export type SourceStatus = "queued" | "running" | "ready" | "failed";

/** One knowledge item of an agent. */
export interface KnowledgeSource {
  id: string;
  workspaceId: string;
  agentId: string;
  type: KnowledgeType;
  /** The text itself, the start URL, or the uploaded file's original name. */
  content: string;
  metadata: Record<string, unknown>;
  /** For citations: the document's or site's title. */
  title: string;
  /** For citations: the page URL (websites). */
  url?: string;
  status: SourceStatus;
  /** Readable reason of the last failure. */
  error?: string;
  /** Chunks in the generation the active version uses. */
  chunkCount: number;
  /** False when the active version does not include this source (deleted, or rolled back past it). */
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Where an ingestion job stands. */
export type JobState = "queued" | "running" | "done" | "failed";

/** One ingestion run of a source. Its id names the generation of chunks it writes. */
export interface IngestJob {
  id: string;
  workspaceId: string;
  agentId: string;
  sourceId: string;
  state: JobState;
  /** Pages (websites) or chunks (text, documents) done of total. */
  progressDone: number;
  progressTotal: number;
  error?: string;
  attempts: number;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
}

/** A chunk ready to be stored. */
export interface NewChunk {
  id: string;
  sourceId: string;
  title: string;
  url?: string;
  heading: string;
  text: string;
  position: number;
}

/** A stored chunk found by retrieval, with its raw BM25 score (higher is better). */
export interface ChunkHit extends NewChunk {
  score: number;
}

/** A snapshot of an agent's knowledge. */
export interface KnowledgeVersion {
  id: string;
  workspaceId: string;
  agentId: string;
  /** 1, 2, 3... per agent. */
  number: number;
  /** What made it ("Added text: Refund policy", "Rolled back to v3"). */
  reason: string;
  sourceCount: number;
  chunkCount: number;
  createdAt: Date;
}

/** Source id -> generation id: the content of a version. */
export type VersionItems = Record<string, string>;
