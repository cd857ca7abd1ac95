/**
 * MongoDB repository for knowledge: sources, ingestion jobs, chunks, versions and search.
 *
 * Search runs on a text index over the chunks (`$text`, weighted title > heading > text, see `mod.ts`), scoped by
 * workspace and agent (the index's equality prefix) and to the generations of the agent's active version; the
 * vocabulary and version activation are in `knowledge_index.ts`. Embeddings are stored as BSON float32 vectors
 * (binary subtype 9), the form Atlas Vector Search indexes (README, "MongoDB").
 *
 * @module
 */
import { Binary, type Document } from "mongodb";
import type { ChunkHit, IngestJob, KnowledgeSource } from "../../models/knowledge/knowledge.ts";
import type { KnowledgeRepo, SourcePatch } from "../../models/ports/store.ts";
import { fromDoc, type Mongo, toDoc, transaction, writeEvents } from "./db.ts";
import { knowledgeIndex, type S, toChunk, toVersion } from "./knowledge_index.ts";
import { ftsTerms } from "../sqlite/knowledge_index.ts";

const toJob = (d: Document) => fromDoc<IngestJob>(d);

/** Knowledge on MongoDB. */
export function mongoKnowledge(m: Mongo): KnowledgeRepo {
  const index = knowledgeIndex(m);
  const sources = m.db.collection("knowledge_sources");
  const jobs = m.db.collection("ingest_jobs");
  const chunks = m.db.collection("knowledge_chunks");
  const versions = m.db.collection("knowledge_versions");

  async function sourcesView(wid: string, agentId: string, rows: Document[]): Promise<KnowledgeSource[]> {
    const items = await index.activeItems(wid, agentId);
    const gens = Object.values(items);
    const counts = new Map<string, number>(
      gens.length
        ? (await chunks.aggregate([
          { $match: { generationId: { $in: gens } } },
          { $group: { _id: "$generationId", n: { $sum: 1 } } },
        ]).toArray()).map((r) => [r._id as string, r.n as number])
        : [],
    );
    return rows.map((d) => ({
      ...fromDoc<KnowledgeSource>(d, "deletedAt"),
      chunkCount: items[d._id] ? counts.get(items[d._id]) ?? 0 : 0,
      active: d._id in items,
    }));
  }
  const sourceDoc = (s: KnowledgeSource) => {
    const { chunkCount: _c, active: _a, ...rest } = s;
    return { ...toDoc(rest), deletedAt: null };
  };
  async function patchSource(wid: string, id: string, p: SourcePatch, session: S) {
    const $set: Document = { updatedAt: p.updatedAt };
    for (const k of ["title", "url", "status", "metadata"] as const) if (p[k] !== undefined) $set[k] = p[k];
    if (p.error !== undefined) $set.error = p.error;
    // As in the SQLite adapter, a patch without an error clears the last one.
    const update: Document = p.error === undefined ? { $set, $unset: { error: "" } } : { $set };
    await sources.updateOne({ workspaceId: wid, _id: id as never }, update, { session });
  }
  const insertJob = (j: IngestJob, session: S) => jobs.insertOne(toDoc(j), { session });

  return {
    insertSource: (s, job, emit) =>
      transaction(m, async (tx) => {
        await sources.insertOne(sourceDoc(s), { session: tx.session });
        await insertJob(job, tx.session);
        await writeEvents(m, tx, emit, s);
      }),
    listSources: async (wid, agentId) =>
      await sourcesView(
        wid,
        agentId,
        await sources.find({ workspaceId: wid, agentId, deletedAt: null }).sort({ createdAt: -1, _id: -1 }).toArray(),
      ),
    getSource: async (wid, agentId, id) => {
      const d = await sources.findOne({ workspaceId: wid, agentId, _id: id as never, deletedAt: null });
      return d ? (await sourcesView(wid, agentId, [d]))[0] : null;
    },
    updateSource: (wid, id, patch) => patchSource(wid, id, patch, undefined),
    enqueueJob: (job) =>
      transaction(m, async ({ session }) => {
        await insertJob(job, session);
        await patchSource(job.workspaceId, job.sourceId, { status: "queued", updatedAt: job.createdAt }, session);
      }),
    getJob: async (wid, id) => {
      const d = await jobs.findOne({ workspaceId: wid, _id: id as never });
      return d ? toJob(d) : null;
    },
    listJobs: async (wid, agentId, limit) =>
      (await jobs.find({ workspaceId: wid, agentId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray())
        .map(toJob),
    claimNextJob: (now) =>
      transaction(m, async ({ session }) => {
        // One findOneAndUpdate: two workers cannot both take the job.
        const d = await jobs.findOneAndUpdate(
          { state: "queued" },
          { $set: { state: "running", startedAt: now }, $inc: { attempts: 1 } },
          { sort: { createdAt: 1, _id: 1 }, returnDocument: "after", session },
        );
        if (!d) return null;
        await patchSource(d.workspaceId, d.sourceId, { status: "running", updatedAt: now }, session);
        return toJob(d);
      }),
    requeueInterrupted: (now) =>
      transaction(m, async ({ session }) => {
        const running = await jobs.find({ state: "running" }, { session }).toArray();
        for (const r of running) {
          await chunks.deleteMany({ generationId: r._id }, { session });
          await jobs.updateOne({ _id: r._id }, { $set: { state: "queued", progressDone: 0 } }, { session });
          await patchSource(r.workspaceId, r.sourceId, { status: "queued", updatedAt: now }, session);
        }
        return running.length;
      }),
    setJobProgress: async (jobId, done, total) => {
      await jobs.updateOne({ _id: jobId as never }, { $set: { progressDone: done, progressTotal: total } });
    },
    failJob: (jobId, error, at, emit) =>
      transaction(m, async (tx) => {
        const session = tx.session;
        const r = await jobs.findOne({ _id: jobId as never }, { session });
        if (!r) return;
        await chunks.deleteMany({ generationId: jobId }, { session });
        const d = await jobs.findOneAndUpdate(
          { _id: jobId as never },
          { $set: { state: "failed", error, finishedAt: at } },
          { returnDocument: "after", session },
        );
        await patchSource(r.workspaceId, r.sourceId, { status: "failed", error, updatedAt: at }, session);
        await writeEvents(m, tx, emit, toJob(d!));
      }),
    insertChunks: async (wid, agentId, generationId, list) => {
      if (!list.length) return;
      await chunks.insertMany(
        list.map((c) => ({ ...toDoc(c), workspaceId: wid, agentId, generationId })),
        { ordered: true },
      );
    },
    deleteGeneration: async (generationId) => {
      await chunks.deleteMany({ generationId });
    },
    completeJob: (jobId, source, reason, at, emit) =>
      transaction(m, async (tx) => {
        const session = tx.session;
        const r = await jobs.findOne({ _id: jobId as never }, { session });
        if (!r) throw new Error(`job ${jobId} not found`);
        const src = await sources.findOne({ _id: r.sourceId }, { session, projection: { deletedAt: 1 } });
        if (!src || src.deletedAt) {
          await chunks.deleteMany({ generationId: jobId }, { session });
          await jobs.updateOne(
            { _id: jobId as never },
            { $set: { state: "failed", error: "Source deleted", finishedAt: at } },
            { session },
          );
          return null;
        }
        const done = await jobs.findOneAndUpdate(
          { _id: jobId as never },
          { $set: { state: "done", finishedAt: at }, $unset: { error: "" } },
          { returnDocument: "after", session },
        );
        await patchSource(
          r.workspaceId,
          r.sourceId,
          { ...source, status: "ready", error: undefined, updatedAt: at },
          session,
        );
        const items = { ...await index.activeItems(r.workspaceId, r.agentId, session), [r.sourceId]: jobId };
        const version = await index.activate(tx, r.workspaceId, r.agentId, items, reason, at);
        await writeEvents(m, tx, emit, { job: toJob(done!), version });
        return version;
      }),
    removeSource: (wid, agentId, sourceId, at, emit) =>
      transaction(m, async (tx) => {
        const session = tx.session;
        const r = await sources.findOne({ workspaceId: wid, agentId, _id: sourceId as never, deletedAt: null }, {
          session,
        });
        if (!r) return null;
        await sources.updateOne({ _id: sourceId as never }, { $set: { deletedAt: at, updatedAt: at } }, { session });
        await jobs.updateMany(
          { sourceId, state: "queued" },
          { $set: { state: "failed", error: "Source deleted" } },
          { session },
        );
        const items = await index.activeItems(wid, agentId, session);
        delete items[sourceId];
        const version = await index.activate(tx, wid, agentId, items, `Removed ${r.type}: ${r.title}`, at);
        return await writeEvents(m, tx, emit, version);
      }),
    listVersions: async (wid, agentId) =>
      (await versions.find({ workspaceId: wid, agentId }).sort({ number: -1 }).toArray()).map(toVersion),
    versionItems: async (wid, versionId) => {
      const v = await versions.findOne({ workspaceId: wid, _id: versionId as never }, { projection: { _id: 1 } });
      return v ? await index.items(versionId) : null;
    },
    activateVersion: (wid, agentId, versionId, at, emit) =>
      transaction(m, async (tx) => {
        const session = tx.session;
        const v = await versions.findOne({ workspaceId: wid, agentId, _id: versionId as never }, { session });
        if (!v) return null;
        const items = await index.items(versionId, session);
        const ids = Object.keys(items);
        // Sources follow the version: its sources are listed again, the others are set aside.
        await sources.updateMany(
          { workspaceId: wid, agentId, deletedAt: null, status: "ready", _id: { $nin: ids as never[] } },
          { $set: { deletedAt: at } },
          { session },
        );
        if (ids.length) {
          await sources.updateMany(
            { workspaceId: wid, agentId, _id: { $in: ids as never[] } },
            { $set: { deletedAt: null, status: "ready" }, $unset: { error: "" } },
            { session },
          );
        }
        const version = await index.activate(tx, wid, agentId, items, `Rolled back to v${v.number}`, at);
        return await writeEvents(m, tx, emit, version);
      }),
    search: async (wid, agentId, query, limit, equivalents = ""): Promise<ChunkHit[]> => {
      const words = await index.selectTerms(`${query} ${equivalents}`);
      const gens = Object.values(await index.activeItems(wid, agentId));
      if (!words.length || !gens.length) return [];
      const textSearch = (side: string[], take: number) =>
        chunks.aggregate([
          // $text ORs the words (stemmed, English stopwords out) and scores by weighted term frequency.
          { $match: { $text: { $search: side.join(" ") }, workspaceId: wid, agentId, generationId: { $in: gens } } },
          { $addFields: { score: { $meta: "textScore" } } },
          { $sort: { score: -1, _id: 1 } },
          { $limit: take },
          { $project: { embedding: 0 } },
        ]).toArray();
      // The question's own words weigh double its equivalents' (the port's contract), and $text takes neither
      // per-word weights nor a second $text in one pipeline: each side is searched on its own, and a chunk scores
      // its own-word score plus half its equivalents' (the text score adds up over words; a chunk outside one
      // side's first `2 x limit` counts 0 there). Without equivalents, one search as it always was.
      const own = new Set(ftsTerms(query));
      const others = words.filter((w) => !own.has(w));
      const sides: Array<[string[], number]> = [[words.filter((w) => own.has(w)), 1], [others, 0.5]];
      const take = others.length ? 2 * limit : limit;
      const scored = new Map<string, ChunkHit>();
      for (const [side, weight] of sides) {
        if (!side.length) continue;
        for (const d of await textSearch(side, take)) {
          const hit = scored.get(String(d._id)) ?? { ...toChunk(d), score: 0 };
          hit.score += weight * Number(d.score);
          scored.set(String(d._id), hit);
        }
      }
      return [...scored.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
    },
    correct: (query) => index.correct(query),
    documentFrequencies: async (words) => ({ documents: await index.indexedRows(), counts: await index.df(words) }),
    topics: async (wid, agentId) => {
      const gens = Object.values(await index.activeItems(wid, agentId));
      if (!gens.length) return [];
      // One row per distinct (title, heading), as SQLite's SELECT DISTINCT gives them.
      const rows = await chunks.aggregate([
        { $match: { workspaceId: wid, agentId, generationId: { $in: gens } } },
        { $group: { _id: { title: "$title", heading: "$heading" } } },
      ]).toArray();
      return rows.map((d) => `${d._id.title} ${d._id.heading}`);
    },
    setEmbeddings: async (wid, vectors, model) => {
      if (!vectors.length) return;
      await chunks.bulkWrite(
        vectors.map((v) => ({
          updateOne: {
            filter: { workspaceId: wid, _id: v.chunkId as never },
            update: { $set: { embedding: Binary.fromFloat32Array(v.vector), embeddingModel: model ?? null } },
          },
        })),
        { ordered: false },
      );
    },
    chunkVectors: async (wid, chunkIds, model) => {
      const out = new Map<string, Float32Array>();
      if (!chunkIds.length) return out;
      const rows = await chunks.find(
        { workspaceId: wid, _id: { $in: chunkIds as never[] }, embeddingModel: model },
        { projection: { embedding: 1 } },
      ).toArray();
      for (const d of rows) out.set(String(d._id), (d.embedding as Binary).toFloat32Array());
      return out;
    },
    embeddedChunks: async (wid, agentId) => {
      const gens = Object.values(await index.activeItems(wid, agentId));
      if (!gens.length) return [];
      const rows = await chunks.find({
        workspaceId: wid,
        agentId,
        generationId: { $in: gens },
        embedding: { $exists: true },
        embeddingModel: null,
      }).toArray();
      return rows.map((d) => ({ ...toChunk(d), vector: (d.embedding as Binary).toFloat32Array() }));
    },
    chunksOfGeneration: async (wid, generationId) =>
      (await chunks.find({ workspaceId: wid, generationId }, { projection: { embedding: 0 } }).sort({ position: 1 })
        .toArray()).map(toChunk),
  };
}
