/**
 * SQLite repository for knowledge: sources, ingestion jobs, chunks and
 * versions (the index side is in `knowledge_index.ts`, chunks' vectors in
 * `knowledge_vectors.ts`).
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { IngestJob, JobState, KnowledgeSource, SourceStatus } from "../../models/knowledge/knowledge.ts";
import type { KnowledgeRepo, SourcePatch } from "../../models/ports/store.ts";
import { date, iso, type Row, run, transaction } from "./db.ts";
import { type AppendSignal, writeEvents } from "./events.ts";
import { knowledgeIndex, toChunk, toVersion } from "./knowledge_index.ts";
import { sqliteKnowledgeVectors } from "./knowledge_vectors.ts";

const toSource = (r: Row, active: Set<string>, counts: Map<string, number>): KnowledgeSource => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  agentId: r.agent_id as string,
  type: r.type as KnowledgeSource["type"],
  content: r.content as string,
  metadata: JSON.parse(r.metadata as string),
  title: r.title as string,
  url: (r.url as string | null) ?? undefined,
  status: r.status as SourceStatus,
  error: (r.error as string | null) ?? undefined,
  chunkCount: counts.get(r.id as string) ?? 0,
  active: active.has(r.id as string),
  createdAt: date(r.created_at)!,
  updatedAt: date(r.updated_at)!,
});

const toJob = (r: Row): IngestJob => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  agentId: r.agent_id as string,
  sourceId: r.source_id as string,
  state: r.state as JobState,
  progressDone: Number(r.progress_done),
  progressTotal: Number(r.progress_total),
  error: (r.error as string | null) ?? undefined,
  attempts: Number(r.attempts),
  createdAt: date(r.created_at)!,
  startedAt: date(r.started_at),
  finishedAt: date(r.finished_at),
});

/** Knowledge on SQLite. */
export function sqliteKnowledge(db: DatabaseSync, signal: AppendSignal): KnowledgeRepo {
  const index = knowledgeIndex(db);

  function sourcesView(wid: string, agentId: string, rows: Row[]): KnowledgeSource[] {
    const items = index.items(index.activeVersionId(wid, agentId));
    const counts = new Map<string, number>();
    for (const [sourceId, gen] of Object.entries(items)) {
      const n = db.prepare("SELECT COUNT(*) AS n FROM knowledge_chunks WHERE generation_id = ?").get(gen) as Row;
      counts.set(sourceId, Number(n.n));
    }
    return rows.map((r) => toSource(r, new Set(Object.keys(items)), counts));
  }

  function insertJob(j: IngestJob) {
    db.prepare(
      `INSERT INTO ingest_jobs (id, workspace_id, agent_id, source_id, state, progress_done, progress_total, attempts, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      j.id,
      j.workspaceId,
      j.agentId,
      j.sourceId,
      j.state,
      j.progressDone,
      j.progressTotal,
      j.attempts,
      iso(j.createdAt),
    );
  }

  function patchSource(wid: string, id: string, p: SourcePatch) {
    db.prepare(
      `UPDATE knowledge_sources SET title = COALESCE(?, title), url = COALESCE(?, url), status = COALESCE(?, status),
         error = ?, metadata = COALESCE(?, metadata), updated_at = ? WHERE workspace_id = ? AND id = ?`,
    ).run(
      p.title ?? null,
      p.url ?? null,
      p.status ?? null,
      p.error ?? null,
      p.metadata ? JSON.stringify(p.metadata) : null,
      iso(p.updatedAt),
      wid,
      id,
    );
  }

  const jobRow = (id: string) => db.prepare("SELECT * FROM ingest_jobs WHERE id = ?").get(id) as Row | undefined;

  return {
    insertSource: (s, job, emit) =>
      run(() =>
        transaction(db, () => {
          db.prepare(
            `INSERT INTO knowledge_sources (id, workspace_id, agent_id, type, content, metadata, title, url, status, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            s.id,
            s.workspaceId,
            s.agentId,
            s.type,
            s.content,
            JSON.stringify(s.metadata),
            s.title,
            s.url ?? null,
            s.status,
            iso(s.createdAt),
            iso(s.updatedAt),
          );
          insertJob(job);
          writeEvents(db, signal, emit, s);
        })
      ),
    listSources: (wid, agentId) =>
      run(() =>
        sourcesView(
          wid,
          agentId,
          db.prepare(
            `SELECT * FROM knowledge_sources WHERE workspace_id = ? AND agent_id = ? AND deleted_at IS NULL
             ORDER BY created_at DESC, id DESC`,
          ).all(wid, agentId) as Row[],
        )
      ),
    getSource: (wid, agentId, id) =>
      run(() => {
        const r = db.prepare(
          "SELECT * FROM knowledge_sources WHERE workspace_id = ? AND agent_id = ? AND id = ? AND deleted_at IS NULL",
        ).get(wid, agentId, id) as Row | undefined;
        return r ? sourcesView(wid, agentId, [r])[0] : null;
      }),
    updateSource: (wid, id, patch) => run(() => patchSource(wid, id, patch)),
    enqueueJob: (job) =>
      run(() =>
        transaction(db, () => {
          insertJob(job);
          patchSource(job.workspaceId, job.sourceId, { status: "queued", updatedAt: job.createdAt });
        })
      ),
    getJob: (wid, id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM ingest_jobs WHERE workspace_id = ? AND id = ?").get(wid, id) as
          | Row
          | undefined;
        return r ? toJob(r) : null;
      }),
    listJobs: (wid, agentId, limit) =>
      run(() =>
        (db.prepare(
          "SELECT * FROM ingest_jobs WHERE workspace_id = ? AND agent_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        ).all(wid, agentId, limit) as Row[]).map(toJob)
      ),
    claimNextJob: (now) =>
      run(() => {
        const r = db.prepare(
          `UPDATE ingest_jobs SET state = 'running', attempts = attempts + 1, started_at = ?
           WHERE id = (SELECT id FROM ingest_jobs WHERE state = 'queued' ORDER BY created_at, id LIMIT 1)
           RETURNING *`,
        ).get(iso(now)) as Row | undefined;
        if (!r) return null;
        patchSource(r.workspace_id as string, r.source_id as string, { status: "running", updatedAt: now });
        return toJob(r);
      }),
    requeueInterrupted: (now) =>
      run(() =>
        transaction(db, () => {
          const rows = db.prepare("SELECT * FROM ingest_jobs WHERE state = 'running'").all() as Row[];
          for (const r of rows) {
            db.prepare("DELETE FROM knowledge_chunks WHERE generation_id = ?").run(r.id as string);
            db.prepare("UPDATE ingest_jobs SET state = 'queued', progress_done = 0 WHERE id = ?").run(r.id as string);
            patchSource(r.workspace_id as string, r.source_id as string, { status: "queued", updatedAt: now });
          }
          return rows.length;
        })
      ),
    setJobProgress: (jobId, done, total) =>
      run(() => {
        db.prepare("UPDATE ingest_jobs SET progress_done = ?, progress_total = ? WHERE id = ?").run(done, total, jobId);
      }),
    failJob: (jobId, error, at, emit) =>
      run(() =>
        transaction(db, () => {
          const r = jobRow(jobId);
          if (!r) return;
          db.prepare("DELETE FROM knowledge_chunks WHERE generation_id = ?").run(jobId);
          db.prepare("UPDATE ingest_jobs SET state = 'failed', error = ?, finished_at = ? WHERE id = ?")
            .run(error, iso(at), jobId);
          patchSource(r.workspace_id as string, r.source_id as string, { status: "failed", error, updatedAt: at });
          writeEvents(db, signal, emit, toJob(jobRow(jobId)!));
        })
      ),
    insertChunks: (wid, agentId, generationId, chunks) =>
      run(() =>
        transaction(db, () => {
          const stmt = db.prepare(
            `INSERT INTO knowledge_chunks (id, workspace_id, agent_id, source_id, generation_id, title, url, heading, text, position)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          );
          for (const c of chunks) {
            stmt.run(
              c.id,
              wid,
              agentId,
              c.sourceId,
              generationId,
              c.title,
              c.url ?? null,
              c.heading,
              c.text,
              c.position,
            );
          }
        })
      ),
    deleteGeneration: (generationId) =>
      run(() => {
        db.prepare("DELETE FROM knowledge_chunks WHERE generation_id = ?").run(generationId);
      }),
    completeJob: (jobId, source, reason, at, emit) =>
      run(() =>
        transaction(db, () => {
          const r = jobRow(jobId);
          if (!r) throw new Error(`job ${jobId} not found`);
          const wid = r.workspace_id as string;
          const agentId = r.agent_id as string;
          const src = db.prepare("SELECT deleted_at FROM knowledge_sources WHERE id = ?").get(r.source_id as string) as
            | Row
            | undefined;
          if (!src || src.deleted_at) {
            db.prepare("DELETE FROM knowledge_chunks WHERE generation_id = ?").run(jobId);
            db.prepare(
              "UPDATE ingest_jobs SET state = 'failed', error = 'Source deleted', finished_at = ? WHERE id = ?",
            )
              .run(iso(at), jobId);
            return null;
          }
          db.prepare("UPDATE ingest_jobs SET state = 'done', finished_at = ?, error = NULL WHERE id = ?")
            .run(iso(at), jobId);
          patchSource(wid, r.source_id as string, { ...source, status: "ready", error: undefined, updatedAt: at });
          const items = { ...index.items(index.activeVersionId(wid, agentId)), [r.source_id as string]: jobId };
          const version = index.activate(wid, agentId, items, reason, at);
          writeEvents(db, signal, emit, { job: toJob(jobRow(jobId)!), version });
          return version;
        })
      ),
    removeSource: (wid, agentId, sourceId, at, emit) =>
      run(() =>
        transaction(db, () => {
          const r = db.prepare(
            "SELECT * FROM knowledge_sources WHERE workspace_id = ? AND agent_id = ? AND id = ? AND deleted_at IS NULL",
          ).get(wid, agentId, sourceId) as Row | undefined;
          if (!r) return null;
          db.prepare("UPDATE knowledge_sources SET deleted_at = ?, updated_at = ? WHERE id = ?")
            .run(iso(at), iso(at), sourceId);
          db.prepare(
            "UPDATE ingest_jobs SET state = 'failed', error = 'Source deleted' WHERE source_id = ? AND state = 'queued'",
          )
            .run(sourceId);
          const items = index.items(index.activeVersionId(wid, agentId));
          delete items[sourceId];
          return writeEvents(
            db,
            signal,
            emit,
            index.activate(wid, agentId, items, `Removed ${r.type}: ${r.title}`, at),
          );
        })
      ),
    listVersions: (wid, agentId) =>
      run(() =>
        (db.prepare("SELECT * FROM knowledge_versions WHERE workspace_id = ? AND agent_id = ? ORDER BY number DESC")
          .all(wid, agentId) as Row[]).map(toVersion)
      ),
    versionItems: (wid, versionId) =>
      run(() => {
        const v = db.prepare("SELECT id FROM knowledge_versions WHERE workspace_id = ? AND id = ?").get(wid, versionId);
        return v ? index.items(versionId) : null;
      }),
    activateVersion: (wid, agentId, versionId, at, emit) =>
      run(() =>
        transaction(db, () => {
          const v = db.prepare("SELECT * FROM knowledge_versions WHERE workspace_id = ? AND agent_id = ? AND id = ?")
            .get(wid, agentId, versionId) as Row | undefined;
          if (!v) return null;
          const items = index.items(versionId);
          const ids = Object.keys(items);
          // Sources follow the version: its sources are listed again, the others are set aside.
          db.prepare(
            `UPDATE knowledge_sources SET deleted_at = ? WHERE workspace_id = ? AND agent_id = ? AND deleted_at IS NULL
               AND status = 'ready' AND id NOT IN (${ids.map(() => "?").join(",") || "''"})`,
          ).run(iso(at), wid, agentId, ...ids);
          if (ids.length) {
            db.prepare(
              `UPDATE knowledge_sources SET deleted_at = NULL, status = 'ready', error = NULL
               WHERE workspace_id = ? AND agent_id = ? AND id IN (${ids.map(() => "?").join(",")})`,
            ).run(wid, agentId, ...ids);
          }
          return writeEvents(db, signal, emit, index.activate(wid, agentId, items, `Rolled back to v${v.number}`, at));
        })
      ),
    search: (wid, agentId, query, limit, equivalents) =>
      run(() => index.search(wid, agentId, query, limit, equivalents)),
    correct: (query) => run(() => index.correct(query)),
    documentFrequencies: (words) => run(() => index.documentFrequencies(words)),
    topics: (wid, agentId) =>
      run(() => {
        const gens = Object.values(index.items(index.activeVersionId(wid, agentId)));
        if (!gens.length) return [];
        const rows = db.prepare(
          `SELECT DISTINCT title, heading FROM knowledge_chunks WHERE workspace_id = ? AND agent_id = ?
             AND generation_id IN (${gens.map(() => "?").join(",")})`,
        ).all(wid, agentId, ...gens) as Row[];
        return rows.map((r) => `${r.title} ${r.heading}`);
      }),
    ...sqliteKnowledgeVectors(db, index),
    chunksOfGeneration: (wid, generationId) =>
      run(() =>
        (db.prepare("SELECT * FROM knowledge_chunks WHERE workspace_id = ? AND generation_id = ? ORDER BY position")
          .all(wid, generationId) as Row[]).map(toChunk)
      ),
  };
}
