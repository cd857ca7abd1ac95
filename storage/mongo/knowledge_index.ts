/**
 * The searchable side of knowledge on MongoDB: versions, their activation and the vocabulary.
 *
 * MongoDB does not expose its text index's vocabulary (SQLite reads FTS5's), so the words spelling correction and
 * document frequencies need are kept in `knowledge_terms`: per stemmed word, how many indexed chunks hold it, moved by
 * `$inc` as versions activate, in the same transaction. The query's terms are picked and corrected from it here.
 *
 * @module
 */
import { type AnyBulkWriteOperation, type ClientSession, type Document } from "mongodb";
import { stemmer } from "stemmer";
import { newId } from "../../lib/ids.ts";
import type { KnowledgeVersion, NewChunk, VersionItems } from "../../models/knowledge/knowledge.ts";
import { editDistance, ftsTerms, isEnglish, MATCH_BUDGET } from "../sqlite/knowledge_index.ts";
import { fromDoc, type Mongo, nextNumbers, toDoc, type Tx } from "./db.ts";

/** A session when inside a transaction. */
export type S = ClientSession | undefined;
const INDEXED = "knowledge_indexed_chunks";

/** The words of a chunk as the vocabulary counts them: lowercased, stemmed, each once. */
function chunkTerms(c: { title: string; heading: string; text: string }): Set<string> {
  const words = `${c.title} ${c.heading} ${c.text}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.map((w) => stemmer(w)));
}

/** A chunk document as the domain's chunk. */
export const toChunk = (d: Document): NewChunk => ({
  id: d._id,
  sourceId: d.sourceId,
  title: d.title,
  ...(d.url ? { url: d.url } : {}),
  heading: d.heading,
  text: d.text,
  position: d.position,
});
export const toVersion = (d: Document) => fromDoc<KnowledgeVersion>(d, "items");

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
export function knowledgeIndex(m: Mongo) {
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
          // As in the SQLite index: stems lose a final "e" that a typo can keep ("chnage").
          const d = Math.min(editDistance(stem, r._id, max), editDistance(lower.replace(/e$/, ""), r._id, max));
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
