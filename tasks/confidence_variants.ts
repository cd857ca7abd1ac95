/**
 * The confidence features `tasks/fit_confidence.ts` measures beside the kept ones (sessions 8 and 9; none kept but
 * `sentenceAlignment`, see the README): word-vector alignments of the question to a page, and the offline sentence
 * model's cosine to the closest single sentence.
 *
 * @module
 */
import { dot, sentenceModel } from "../lib/sentence_model.ts";
import { splitPassage } from "../ai/local_units.ts";
import type { Passage } from "../models/ports/ai_provider.ts";
import { contentTerms } from "../models/knowledge/text.ts";
import { similarity } from "../models/knowledge/vectors.ts";

/**
 * Weighted mean over the question's stems of their closest word-vector cosine to any of `stems` (1 for the stem
 * itself; 0 below `floor`; raised to `pow`; `head` stems count at half): the variants measured beside
 * `sentenceAlignment`, which is this with floor 0.4 over each sentence.
 */
export function align(
  question: string,
  stems: Set<string>,
  weights: ReadonlyMap<string, number>,
  floor = 0,
  pow = 1,
  head?: Set<string>,
): number {
  let got = 0, of = 0;
  for (const t of new Set(contentTerms(question))) {
    const w = weights.get(t) ?? 1;
    let best = stems.has(t) ? 1 : 0;
    if (best < 1) { for (const s of stems) best = Math.max(best, similarity(t, s)); }
    if (head && best < 1) {
      let h = head.has(t) ? 1 : 0;
      if (h < 1) { for (const s of head) h = Math.max(h, similarity(t, s)); }
      best = Math.max(best, 0.5 * h);
    }
    got += w * (best >= floor ? Math.pow(Math.max(0, best), pow) : 0), of += w;
  }
  return of ? got / of : 0;
}

/** Sentence vectors by text (the eval's passages repeat across questions). */
const sentenceVectors = new Map<string, Float32Array>();
/** The question's (`q`) best cosine to a sentence of `passages` (`titled`: the page title and heading before each). */
export async function sentenceCosine(q: Float32Array, passages: Passage[], titled: boolean): Promise<number> {
  const texts: string[] = [];
  for (const p of passages) {
    for (const u of splitPassage(p.text, 0, new Set())) {
      if (u.kind !== "code") texts.push(titled ? `${p.title}\n${p.heading ?? ""}\n${u.text}` : u.text);
    }
  }
  const missing = [...new Set(texts.filter((t) => !sentenceVectors.has(t)))];
  for (let i = 0; i < missing.length; i += 32) {
    const vs = await sentenceModel.embed(missing.slice(i, i + 32));
    vs.forEach((v, j) => sentenceVectors.set(missing[i + j], v.slice()));
  }
  let best = 0;
  for (const t of texts) best = Math.max(best, dot(q, sentenceVectors.get(t)!));
  return best;
}
