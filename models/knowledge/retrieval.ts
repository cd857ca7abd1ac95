/**
 * Retrieval: BM25 over the agent's active knowledge (always filtered by
 * workspace and agent in the store), fused with vector similarity by
 * reciprocal rank when the agent's provider offers embeddings.
 *
 * @module
 */
import type { Agent } from "../agents/agent.ts";
import type { AiProvider, Passage } from "../ports/ai_provider.ts";
import type { Deps } from "../ports/deps.ts";
import type { ChunkHit, NewChunk } from "./knowledge.ts";
import { equivalents, expansionWords } from "./synonyms.ts";
import { contentTerms } from "./text.ts";

/** How many candidates each side contributes before fusion. */
const CANDIDATES = 24;
/** Reciprocal-rank-fusion constant (the usual 60). */
const RRF_K = 60;

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Fuses ranked lists: score = sum of 1 / (k + rank). */
function reciprocalRankFusion(lists: NewChunk[][]): Array<NewChunk & { score: number }> {
  const fused = new Map<string, NewChunk & { score: number }>();
  for (const list of lists) {
    list.forEach((chunk, rank) => {
      const entry = fused.get(chunk.id) ?? { ...chunk, score: 0 };
      entry.score += 1 / (RRF_K + rank + 1);
      fused.set(chunk.id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

/** The best passages for `query`, scores normalised to 0..1 (best = 1). */
export async function retrieve(
  deps: Deps,
  agent: Agent,
  query: string,
  opts: { limit?: number; provider?: AiProvider; signal?: AbortSignal } = {},
): Promise<Passage[]> {
  const limit = opts.limit ?? 5;
  // The question's own words, then support-vocabulary equivalents ("money back" -> refund).
  const expanded = [query, ...expansionWords(query)].join(" ");
  const lexical: ChunkHit[] = await deps.store.knowledge.search(agent.workspaceId, agent.id, expanded, CANDIDATES);
  let ranked: Array<NewChunk & { score: number }> = lexical;
  if (opts.provider?.embed) {
    try {
      const embedded = await deps.store.knowledge.embeddedChunks(agent.workspaceId, agent.id);
      if (embedded.length) {
        const [q] = await opts.provider.embed([query], opts.signal);
        const qv = Float32Array.from(q);
        const semantic = embedded
          .map((c) => ({ chunk: c, sim: cosine(qv, c.vector) }))
          .sort((a, b) => b.sim - a.sim)
          .slice(0, CANDIDATES)
          .map(({ chunk: { vector: _v, ...c } }) => c);
        ranked = reciprocalRankFusion([lexical, semantic]);
      }
    } catch (err) {
      deps.log.warn("vector retrieval skipped", { agentId: agent.id, err: String(err) });
    }
  }
  const top = ranked.slice(0, limit);
  const best = top[0]?.score || 1;
  return top.map((c) => ({
    chunkId: c.id,
    sourceId: c.sourceId,
    title: c.title,
    url: c.url,
    heading: c.heading || undefined,
    text: c.text,
    score: Math.max(0, Math.min(1, c.score / best)),
  }));
}

/** Share of the question's content words the passages contain (0..1): how well the knowledge covers it. */
export function coverage(question: string, passages: Passage[]): number {
  const terms = new Set(contentTerms(question));
  if (!terms.size || !passages.length) return 0;
  const found = new Set(contentTerms(passages.map((p) => `${p.title} ${p.heading ?? ""} ${p.text}`).join(" ")));
  let hit = 0;
  for (const t of terms) if (found.has(t) || [...equivalents(t)].some((e) => found.has(e))) hit++;
  return hit / terms.size;
}
