/**
 * Offline classification into workspace categories: TF-IDF cosine between the message's stemmed content
 * terms (models/knowledge/text.ts: Porter via `stemmer`, stopwords out) and each example phrase, IDF over
 * every phrase of the workspace. A category scores its best example's similarity (plus a little for its
 * name and description), less its best counter-example's (phrases staff removed it from). Only the top
 * category is applied, and only above `MIN_SCORE`: a wrong tag costs staff more than a missing one.
 *
 * Written here because the job is a few lines over the tokeniser the retrieval already uses; an NLP
 * library would bring its own tokeniser and stemmer that disagree with it.
 *
 * @module
 */
import { contentTerms } from "../knowledge/text.ts";
import type { Category } from "./category.ts";

/** Below this similarity nothing is applied. */
export const MIN_SCORE = 0.2;
/** How much a category's name and description count next to an example. */
const LABEL_WEIGHT = 0.6;

type Vec = Map<string, number>;

function tf(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of contentTerms(text)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

function weigh(counts: Map<string, number>, idf: (t: string) => number): Vec {
  const v: Vec = new Map();
  let norm = 0;
  for (const [t, n] of counts) {
    const w = (1 + Math.log(n)) * idf(t);
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

function cosine(a: Vec, b: Vec): number {
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (big.get(t) ?? 0);
  return dot;
}

/** A workspace's categories prepared for scoring (build once, score many). */
export interface Classifier {
  /** The categories it scores (the embeddings path judges the same ones). */
  categories: Category[];
  /** Every category's score for `text`, best first. */
  scores(text: string): Array<{ category: Category; score: number }>;
  /** The category to apply to `text`, or null when none is close enough. */
  best(text: string): Category | null;
}

/** Prepares `categories` for scoring. */
export function classifier(categories: Category[]): Classifier {
  const phrases = categories.flatMap((c) => [...c.examples, ...c.counterExamples, `${c.name} ${c.description}`]);
  const df = new Map<string, number>();
  const counted = phrases.map(tf);
  for (const counts of counted) for (const t of counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = phrases.length;
  const idf = (t: string) => Math.log(1 + (n + 1) / ((df.get(t) ?? 0) + 1));
  const prepared = categories.map((c) => ({
    category: c,
    examples: c.examples.map((e) => weigh(tf(e), idf)),
    counter: c.counterExamples.map((e) => weigh(tf(e), idf)),
    label: weigh(tf(`${c.name} ${c.description}`), idf),
  }));
  const scores = (text: string) => {
    const q = weigh(tf(text), idf);
    if (!q.size) return [];
    return prepared.map((p) => {
      const best = Math.max(0, ...p.examples.map((e) => cosine(q, e)), LABEL_WEIGHT * cosine(q, p.label));
      const against = Math.max(0, ...p.counter.map((e) => cosine(q, e)));
      return { category: p.category, score: Math.max(0, best - against) };
    }).sort((a, b) => b.score - a.score);
  };
  return {
    categories,
    scores,
    best(text) {
      const top = scores(text)[0];
      return top && top.score >= MIN_SCORE ? top.category : null;
    },
  };
}
