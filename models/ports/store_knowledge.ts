/**
 * The Store port, agents and their knowledge: sources, ingestion jobs, chunks, versions and search.
 *
 * @module
 */
import type { Agent } from "../agents/agent.ts";
import type { Emit } from "../events/event.ts";
import type {
  ChunkHit,
  IngestJob,
  KnowledgeSource,
  KnowledgeVersion,
  NewChunk,
  SourceStatus,
  VersionItems,
} from "../knowledge/knowledge.ts";

/** Fields of an agent that may change after creation. */
export type AgentPatch = Partial<Omit<Agent, "id" | "workspaceId" | "userId" | "createdAt">> & { updatedAt: Date };

/** Agents of a workspace. Removing one removes its knowledge too. */
export interface AgentRepo {
  list(workspaceId: string): Promise<Agent[]>;
  get(workspaceId: string, id: string): Promise<Agent | null>;
  insert(agent: Agent, emit?: Emit<Agent>): Promise<void>;
  update(workspaceId: string, id: string, patch: AgentPatch, emit?: Emit<Agent>): Promise<Agent | null>;
  remove(workspaceId: string, id: string, emit?: Emit<string>): Promise<boolean>;
  /** Lookup by id alone, for the public widget endpoints (an agent id is a public identifier). */
  findPublic(id: string): Promise<Agent | null>;
}

/** Fields of a source that ingestion updates. */
export type SourcePatch = Partial<Pick<KnowledgeSource, "title" | "url" | "error" | "metadata">> & {
  status?: SourceStatus;
  updatedAt: Date;
};

/** Sources, jobs, chunks and versions of agents' knowledge. */
export interface KnowledgeRepo {
  /** Inserts a source with its first job, atomically. */
  insertSource(source: KnowledgeSource, job: IngestJob, emit?: Emit<KnowledgeSource>): Promise<void>;
  /** Sources of an agent that are not deleted, newest first; `active` says whether the active version uses them. */
  listSources(workspaceId: string, agentId: string): Promise<KnowledgeSource[]>;
  getSource(workspaceId: string, agentId: string, id: string): Promise<KnowledgeSource | null>;
  updateSource(workspaceId: string, id: string, patch: SourcePatch): Promise<void>;

  /** Queues another job (re-sync) for an existing source and marks the source queued. */
  enqueueJob(job: IngestJob): Promise<void>;
  getJob(workspaceId: string, id: string): Promise<IngestJob | null>;
  /** Recent jobs of an agent, newest first. */
  listJobs(workspaceId: string, agentId: string, limit: number): Promise<IngestJob[]>;
  /** The worker's side (any workspace): takes the oldest queued job, marking it running. */
  claimNextJob(now: Date): Promise<IngestJob | null>;
  /** After a restart: running jobs go back to the queue (their partial chunks are discarded). */
  requeueInterrupted(now: Date): Promise<number>;
  setJobProgress(jobId: string, done: number, total: number): Promise<void>;
  /** Fails a job and its source with a readable reason; discards the job's chunks. */
  failJob(jobId: string, error: string, at: Date, emit?: Emit<IngestJob>): Promise<void>;
  /** Appends chunks to the generation named by `generationId` (the job id). */
  insertChunks(workspaceId: string, agentId: string, generationId: string, chunks: NewChunk[]): Promise<void>;
  /** Drops a generation's chunks (a retried job starts clean). */
  deleteGeneration(generationId: string): Promise<void>;
  /**
   * Finishes a job atomically: job done, source ready, and a new active
   * version = the active one with this source now on the job's generation.
   * Null (and the job failed) when the source was deleted meanwhile.
   */
  completeJob(
    jobId: string,
    source: SourcePatch,
    reason: string,
    at: Date,
    emit?: Emit<{ job: IngestJob; version: KnowledgeVersion }>,
  ): Promise<KnowledgeVersion | null>;

  /** A new active version without the source, which is marked deleted. Null when absent. */
  removeSource(
    workspaceId: string,
    agentId: string,
    sourceId: string,
    at: Date,
    emit?: Emit<KnowledgeVersion>,
  ): Promise<KnowledgeVersion | null>;
  listVersions(workspaceId: string, agentId: string): Promise<KnowledgeVersion[]>;
  versionItems(workspaceId: string, versionId: string): Promise<VersionItems | null>;
  /** Rolls back: a new active version copying `versionId`'s items; sources follow. Null when absent. */
  activateVersion(
    workspaceId: string,
    agentId: string,
    versionId: string,
    at: Date,
    emit?: Emit<KnowledgeVersion>,
  ): Promise<KnowledgeVersion | null>;

  /**
   * BM25 full-text search over the agent's active version, best first. A word of `equivalents` (what retrieval
   * adds to the question: thesaurus and word-vector equivalents) weighs half a word of `query` itself.
   */
  search(workspaceId: string, agentId: string, query: string, limit: number, equivalents?: string): Promise<ChunkHit[]>;
  /**
   * The query with misspelt words replaced by the nearest indexed word ("pasword" -> password);
   * words the index knows are kept. The index may hold other agents' words: the result only
   * steers a search that is itself scoped.
   */
  correct(query: string): Promise<string>;
  /**
   * How many indexed chunks contain each word (stemmed as the index stems), and how many chunks
   * the index holds: the document frequencies that say how distinctive a question's word is.
   * One lookup per word. The index may hold other agents' chunks too, so these are frequencies
   * in the language of all indexed help content; a word no chunk has (0) is in no agent's.
   */
  documentFrequencies(words: string[]): Promise<{ documents: number; counts: number[] }>;
  /**
   * The distinct page titles and section headings of the agent's active chunks: what its knowledge
   * is about, the words a paraphrase is matched against (see `retrieval.ts`).
   */
  topics(workspaceId: string, agentId: string): Promise<string[]>;
  /**
   * Stores embeddings for chunks (hybrid retrieval): the agent's provider's (no `model`), or the offline
   * sentence model's (`model` names it, see `lib/sentence_model.ts`). The two never mix.
   */
  setEmbeddings(
    workspaceId: string,
    vectors: Array<{ chunkId: string; vector: Float32Array }>,
    model?: string,
  ): Promise<void>;
  /** Chunks of the active version that have the provider's embeddings (for the vector side of hybrid search). */
  embeddedChunks(workspaceId: string, agentId: string): Promise<Array<NewChunk & { vector: Float32Array }>>;
  /**
   * The embeddings by `model` of those of `chunkIds` that have one (one indexed lookup: retrieval re-ranks its
   * few candidates with them, it never scans every vector).
   */
  chunkVectors(workspaceId: string, chunkIds: string[], model: string): Promise<Map<string, Float32Array>>;
  /** Chunks of a generation without embeddings yet. */
  chunksOfGeneration(workspaceId: string, generationId: string): Promise<NewChunk[]>;
}
