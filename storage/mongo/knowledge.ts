/**
 * MongoDB repositories for agents and their knowledge: sources, ingestion jobs, chunks, versions and search.
 *
 * Search runs on a text index over the chunks (`$text`, weighted title > heading > text, see `mod.ts`), scoped by
 * workspace and agent (the index's equality prefix) and to the generations of the agent's active version. The
 * vocabulary that spelling correction and document frequencies need (SQLite reads FTS5's vocabulary table;
 * MongoDB does not expose its index's) is kept in `knowledge_terms`: per stemmed word, how many indexed chunks hold
 * it, moved by `$inc` as versions activate, in the same transaction. Embeddings are stored as BSON float32 vectors
 * (binary subtype 9), the form Atlas Vector Search indexes (README, "MongoDB").
 *
 * @module
 */
import { type AnyBulkWriteOperation, Binary, type ClientSession, type Document } from "mongodb";
import { stemmer } from "stemmer";
import { newId } from "../../lib/ids.ts";
import type { Agent } from "../../models/agents/agent.ts";
import type {
  ChunkHit,
  IngestJob,
  KnowledgeSource,
  KnowledgeVersion,
  NewChunk,
  VersionItems,
} from "../../models/knowledge/knowledge.ts";
import type { AgentRepo, KnowledgeRepo, SourcePatch } from "../../models/ports/store.ts";
import { editDistance, ftsTerms, isEnglish, MATCH_BUDGET } from "../sqlite/knowledge_index.ts";
import { fromDoc, type Mongo, nextNumbers, toDoc, transaction, type Tx, writeEvents } from "./db.ts";

type S = ClientSession | undefined;
const INDEXED = "knowledge_indexed_chunks";

/** The words of a chunk as the vocabulary counts them: lowercased, stemmed, each once. */
function chunkTerms(c: { title: string; heading: string; text: string }): Set<string> {
  const words = `${c.title} ${c.heading} ${c.text}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.map((w) => stemmer(w)));
}

const toChunk = (d: Document): NewChunk => ({
  id: d._id,
  sourceId: d.sourceId,
  title: d.title,
  ...(d.url ? { url: d.url } : {}),
  heading: d.heading,
  text: d.text,
  position: d.position,
});
const toVersion = (d: Document) => fromDoc<KnowledgeVersion>(d, "items");
const toJob = (d: Document) => fromDoc<IngestJob>(d);

/**
 * Moves the vocabulary by a generation's chunks: +1 per chunk holding a word as the generation enters the active
 * knowledge, -1 as it leaves (and the count of indexed chunks with it).
 */
export async function indexGeneration(m: Pick<Mongo, "db">, generationId: string, sign: 1 | -1, session: S) {
  const chunks = m.db.collection("knowledge_chunks");
  const rows = await chunks.find({ generationId }, { session, projection: { title: 1, heading: 1, text: 1 } })
    .toArray();
  if (!rows.length) return;
  const df = new Map<string, number>();
  for (const r of rows) {
    for (const t of chunkTerms(r as never)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const ops: AnyBulkWriteOperation<{ _id: string; doc: number }>[] = [...df].map(([t, n]) => ({
    updateOne: { filter: { _id: t }, update: { $inc: { doc: sign * n } }, upsert: true },
  }));
  await m.db.collection<{ _id: string; doc: number }>("knowledge_terms").bulkWrite(ops, { session, ordered: false });
  await nextNumbers(m, INDEXED, sign * rows.length, session);
}

/** The index side, used inside the repositories' transactions. */
function knowledgeIndex(m: Mongo) {
  const agents = m.db.collection("agents");
  const versions = m.db.collection("knowledge_versions");
  const chunks = m.db.collection("knowledge_chunks");
  const terms = m.db.collection<{ _id: string; doc: number }>("knowledge_terms");
  const self = {
    async items(versionId: string | null, session?: S): Promise<VersionItems> {
      if (!versionId) return {};
      const v = await versions.findOne({ _id: versionId as never }, { session, projection: { items: 1 } });
      return Object.fromEntries(
        ((v?.items ?? []) as Array<{ sourceId: string; generationId: string }>).map((
          i,
        ) => [i.sourceId, i.generationId]),
      );
    },
    async activeVersionId(workspaceId: string, agentId: string, session?: S): Promise<string | null> {
      const a = await agents.findOne({ workspaceId, _id: agentId as never }, {
        session,
        projection: { activeVersionId: 1 },
      });
      return (a?.activeVersionId as string | null) ?? null;
    },
    async activeItems(workspaceId: string, agentId: string, session?: S) {
      return await self.items(await self.activeVersionId(workspaceId, agentId, session), session);
    },
    /** Records `items` as the agent's next version, makes it active and moves the vocabulary. In a transaction. */
    async activate(tx: Tx, workspaceId: string, agentId: string, items: VersionItems, reason: string, at: Date) {
      const session = tx.session;
      const before = await self.activeItems(workspaceId, agentId, session);
      for (const [sourceId, gen] of Object.entries(before)) {
        if (items[sourceId] !== gen) await indexGeneration(m, gen, -1, session);
      }
      for (const [sourceId, gen] of Object.entries(items)) {
        if (before[sourceId] !== gen) await indexGeneration(m, gen, 1, session);
      }
      // The next number per agent: two activations racing both write the agent's document, so one is retried.
      const last = await versions.findOne({ agentId }, { session, sort: { number: -1 }, projection: { number: 1 } });
      const gens = Object.values(items);
      const version: KnowledgeVersion = {
        id: newId(at),
        workspaceId,
        agentId,
        number: Number(last?.number ?? 0) + 1,
        reason,
        sourceCount: gens.length,
        chunkCount: gens.length ? await chunks.countDocuments({ generationId: { $in: gens } }, { session }) : 0,
        createdAt: at,
      };
      await versions.insertOne({
        ...toDoc(version),
        items: Object.entries(items).map(([sourceId, generationId]) => ({ sourceId, generationId })),
      }, { session });
      await agents.updateOne({ workspaceId, _id: agentId as never }, { $set: { activeVersionId: version.id } }, {
        session,
      });
      return version;
    },
    /** Drops an agent's active generations from the vocabulary (the agent is going away). */
    async forget(workspaceId: string, agentId: string, session: S) {
      for (const gen of Object.values(await self.activeItems(workspaceId, agentId, session))) {
        await indexGeneration(m, gen, -1, session);
      }
    },
    async df(words: string[]): Promise<number[]> {
      const stems = words.map((w) => stemmer(w.toLowerCase()));
      const found = new Map(
        (await terms.find({ _id: { $in: [...new Set(stems)] } }).toArray()).map((d) => [d._id, d.doc]),
      );
      return stems.map((s) => Math.max(0, found.get(s) ?? 0));
    },
    async indexedRows(): Promise<number> {
      const d = await m.db.collection<{ _id: string; seq: number }>("counters").findOne({ _id: INDEXED });
      return Math.max(0, d?.seq ?? 0);
    },
    /** The query's terms that fit the match budget, rarest first (like the SQLite index's). */
    async selectTerms(query: string): Promise<string[]> {
      const words = ftsTerms(query);
      if (words.length <= 1) return words;
      const counts = await self.df(words);
      const counted = words.map((t, i) => ({ t, n: counts[i] })).sort((a, b) => a.n - b.n);
      const kept: string[] = [];
      let rows = 0;
      for (const { t, n } of counted) {
        if (kept.length && rows + n > MATCH_BUDGET) break;
        kept.push(t);
        rows += n;
      }
      return kept;
    },
    /** As the SQLite index's `correct`, over the `knowledge_terms` vocabulary. */
    async correct(query: string): Promise<string> {
      const replacements = new Map<string, string>();
      for (const word of new Set(query.match(/\p{L}+/gu) ?? [])) {
        const lower = word.toLowerCase();
        if (lower.length < 5 || !/^[a-z]+$/.test(lower) || !ftsTerms(lower).length || isEnglish(lower)) continue;
        const stem = stemmer(lower);
        if ((await terms.countDocuments({ _id: { $in: [stem, lower] }, doc: { $gt: 0 } })) > 0) continue;
        const max = lower.length >= 7 ? 2 : 1;
        const first = lower[0];
        let best: { term: string; d: number; n: number } | null = null;
        const range = { $gte: first, $lt: String.fromCharCode(first.charCodeAt(0) + 1) };
        for (const r of await terms.find({ _id: range, doc: { $gt: 0 } }).toArray()) {
          if (!/^[a-z]+$/.test(r._id)) continue;
          const d = Math.min(editDistance(stem, r._id, max), editDistance(lower, r._id, max));
          if (d <= max && (!best || d < best.d || (d === best.d && r.doc > best.n))) {
            best = { term: r._id, d, n: r.doc };
          }
        }
        if (best) replacements.set(word, best.term);
      }
      return query.replace(/\p{L}+/gu, (w) => replacements.get(w) ?? w);
    },
  };
  return self;
}

/** Agents on MongoDB. Removing one removes its knowledge in the same transaction. */
export function mongoAgents(m: Mongo): AgentRepo {
  const col = m.db.collection("agents");
  const index = knowledgeIndex(m);
  const toAgent = (d: Document) => fromDoc<Agent>(d);
  return {
    list: async (wid) => (await col.find({ workspaceId: wid }).sort({ createdAt: 1, _id: 1 }).toArray()).map(toAgent),
    get: async (wid, id) => {
      const d = await col.findOne({ workspaceId: wid, _id: id as never });
      return d ? toAgent(d) : null;
    },
    insert: (a, emit) =>
      transaction(m, async (tx) => {
        await col.insertOne(toDoc(a), { session: tx.session });
        await writeEvents(m, tx, emit, a);
      }),
    update: (wid, id, patch, emit) =>
      transaction(m, async (tx) => {
        const $set: Document = {};
        for (const [k, v] of Object.entries(patch)) if (v !== undefined) $set[k] = v;
        const d = await col.findOneAndUpdate(
          { workspaceId: wid, _id: id as never },
          { $set },
          { returnDocument: "after", session: tx.session },
        );
        return d ? await writeEvents(m, tx, emit, toAgent(d)) : null;
      }),
    findPublic: async (id) => {
      const d = await col.findOne({ _id: id as never });
      return d ? toAgent(d) : null;
    },
    remove: (wid, id, emit) =>
      transaction(m, async (tx) => {
        const session = tx.session;
        if (!await col.findOne({ workspaceId: wid, _id: id as never }, { session })) return false;
        await index.forget(wid, id, session);
        const mine = { workspaceId: wid, agentId: id };
        for (const name of ["knowledge_chunks", "knowledge_versions", "ingest_jobs", "knowledge_sources"]) {
          await m.db.collection(name).deleteMany(mine, { session });
        }
        await col.deleteOne({ workspaceId: wid, _id: id as never }, { session });
        await writeEvents(m, tx, emit, id);
        return true;
      }),
  };
}

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
    search: async (wid, agentId, query, limit): Promise<ChunkHit[]> => {
      const words = await index.selectTerms(query);
      const gens = Object.values(await index.activeItems(wid, agentId));
      if (!words.length || !gens.length) return [];
      const rows = await chunks.aggregate([
        // $text ORs the words (stemmed, English stopwords out) and scores by weighted term frequency.
        { $match: { $text: { $search: words.join(" ") }, workspaceId: wid, agentId, generationId: { $in: gens } } },
        { $addFields: { score: { $meta: "textScore" } } },
        { $sort: { score: -1, _id: 1 } },
        { $limit: limit },
        { $project: { embedding: 0 } },
      ]).toArray();
      return rows.map((d) => ({ ...toChunk(d), score: Number(d.score) }));
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
    setEmbeddings: async (wid, vectors) => {
      if (!vectors.length) return;
      await chunks.bulkWrite(
        vectors.map((v) => ({
          updateOne: {
            filter: { workspaceId: wid, _id: v.chunkId as never },
            update: { $set: { embedding: Binary.fromFloat32Array(v.vector) } },
          },
        })),
        { ordered: false },
      );
    },
    embeddedChunks: async (wid, agentId) => {
      const gens = Object.values(await index.activeItems(wid, agentId));
      if (!gens.length) return [];
      const rows = await chunks.find({
        workspaceId: wid,
        agentId,
        generationId: { $in: gens },
        embedding: { $exists: true },
      }).toArray();
      return rows.map((d) => ({ ...toChunk(d), vector: (d.embedding as Binary).toFloat32Array() }));
    },
    chunksOfGeneration: async (wid, generationId) =>
      (await chunks.find({ workspaceId: wid, generationId }, { projection: { embedding: 0 } }).sort({ position: 1 })
        .toArray()).map(toChunk),
  };
}
