/**
 * The searchable side of knowledge on SQLite: chunks, versions and the FTS5
 * index. The index holds exactly the chunks of each agent's active version;
 * activating a version re-indexes only the sources whose generation changed.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import { stemmer } from "stemmer";
import { newId } from "../../lib/ids.ts";
import type { ChunkHit, KnowledgeVersion, NewChunk, VersionItems } from "../../models/knowledge/knowledge.ts";
import { zipf } from "../../models/knowledge/specificity.ts";
import { date, iso, type Row } from "./db.ts";

/** Words that match nearly every chunk: left out of queries (BM25 would weigh them ~0 anyway). */
const STOPWORDS = new Set(
  ("a an and are as at be but by can do does for from had has have how i if in is it its me my no not of on or our " +
    "so than that the their them then there these they this to too was we were what when where which who why will " +
    "with would you your").split(" "),
);

/** The distinct searchable words of free text, stopwords left out (at most 32). */
export function ftsTerms(text: string): string[] {
  return [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOPWORDS.has(t)))].slice(
    0,
    32,
  );
}

/**
 * Turns terms into a safe FTS5 query of quoted terms joined by OR (null when there are none). A term of `twice` is
 * written twice: FTS5's bm25() sums its score over the query's phrases, repeats included, so it weighs double (FTS5
 * has no per-term boost to say this with).
 */
export function ftsQuery(terms: string[], twice: ReadonlySet<string> = new Set()): string | null {
  return terms.length ? terms.flatMap((t) => twice.has(t) ? [`"${t}"`, `"${t}"`] : [`"${t}"`]).join(" OR ") : null;
}

/**
 * How many matching rows a query may make BM25 score. FTS5 ranks every row a
 * term matches, so a term found in tens of thousands of chunks costs far more
 * than it adds (its IDF is near zero): such terms are left out, rarest kept
 * first, as long as one term remains.
 */
export const MATCH_BUDGET = 2500;

/**
 * BM25 weights of the index's columns (scope, title, heading, text): a word
 * in a page's title or a section's heading says what the chunk is about; the
 * same word in passing in the text says much less. Given per query (FTS5's
 * `rank MATCH`), so tuning them needs no migration.
 */
export const COLUMN_WEIGHTS = "bm25(0.0, 6.0, 3.0, 1.0)";

/** Zipf value from which a word is taken to be real English, not a typo (about 3 per 51 million words). */
const ENGLISH_ZIPF = 1.8;

/** True for a word of everyday English (SUBTLEX-US), which spelling correction leaves alone. */
export function isEnglish(word: string): boolean {
  return zipf(word) >= ENGLISH_ZIPF;
}

/** Damerau-Levenshtein distance of `a` and `b`, or `max + 1` once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length][b.length];
}

export const toVersion = (r: Row): KnowledgeVersion => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  agentId: r.agent_id as string,
  number: Number(r.number),
  reason: r.reason as string,
  sourceCount: Number(r.source_count),
  chunkCount: Number(r.chunk_count),
  createdAt: date(r.created_at)!,
});

export const toChunk = (r: Row): NewChunk => ({
  id: r.id as string,
  sourceId: r.source_id as string,
  title: r.title as string,
  url: (r.url as string | null) ?? undefined,
  heading: r.heading as string,
  text: r.text as string,
  position: Number(r.position),
});

/** Low-level index operations used inside the knowledge repository's transactions. */
export function knowledgeIndex(db: DatabaseSync) {
  const addGeneration = (generationId: string) =>
    db.prepare(
      `INSERT INTO knowledge_fts (rowid, scope, title, heading, text)
       SELECT seq, 'a' || agent_id, title, heading, text FROM knowledge_chunks WHERE generation_id = ?`,
    ).run(generationId);
  const dropGeneration = (generationId: string) =>
    db.prepare("DELETE FROM knowledge_fts WHERE rowid IN (SELECT seq FROM knowledge_chunks WHERE generation_id = ?)")
      .run(generationId);

  /** Rows in the index (sum of active versions' chunks), refreshed at most every 5 s. */
  const indexed = { at: 0, rows: 0 };

  return {
    /** Items of a version (source -> generation). */
    items(versionId: string | null): VersionItems {
      if (!versionId) return {};
      const rows = db.prepare("SELECT source_id, generation_id FROM knowledge_version_items WHERE version_id = ?")
        .all(versionId) as Row[];
      return Object.fromEntries(rows.map((r) => [r.source_id as string, r.generation_id as string]));
    },

    /** The agent's active version id. */
    activeVersionId(workspaceId: string, agentId: string): string | null {
      const r = db.prepare("SELECT active_version_id FROM agents WHERE workspace_id = ? AND id = ?")
        .get(workspaceId, agentId) as Row | undefined;
      return (r?.active_version_id as string | null) ?? null;
    },

    /**
     * Records `items` as the agent's next version, makes it active and brings
     * the FTS index from the previous active items to these. Call inside a transaction.
     */
    activate(workspaceId: string, agentId: string, items: VersionItems, reason: string, at: Date): KnowledgeVersion {
      const before = this.items(this.activeVersionId(workspaceId, agentId));
      for (const [sourceId, gen] of Object.entries(before)) if (items[sourceId] !== gen) dropGeneration(gen);
      for (const [sourceId, gen] of Object.entries(items)) if (before[sourceId] !== gen) addGeneration(gen);
      const number = Number(
        (db.prepare("SELECT COALESCE(MAX(number), 0) AS n FROM knowledge_versions WHERE agent_id = ?").get(
          agentId,
        ) as Row)
          .n,
      ) + 1;
      const gens = Object.values(items);
      const chunkCount = gens.length
        ? Number(
          (db.prepare(
            `SELECT COUNT(*) AS n FROM knowledge_chunks WHERE generation_id IN (${gens.map(() => "?").join(",")})`,
          ).get(...gens) as Row).n,
        )
        : 0;
      const version: KnowledgeVersion = {
        id: newId(at),
        workspaceId,
        agentId,
        number,
        reason,
        sourceCount: gens.length,
        chunkCount,
        createdAt: at,
      };
      db.prepare(
        `INSERT INTO knowledge_versions (id, workspace_id, agent_id, number, reason, source_count, chunk_count, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(version.id, workspaceId, agentId, number, reason, version.sourceCount, chunkCount, iso(at));
      const insertItem = db.prepare(
        "INSERT INTO knowledge_version_items (version_id, source_id, generation_id) VALUES (?, ?, ?)",
      );
      for (const [sourceId, gen] of Object.entries(items)) insertItem.run(version.id, sourceId, gen);
      db.prepare("UPDATE agents SET active_version_id = ? WHERE workspace_id = ? AND id = ?")
        .run(version.id, workspaceId, agentId);
      return version;
    },

    /** The query's terms that fit the match budget, rarest first (document frequency from the index). */
    selectTerms(query: string, budget = MATCH_BUDGET): string[] {
      const terms = ftsTerms(query);
      if (terms.length <= 1) return terms;
      const df = db.prepare("SELECT doc FROM knowledge_fts_vocab WHERE term = ?");
      // Unknown to the index (or stemmed differently): count as rare, so a real term is never dropped.
      const counted = terms.map((t) => ({ t, n: Number((df.get(stemmer(t)) as Row | undefined)?.doc ?? 0) }));
      counted.sort((a, b) => a.n - b.n);
      const kept: string[] = [];
      let rows = 0;
      for (const { t, n } of counted) {
        if (kept.length && rows + n > budget) break;
        kept.push(t);
        rows += n;
      }
      return kept;
    },

    /**
     * The query with each word the index has never seen ("pasword", "langauge") replaced by the
     * indexed term nearest to it in edit distance (1 for short words, 2 from 7 letters), the most
     * common one on a tie. Words of 4 letters or fewer, numbers and known words stay as they are.
     * The candidates share the word's first letter, which keeps the scan to one range of the vocabulary.
     * A word of everyday English is not a misspelling even when the index lacks it: "forgot" is not
     * "forget", "coworkers" not "color".
     */
    correct(query: string): string {
      const df = db.prepare("SELECT doc FROM knowledge_fts_vocab WHERE term = ?");
      const range = db.prepare("SELECT term, doc FROM knowledge_fts_vocab WHERE term >= ? AND term < ?");
      return query.replace(/\p{L}+/gu, (word) => {
        const lower = word.toLowerCase();
        if (lower.length < 5 || !/^[a-z]+$/.test(lower) || STOPWORDS.has(lower) || isEnglish(lower)) return word;
        const stem = stemmer(lower);
        if (df.get(stem) || df.get(lower)) return word;
        const max = lower.length >= 7 ? 2 : 1;
        let best: { term: string; d: number; n: number } | null = null;
        const first = lower[0];
        for (const r of range.all(first, String.fromCharCode(first.charCodeAt(0) + 1)) as Row[]) {
          const term = r.term as string;
          if (!/^[a-z]+$/.test(term)) continue;
          // The index holds stems, which lose a final "e" that a typo can keep ("chnage" is "chang" transposed).
          const d = Math.min(editDistance(stem, term, max), editDistance(lower.replace(/e$/, ""), term, max));
          const n = Number(r.doc);
          if (d <= max && (!best || d < best.d || (d === best.d && n > best.n))) best = { term, d, n };
        }
        return best ? best.term : word;
      });
    },

    /** Chunks holding each word (stemmed as the index stems it), and the chunks indexed. One lookup per word. */
    documentFrequencies(words: string[]): { documents: number; counts: number[] } {
      const df = db.prepare("SELECT doc FROM knowledge_fts_vocab WHERE term = ?");
      const counts = words.map((w) => Number((df.get(stemmer(w.toLowerCase())) as Row | undefined)?.doc ?? 0));
      return { documents: this.indexedRows(), counts };
    },

    /** Chunks in the index (the sum of the active versions' chunks), refreshed at most every 5 s. */
    indexedRows(): number {
      const now = Date.now();
      if (now - indexed.at > 5000) {
        indexed.at = now;
        indexed.rows = Number(
          (db.prepare(
            `SELECT COALESCE(SUM(v.chunk_count), 0) AS n FROM agents a JOIN knowledge_versions v ON v.id = a.active_version_id`,
          ).get() as Row).n,
        );
      }
      return indexed.rows;
    },

    /** Share of the whole index that is this agent's active knowledge (0..1), for query planning. */
    agentShare(agentId: string): number {
      const rows = this.indexedRows();
      const own = db.prepare(
        "SELECT v.chunk_count AS n FROM agents a JOIN knowledge_versions v ON v.id = a.active_version_id WHERE a.id = ?",
      ).get(agentId) as Row | undefined;
      return rows ? Number(own?.n ?? 0) / rows : 0;
    },

    /**
     * BM25 search within one agent's active chunks. Two plans, both filtered by
     * workspace and agent on the chunk rows: a small agent in a shared index
     * narrows the match by its scope token; an agent owning most of the index
     * skips that (the scope's doclist would be nearly the whole index, doubling
     * the cost) and filters the ranked rows instead, falling back to the scoped
     * plan if too few of them are its own.
     */
    search(workspaceId: string, agentId: string, query: string, limit: number, equivalents = ""): ChunkHit[] {
      // The question's own words weigh double its equivalents' (the port's contract).
      const terms = ftsQuery(this.selectTerms(`${query} ${equivalents}`), new Set(ftsTerms(query)));
      if (!terms) return [];
      const run = (match: string, take: number) => (db.prepare(
        `SELECT c.*, -f.rank AS score
           FROM (SELECT rowid, rank FROM knowledge_fts WHERE knowledge_fts MATCH ? AND rank MATCH '${COLUMN_WEIGHTS}'
                 ORDER BY rank LIMIT ?) AS f
           JOIN knowledge_chunks c ON c.seq = f.rowid
           WHERE c.workspace_id = ? AND c.agent_id = ?
           ORDER BY f.rank LIMIT ?`,
      ).all(match, take, workspaceId, agentId, limit) as Row[]);
      let rows: Row[] | null = null;
      if (this.agentShare(agentId) >= 0.5) {
        rows = run(terms, limit * 4);
        if (rows.length < limit) rows = null;
      }
      rows ??= run(`scope : "a${agentId}" AND (${terms})`, limit);
      return rows.map((r) => ({ ...toChunk(r), score: Number(r.score) }));
    },
  };
}
