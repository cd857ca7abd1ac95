/**
 * Retrieval: field-weighted BM25 over the agent's active knowledge (always
 * filtered by workspace and agent in the store), fused with vector
 * similarity by reciprocal rank when the agent's provider offers embeddings,
 * then re-ranked by what each chunk's page and section are about.
 *
 * A customer's words rarely match the article's, so before searching the
 * question is spelling-corrected against the index's own vocabulary
 * ("pasword" -> password) and expanded with support-vocabulary equivalents
 * ("avatar" -> profile picture).
 *
 * @module
 */
import type { Agent } from "../agents/agent.ts";
import type { AiProvider, Passage } from "../ports/ai_provider.ts";
import type { Deps } from "../ports/deps.ts";
import type { ChunkHit, NewChunk } from "./knowledge.ts";
import { equivalents, expansionWords } from "./synonyms.ts";
import { termWeights } from "./specificity.ts";
import { contentTerms, termSet } from "./text.ts";

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

/** Options of a retrieval. */
export interface RetrieveOptions {
  limit?: number;
  provider?: AiProvider;
  signal?: AbortSignal;
}

/** The best passages for `query`, scores normalised to 0..1 (best = 1). */
export async function retrieve(
  deps: Deps,
  agent: Agent,
  query: string,
  opts: RetrieveOptions = {},
): Promise<Passage[]> {
  return (await retrieveWithEvidence(deps, agent, query, opts)).passages;
}

/** What retrieval found, and what the answer's confidence needs to know about the question. */
export interface Retrieved {
  passages: Passage[];
  /** The question as searched: misspellings corrected against the index. */
  searched: string;
  /** How much each content stem of the searched question matters (see `termWeights`). */
  weights: Map<string, number>;
}

/** {@link retrieve}, with the spelling-corrected question and its words' weights. */
export async function retrieveWithEvidence(
  deps: Deps,
  agent: Agent,
  query: string,
  opts: RetrieveOptions = {},
): Promise<Retrieved> {
  const limit = opts.limit ?? 5;
  const corrected = await deps.store.knowledge.correct(query);
  const weights = await termWeights(corrected, (words) => deps.store.knowledge.documentFrequencies(words));
  // The question's own words, then support-vocabulary equivalents ("money back" -> refund).
  const expanded = [corrected, ...expansionWords(corrected)].join(" ");
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
  const top = aboutness(corrected, ranked).slice(0, limit);
  const best = top[0]?.score || 1;
  const passages = top.map((c) => ({
    chunkId: c.id,
    sourceId: c.sourceId,
    title: c.title,
    url: c.url,
    heading: c.heading || undefined,
    text: c.text,
    score: Math.max(0, Math.min(1, c.score / best)),
  }));
  return { passages, searched: corrected, weights };
}

/** How much more a chunk whose page title and headings name every question word weighs. */
const ABOUT_WEIGHT = 1.5;

/**
 * Re-ranks candidates by what they are about: a chunk whose page title or
 * section heading holds the question's words (or their equivalents) gains up
 * to {@link ABOUT_WEIGHT} times its score, so a dedicated article beats a page
 * that mentions the topic in passing. Scores are first normalised to the best
 * candidate, so BM25 and fused scores are treated alike.
 */
export function aboutness<T extends NewChunk & { score: number }>(query: string, candidates: T[]): T[] {
  const terms = [...termSet(query)];
  const best = candidates[0]?.score || 1;
  if (!terms.length) return candidates;
  return candidates.map((c) => {
    const head = termSet(`${c.title} ${c.heading}`);
    let got = 0;
    for (const t of terms) got += head.has(t) ? 1 : [...equivalents(t)].some((e) => head.has(e)) ? 0.7 : 0;
    return { ...c, score: (c.score / best) * (1 + ABOUT_WEIGHT * got / terms.length) };
  }).sort((a, b) => b.score - a.score);
}

/**
 * Share of the question's content words the passages contain (0..1): how well the knowledge covers it.
 * With `weights` (see `termWeights`), each word counts as much as it says about the question.
 */
export function coverage(question: string, passages: Passage[], weights?: ReadonlyMap<string, number>): number {
  const terms = new Set(contentTerms(question));
  if (!terms.size || !passages.length) return 0;
  const found = new Set(contentTerms(passages.map((p) => `${p.title} ${p.heading ?? ""} ${p.text}`).join(" ")));
  let hit = 0, of = 0;
  for (const t of terms) {
    const w = weights?.get(t) ?? 1;
    of += w;
    if (found.has(t) || [...equivalents(t)].some((e) => found.has(e))) hit += w;
  }
  return of ? hit / of : 0;
}
