/**
 * SQLite repository for knowledge, the vector side: chunks' embeddings (a provider's, or the offline sentence
 * model's, told apart by `embedding_model`), stored as float32 bytes. Part of `sqliteKnowledge`.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { KnowledgeRepo } from "../../models/ports/store.ts";
import { type Row, run, transaction } from "./db.ts";
import { type knowledgeIndex, toChunk } from "./knowledge_index.ts";

/** A stored embedding as vectors (copied: the row's bytes need not be aligned for a Float32Array). */
const vectorOf = (b: Uint8Array) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** The embedding methods of the knowledge repository. */
export function sqliteKnowledgeVectors(
  db: DatabaseSync,
  index: ReturnType<typeof knowledgeIndex>,
): Pick<KnowledgeRepo, "setEmbeddings" | "chunkVectors" | "embeddedChunks"> {
  return {
    setEmbeddings: (wid, vectors, model) =>
      run(() =>
        transaction(db, () => {
          const stmt = db.prepare(
            "UPDATE knowledge_chunks SET embedding = ?, embedding_model = ? WHERE workspace_id = ? AND id = ?",
          );
          for (const v of vectors) {
            const bytes = new Uint8Array(v.vector.buffer, v.vector.byteOffset, v.vector.byteLength);
            stmt.run(bytes, model ?? null, wid, v.chunkId);
          }
        })
      ),
    chunkVectors: (wid, chunkIds, model) =>
      run(() => {
        const out = new Map<string, Float32Array>();
        if (!chunkIds.length) return out;
        const rows = db.prepare(
          `SELECT id, embedding FROM knowledge_chunks WHERE workspace_id = ? AND embedding_model = ?
             AND id IN (${chunkIds.map(() => "?").join(",")})`,
        ).all(wid, model, ...chunkIds) as Array<{ id: string; embedding: Uint8Array }>;
        for (const r of rows) out.set(r.id, vectorOf(r.embedding));
        return out;
      }),
    embeddedChunks: (wid, agentId) =>
      run(() => {
        const gens = Object.values(index.items(index.activeVersionId(wid, agentId)));
        if (!gens.length) return [];
        const rows = db.prepare(
          `SELECT * FROM knowledge_chunks WHERE workspace_id = ? AND agent_id = ? AND embedding IS NOT NULL
             AND embedding_model IS NULL AND generation_id IN (${gens.map(() => "?").join(",")})`,
        ).all(wid, agentId, ...gens) as Row[];
        return rows.map((r) => ({ ...toChunk(r), vector: vectorOf(r.embedding as Uint8Array) }));
      }),
  };
}
