/**
 * The background ingestion worker: takes queued jobs one at a time, turns
 * their source into chunks (parse or crawl, then chunk), stores them as a new
 * generation and completes the job, which makes a new knowledge version.
 * Jobs interrupted by a restart are re-queued at start and run again from a
 * clean slate; a job interrupted three times fails with a readable reason.
 *
 * @module
 */
import { SENTENCE_MODEL, sentenceModel } from "../lib/sentence_model.ts";
import { AppError } from "../lib/errors.ts";
import { newId } from "../lib/ids.ts";
import { chunkDocument } from "../models/knowledge/chunking.ts";
import { newEvent, SYSTEM } from "../models/events/event.ts";
import type { Deps } from "../models/ports/deps.ts";
import type { ParsedDocument } from "../models/ports/ingestor.ts";
import type { IngestJob, KnowledgeSource, NewChunk } from "../models/knowledge/knowledge.ts";
import { providerFor } from "../models/providers/providers.ts";
import { documentKey } from "../models/knowledge/training.ts";

const MAX_ATTEMPTS = 3;
const BATCH = 200;

/** Runs ingestion jobs in the background. */
export class IngestRunner {
  #deps: Deps;
  #wake: (() => void) | null = null;
  #running = false;
  #busy = false;
  #loop: Promise<void> | null = null;
  #idleWaiters: Array<() => void> = [];
  #abort = new AbortController();

  constructor(deps: Deps) {
    this.#deps = deps;
  }

  /** Re-queues interrupted jobs and starts the loop. */
  async start(): Promise<void> {
    const requeued = await this.#deps.store.knowledge.requeueInterrupted(this.#deps.clock.now());
    if (requeued) this.#deps.log.info("re-queued interrupted ingestion jobs", { count: requeued });
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Wakes the loop (a job was queued). */
  notify(): void {
    this.#wake?.();
  }

  /** Resolves when no job is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    this.notify();
    await new Promise<void>((resolve) => {
      if (!this.#busy && !this.#wake) return resolve();
      this.#idleWaiters.push(resolve);
    });
  }

  /** Stops after the current job (which is aborted). */
  async stop(): Promise<void> {
    this.#running = false;
    this.#abort.abort();
    this.notify();
    await this.#loop;
  }

  async #run() {
    while (this.#running) {
      this.#busy = true;
      const job = await this.#deps.store.knowledge.claimNextJob(this.#deps.clock.now()).catch((err) => {
        this.#deps.log.error("claiming an ingestion job failed", { err });
        return null;
      });
      if (job) {
        await this.#process(job);
        continue;
      }
      this.#busy = false;
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
      if (!this.#running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 2000);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#wake = done;
      });
      this.#wake = null;
    }
    this.#busy = false;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  async #process(job: IngestJob) {
    const { store, clock, log } = this.#deps;
    try {
      if (job.attempts > MAX_ATTEMPTS) {
        throw new AppError(422, "interrupted", "Ingestion was interrupted too many times.");
      }
      const agent = await store.agents.get(job.workspaceId, job.agentId);
      const source = agent && await store.knowledge.getSource(job.workspaceId, job.agentId, job.sourceId);
      if (!agent || !source) throw new AppError(404, "gone", "The source was deleted.");
      await store.knowledge.deleteGeneration(job.id);
      const meta = await this.#ingest(job, source);
      await this.#embed(job, agent.provider);
      const verb = source.active ? "Re-synced" : "Added";
      await store.knowledge.completeJob(
        job.id,
        { ...meta, updatedAt: clock.now() },
        `${verb} ${source.type}: ${meta.title}`,
        clock.now(),
        ({ job: done, version }) => [
          newEvent("knowledge.trained", {
            workspaceId: done.workspaceId,
            aggregateId: done.agentId,
            actor: SYSTEM,
            at: version.createdAt,
            payload: {
              agentId: done.agentId,
              sourceId: done.sourceId,
              jobId: done.id,
              versionId: version.id,
              versionNumber: version.number,
              chunks: version.chunkCount,
            },
          }),
        ],
      );
      log.info("ingestion done", { jobId: job.id, sourceId: source.id });
    } catch (err) {
      const reason = err instanceof AppError ? err.message : "Something went wrong while reading this source.";
      if (!(err instanceof AppError)) log.error("ingestion failed", { err, jobId: job.id });
      await store.knowledge.failJob(job.id, reason, clock.now(), (failed) => [
        newEvent("knowledge.training_failed", {
          workspaceId: failed.workspaceId,
          aggregateId: failed.agentId,
          actor: SYSTEM,
          at: failed.finishedAt ?? clock.now(),
          payload: { agentId: failed.agentId, sourceId: failed.sourceId, jobId: failed.id, error: reason },
        }),
      ]).catch((e) => log.error("failJob failed", { e }));
    }
  }

  /** Writes the job's generation of chunks; returns the citation metadata for the source. */
  async #ingest(job: IngestJob, source: KnowledgeSource): Promise<{ title: string; url?: string }> {
    const { store, ingestor, files, config } = this.#deps;
    const write = async (doc: ParsedDocument, start: number): Promise<number> => {
      const drafts = chunkDocument(doc);
      const chunks: NewChunk[] = drafts.map((d, i) => ({
        id: newId(),
        sourceId: source.id,
        title: doc.title,
        url: doc.url,
        heading: d.heading,
        text: d.text,
        position: start + i,
      }));
      for (let i = 0; i < chunks.length; i += BATCH) {
        await store.knowledge.insertChunks(job.workspaceId, job.agentId, job.id, chunks.slice(i, i + BATCH));
      }
      return chunks.length;
    };
    if (source.type === "website") {
      let count = 0;
      let title = "";
      const crawl = ingestor.crawl(source.content, {
        maxPages: Number(source.metadata.maxPages ?? 50),
        maxDepth: Number(source.metadata.maxDepth ?? 2),
        allowLoopback: config.fetchAllowLoopback,
        signal: this.#abort.signal,
      });
      for await (const event of crawl) {
        if (event.type === "progress") await store.knowledge.setJobProgress(job.id, event.done, event.total);
        if (event.type === "page") {
          title ||= event.document.title;
          count += await write(event.document, count);
        }
      }
      if (!count) throw new AppError(422, "empty", "No readable pages were found at this address.");
      return { title: title ? `${title} (${new URL(source.content).hostname})` : source.title, url: source.content };
    }
    let doc: ParsedDocument;
    if (source.type === "document") {
      const bytes = await files.get(documentKey(source.id));
      if (!bytes) throw new AppError(404, "gone", "The uploaded file is missing; upload it again.");
      doc = await ingestor.parse(bytes, source.content);
      doc = { ...doc, title: source.title || doc.title };
    } else {
      doc = { title: source.title, text: source.content, mediaType: "text/markdown" };
    }
    const total = chunkDocument(doc).length;
    await store.knowledge.setJobProgress(job.id, 0, total);
    const n = await write(doc, 0);
    await store.knowledge.setJobProgress(job.id, n, total);
    if (!n) throw new AppError(422, "empty", "No readable text was found.");
    return { title: doc.title };
  }

  /**
   * Adds embeddings when the agent's provider offers them; when it has none (the built-in responder, Anthropic,
   * Lyzr) or cannot be reached, the offline sentence model's (`lib/sentence_model.ts`, on its own thread; ~60 ms
   * of CPU a chunk), which retrieval then uses to re-rank its candidates. Before the version goes live, so that it
   * is never half embedded. Best effort: lexical search works without.
   */
  async #embed(job: IngestJob, providerId: Parameters<typeof providerFor>[2]) {
    const provider = providerId === "local"
      ? null
      : await providerFor(this.#deps, job.workspaceId, providerId).catch(() => null);
    if (!provider?.embed) {
      if (this.#deps.config.sentenceModel) await this.#embedOffline(job);
      return;
    }
    try {
      const chunks = await this.#deps.store.knowledge.chunksOfGeneration(job.workspaceId, job.id);
      for (let i = 0; i < chunks.length; i += 64) {
        const batch = chunks.slice(i, i + 64);
        const vectors = await provider.embed(batch.map((c) => `${c.heading}\n${c.text}`), this.#abort.signal);
        await this.#deps.store.knowledge.setEmbeddings(
          job.workspaceId,
          batch.map((c, j) => ({ chunkId: c.id, vector: Float32Array.from(vectors[j]) })),
        );
      }
    } catch (err) {
      this.#deps.log.warn("embeddings skipped", { jobId: job.id, err: String(err) });
    }
  }

  async #embedOffline(job: IngestJob) {
    try {
      const chunks = await this.#deps.store.knowledge.chunksOfGeneration(job.workspaceId, job.id);
      for (let i = 0; i < chunks.length; i += 32) {
        const batch = chunks.slice(i, i + 32);
        // The page title and heading say what a chunk is about, as they do for ranking (see `retrieval.ts`).
        const vectors = await sentenceModel.embed(
          batch.map((c) => `${c.title}\n${c.heading}\n${c.text}`),
          this.#abort.signal,
        );
        await this.#deps.store.knowledge.setEmbeddings(
          job.workspaceId,
          batch.map((c, j) => ({ chunkId: c.id, vector: vectors[j].slice() })),
          SENTENCE_MODEL.id,
        );
      }
    } catch (err) {
      this.#deps.log.warn("sentence embeddings skipped", { jobId: job.id, err: String(err) });
    }
  }
}
