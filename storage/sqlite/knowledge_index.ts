/**
 * The searchable side of knowledge on SQLite: chunks, versions and the FTS5
 * index. The index holds exactly the chunks of each agent's active version;
 * activating a version re-indexes only the sources whose generation changed.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import { newId } from "../../lib/ids.ts";
import type { ChunkHit, KnowledgeVersion, NewChunk, VersionItems } from "../../models/knowledge.ts";
import { date, iso, type Row } from "./db.ts";

/** Words that match nearly every chunk: left out of queries (BM25 would weigh them ~0 anyway). */
const STOPWORDS = new Set(
  ("a an and are as at be but by can do does for from had has have how i if in is it its me my no not of on or our " +
    "so than that the their them then there these they this to too was we were what when where which who why will " +
    "with would you your").split(" "),
);

/** Turns free text into a safe FTS5 query of quoted terms joined by OR (null when nothing is left). */
export function ftsQuery(text: string): string | null {
  const terms = [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOPWORDS.has(t)))];
  if (!terms.length) return null;
  return terms.slice(0, 32).map((t) => `"${t}"`).join(" OR ");
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

    /** BM25 search within one agent's active chunks. */
    search(workspaceId: string, agentId: string, query: string, limit: number): ChunkHit[] {
      const terms = ftsQuery(query);
      if (!terms) return [];
      const rows = db.prepare(
        `SELECT c.*, -f.rank AS score
         FROM (SELECT rowid, rank FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY rank LIMIT ?) AS f
         JOIN knowledge_chunks c ON c.seq = f.rowid
         WHERE c.workspace_id = ? AND c.agent_id = ?
         ORDER BY f.rank`,
      ).all(`scope : "a${agentId}" AND {title heading text} : (${terms})`, limit, workspaceId, agentId) as Row[];
      return rows.map((r) => ({ ...toChunk(r), score: Number(r.score) }));
    },
  };
}
