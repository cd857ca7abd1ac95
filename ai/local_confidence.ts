/**
 * How sure the offline responder may be of its answer: how well the answering page covers the question's words
 * (`localConfidence`, `confidenceParts`), how much its titles and headings name them (`headCoverage`), and how
 * closely its best sentence echoes the question (`sentenceAlignment`). The features the confidence model
 * (`models/knowledge/meaning.ts`) weighs; the answer itself is composed in `local_answer.ts`.
 *
 * @module
 */
import type { Passage } from "../models/ports/ai_provider.ts";
import { contentTerms, smallTalk } from "../models/knowledge/text.ts";
import { similarity } from "../models/knowledge/vectors.ts";
import { analyse, clamp01, focusPage } from "./local_answer.ts";
import { matchTerm, type QTerm } from "./local_terms.ts";
import { splitPassage } from "./local_units.ts";

/**
 * How well the passages cover the question's content words, 0..1: ~0 when
 * nothing relevant was retrieved, 1 when one passage (better: one sentence)
 * contains every content word. Raised to a power so that one shared common
 * word out of three or four ("place", "account") stays below 0.2.
 */
export function localConfidence(
  question: string,
  passages: Passage[],
  weights?: ReadonlyMap<string, number>,
): number {
  const parts = confidenceParts(question, passages, weights);
  if (!parts) return 0;
  return clamp01(Math.pow(0.45 * parts.bestPassage + 0.35 * parts.bestUnit + 0.2 * parts.union, 1.6));
}

/** What {@link localConfidence} combines, each 0..1 (the answering page's passages, scaled by their retrieval score). */
export interface ConfidenceParts {
  /** Share of the question's weight the best passage covers. */
  bestPassage: number;
  /** Share the best sentence or list item covers (its title and headings at half). */
  bestUnit: number;
  /** Share the answering page covers, all its passages together. */
  union: number;
}

/** The parts of {@link localConfidence}, or null when there is nothing to judge (small talk, no topic, no passage). */
export function confidenceParts(
  question: string,
  passages: Passage[],
  weights?: ReadonlyMap<string, number>,
): ConfidenceParts | null {
  // A greeting is not a question about the knowledge ("Good morning" is near "Monday" in meaning).
  if (smallTalk(question)) return null;
  // Judged on the page the answer comes from: words found on other pages do not make it an answer.
  const a = analyse(question, focusPage(question, passages));
  if (!a.q.some((t) => !t.optional) || a.passages.length === 0) return null;
  // Optional terms ("where is") count only where they are found: they can raise confidence, never lower it.
  // Each term counts as much as it says about the question (see `termWeights`): an uncovered rare word
  // ("pdf") costs much, an uncovered everyday one ("today") little.
  const importance = (t: QTerm) => termImportance(t, weights);
  const share = (weight: (t: QTerm) => number) => {
    let got = 0, of = 0;
    for (const t of a.q) {
      const w = weight(t);
      if (t.optional && w === 0) continue;
      const imp = importance(t);
      got += w * imp, of += imp;
    }
    return of ? got / of : 0;
  };
  let bestPassage = 0, bestUnit = 0;
  for (const r of a.passages) {
    const weight = 0.8 + 0.2 * clamp01(r.p.score);
    bestPassage = Math.max(bestPassage, share((t) => matchTerm(r.all, t)) * weight);
    for (const u of r.units) {
      bestUnit = Math.max(bestUnit, share((t) => Math.max(matchTerm(u.terms, t), 0.5 * matchTerm(r.head, t))) * weight);
    }
  }
  const union = share((t) => Math.max(...a.passages.map((r) => matchTerm(r.all, t))));
  return { bestPassage, bestUnit, union };
}

/**
 * How much of the question (each word by its weight, as in {@link confidenceParts}) the titles and headings of
 * `page` (one page's passages) name, 0..1: what the page is about, not what it mentions. "How do I make my
 * repository private?" is covered word for word by a page about deleting an account that lists what deletion
 * removes, and named by none of its headings.
 */
export function headCoverage(question: string, page: Passage[], weights?: ReadonlyMap<string, number>): number {
  if (!page.length) return 0;
  const a = analyse(question, page);
  const head = new Set(a.passages.flatMap((r) => [...r.head]));
  let got = 0, of = 0;
  for (const t of a.q) {
    if (t.optional) continue;
    const imp = termImportance(t, weights);
    of += imp, got += imp * matchTerm(head, t);
  }
  return of ? got / of : 0;
}

/**
 * Word-vector cosine from which a word of a sentence counts as echoing a question word, in
 * {@link sentenceAlignment}: low on purpose, words of one topic as well as of one meaning. Chosen on dev
 * (`tasks/fit_confidence.ts`, leave-one-set-out AUC of the confidence with the feature: no floor 0.899, 0.4 0.905,
 * 0.5 0.899, 0.7 0.889, the words themselves only 0.890; without the feature 0.889).
 */
const ALIGN_FLOOR = 0.4;

/**
 * How closely the best sentence (or list item) of `page` echoes the question word by word, 0..1: per content word
 * of the question, its closest word-vector cosine to a word of the sentence (1 for the word itself, 0 below
 * {@link ALIGN_FLOOR}), averaged with each word's weight, for the page's best sentence. The confidence
 * (`models/knowledge/meaning.ts`) weighs it against the responder's coverage, which counts the page's own words
 * (their thesaurus equivalents, and near neighbours above 0.55 at a discount) across the page: fitted on dev, with
 * coverage held, a question that one sentence echoes loosely is more often a near-miss than one the page says in
 * its own words. A few hundred word-vector comparisons a question, no model run.
 */
export function sentenceAlignment(question: string, page: Passage[], weights?: ReadonlyMap<string, number>): number {
  const terms = [...new Set(contentTerms(question))];
  if (!terms.length) return 0;
  const of = terms.reduce((sum, t) => sum + (weights?.get(t) ?? 1), 0);
  let best = 0;
  for (const p of page) {
    for (const u of splitPassage(p.text, 0, new Set())) {
      const stems = new Set(contentTerms(u.text));
      let got = 0;
      for (const t of terms) {
        let sim = stems.has(t) ? 1 : 0;
        if (sim < 1) { for (const s of stems) sim = Math.max(sim, similarity(t, s)); }
        if (sim >= ALIGN_FLOOR) got += (weights?.get(t) ?? 1) * sim;
      }
      best = Math.max(best, got / of);
    }
  }
  return best;
}

/** How much a question term matters: its weight, a phrase's its heaviest word's, 1 without weights. */
export function termImportance(t: QTerm, weights?: ReadonlyMap<string, number>): number {
  if (!weights?.size) return 1;
  const stems = t.phrase?.length ? t.phrase : [t.key];
  const known = stems.map((s) => weights.get(s)).filter((w): w is number => w !== undefined);
  return known.length ? Math.max(...known) : 1;
}
