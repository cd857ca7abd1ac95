/**
 * Classification into workspace categories by the agent's provider embeddings, when it has them (OpenAI and
 * compatible servers): the message's embedding against each category's examples' embeddings, nearest
 * example wins. The offline TF-IDF classifier (`classify.ts`) matches shared words only; embeddings also
 * match paraphrases ("any news on my shipment?" is "where is my parcel?").
 *
 * Cost: one embeddings request per classified message. The examples' vectors are kept in memory per
 * workspace and embedding model, by text, so that request carries the message plus only the examples not
 * embedded yet (all of them the first time, then none until staff add some). Forgotten with the workspace's
 * classifier cache (`forgetEmbeddings`, called wherever categories change).
 *
 * @module
 */
import type { Deps } from "../ports/deps.ts";
import { providerFor } from "../providers/providers.ts";
import type { Category } from "./category.ts";

/**
 * Below this cosine similarity to its nearest example no category is applied by embeddings. OpenAI's
 * text-embedding-3 models put unrelated support questions at about 0.1-0.3 and two wordings of the same
 * request at 0.5 and more; 0.45 sits between, on the side of a missing tag rather than a wrong one (as the
 * offline classifier's `MIN_SCORE`: a wrong tag costs staff more). A model with a higher floor (ada-002 puts
 * nearly everything above 0.7) still picks the nearest example's category; it just tags more readily.
 */
export const MIN_SIMILARITY = 0.45;
/**
 * Longest wait for the provider's embeddings, in ms. Classification is a side job of a customer's message:
 * past this the offline classifier answers instead of the listener holding up the messages behind it.
 */
export const EMBED_TIMEOUT_MS = 2_000;

/** Unit vectors of phrases, by text, per workspace then per embedding model. */
const cache = new Map<string, Map<string, Map<string, Float32Array>>>();

/** Forgets a workspace's example vectors (its categories changed). */
export function forgetEmbeddings(workspaceId: string): void {
  cache.delete(workspaceId);
}

/** A provider that can embed, and the name of its vector space (vectors of different spaces never mix). */
export interface Embedder {
  /** Provider, base URL and embedding model: the cache key of its vectors. */
  space: string;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}

/**
 * The embedder of an agent's provider in its workspace, or null when it has none (the built-in responder,
 * Anthropic, Lyzr) or no key is set up: then the offline classifier answers, quietly.
 */
export async function embedderFor(deps: Deps, workspaceId: string, agentId: string): Promise<Embedder | null> {
  const agent = await deps.store.agents.get(workspaceId, agentId);
  if (!agent || agent.provider === "local") return null;
  const cred = await deps.store.credentials.get(workspaceId, agent.provider);
  if (!cred) return null;
  const provider = await providerFor(deps, workspaceId, agent.provider);
  if (!provider.embed) return null;
  const embed = provider.embed.bind(provider);
  return { space: `${agent.provider}|${cred.baseUrl ?? ""}|${cred.extra?.embeddingModel ?? ""}`, embed };
}

function unit(v: number[]): Float32Array {
  const out = Float32Array.from(v);
  const norm = Math.hypot(...out) || 1;
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) s += a[i] * b[i];
  return s;
}

/** The phrases a category is judged by: its examples, or its name and description when it has none. */
const phrasesOf = (c: Category) => c.examples.length ? c.examples : [`${c.name}: ${c.description}`];

/**
 * The category nearest to `text` by embeddings, with its similarity, or null when none reaches
 * {@link MIN_SIMILARITY}. Throws what the provider throws (the caller falls back to the offline classifier).
 *
 * A category scores its best example's similarity, not its examples' centroid: a category gathers several
 * distinct requests ("refund", "invoice", "update my card" are all billing) and their average sits between
 * them, near none; the nearest example is also how the offline classifier scores, so both agree on what a
 * category's examples mean. A counter-example (a phrase staff removed the category from) nearer to the
 * message than any of its examples rules the category out: the nearest labelled phrase decides.
 */
export async function nearestCategory(
  embedder: Embedder,
  workspaceId: string,
  categories: Category[],
  text: string,
  signal?: AbortSignal,
): Promise<{ category: Category; score: number } | null> {
  let spaces = cache.get(workspaceId);
  if (!spaces) cache.set(workspaceId, spaces = new Map());
  let vectors = spaces.get(embedder.space);
  if (!vectors) spaces.set(embedder.space, vectors = new Map());
  const phrases = new Set(categories.flatMap((c) => [...phrasesOf(c), ...c.counterExamples]));
  const missing = [...phrases].filter((p) => !vectors.has(p));
  const timeout = AbortSignal.timeout(EMBED_TIMEOUT_MS);
  const embedded = await embedder.embed([text, ...missing], signal ? AbortSignal.any([signal, timeout]) : timeout);
  if (embedded.length !== missing.length + 1) {
    throw new Error(`${embedded.length} embeddings for ${missing.length + 1}`);
  }
  missing.forEach((p, i) => vectors.set(p, unit(embedded[i + 1])));
  // Phrases no category holds any more (changed on another instance) go: the cache stays the examples' size.
  for (const p of vectors.keys()) if (!phrases.has(p)) vectors.delete(p);
  const q = unit(embedded[0]);
  const nearest = (list: string[]) => Math.max(-1, ...list.map((p) => dot(q, vectors.get(p)!)));
  let best: { category: Category; score: number } | null = null;
  for (const category of categories) {
    const score = nearest(phrasesOf(category));
    if (score < MIN_SIMILARITY || nearest(category.counterExamples) >= score) continue;
    if (!best || score > best.score) best = { category, score };
  }
  return best;
}
