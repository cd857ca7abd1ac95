/**
 * Knowledge in the customer's language first. A passage's language is read from its own text when an
 * answer is built (the detector takes ~0.1 ms a passage and an answer reads at most a dozen), so sources
 * ingested before this existed need no re-ingestion and a page that mixes languages is judged per chunk.
 *
 * @module
 */
import type { Passage } from "../ports/ai_provider.ts";
import { detectLanguage } from "./detect.ts";

const seen = new Map<string, string | null>();

/** The language of a passage's text (undefined when unsure); remembered per chunk id, a few thousand at most. */
export function passageLanguage(p: Pick<Passage, "text"> & { chunkId?: string }): string | undefined {
  const key = p.chunkId ? `${p.chunkId}:${p.text.length}` : undefined;
  if (key && seen.has(key)) return seen.get(key) ?? undefined;
  const language = detectLanguage(p.text.slice(0, 600));
  if (key) {
    if (seen.size > 5000) seen.clear();
    seen.set(key, language ?? null);
  }
  return language;
}

/**
 * The passages in `language` first, then those whose language is unclear (a code block, a table, a price list),
 * then those surely in another, each group in retrieval's order. `only` drops the last group when the first has
 * some (the built-in responder quotes verbatim: a French customer is better served by a French page than by an
 * English one quoted at them); without any in the language, everything is kept.
 */
export function preferLanguage<P extends Pick<Passage, "text">>(
  passages: P[],
  language: string | undefined,
  opts: { only?: boolean } = {},
): P[] {
  if (!language || passages.length === 0) return passages;
  const of = passages.map((p) => passageLanguage(p));
  const mine = passages.filter((_, i) => of[i] === language);
  if (mine.length === 0) return passages;
  const unclear = passages.filter((_, i) => of[i] === undefined);
  const other = passages.filter((_, i) => of[i] !== undefined && of[i] !== language);
  return opts.only ? [...mine, ...unclear] : [...mine, ...unclear, ...other];
}
