/**
 * Features of answering a question from a page, for measuring whether a
 * confidence fitted over several signals separates answerable from
 * unanswerable questions better than the built-in responder's one coverage
 * score (`localConfidence`). Measured by `tasks/measure_confidence.ts`; see
 * the README's table of designs for what it found.
 *
 * @module
 */
import type { Passage } from "../models/ports/ai_provider.ts";
import { smallTalk } from "../models/knowledge/text.ts";
import { neighbours, textVector, vectorSimilarity } from "../models/knowledge/vectors.ts";
import { analyse, focusPage, pageOf } from "../ai/local_answer.ts";
import { confidenceParts, localConfidence, termImportance } from "../ai/local_confidence.ts";
import { matchTerm, type QTerm } from "../ai/local_terms.ts";

/** The features, in a fixed order. */
export const FEATURES = [
  "coverage",
  "bestPassage",
  "bestUnit",
  "union",
  "exactCover",
  "headCover",
  "rareHit",
  "missMax",
  "unexplained",
  "margin",
  "titleSim",
  "unitSim",
  "terms",
  "bm25",
] as const;

export type Feature = (typeof FEATURES)[number];
export type Features = Record<Feature, number>;

/**
 * The features of answering `question` (as searched) from `passages` (retrieval order), or null when there
 * is nothing to judge. `topScore` is retrieval's best raw score (BM25 re-ranked by aboutness).
 */
export function confidenceFeatures(
  question: string,
  passages: Passage[],
  weights: ReadonlyMap<string, number>,
  topScore: number,
): Features | null {
  if (smallTalk(question) || !passages.length) return null;
  const parts = confidenceParts(question, passages, weights);
  if (!parts) return null;
  const page = focusPage(question, passages);
  const a = analyse(question, page);
  const q = a.q.filter((t) => !t.optional);
  const imp = (t: QTerm) => termImportance(t, weights);
  const mass = q.reduce((s, t) => s + imp(t), 0) || 1;
  const best = (t: QTerm, of: (r: (typeof a.passages)[number]) => Set<string>) =>
    Math.max(0, ...a.passages.map((r) => matchTerm(of(r), t)));
  const share = (hit: (t: QTerm) => number) => q.reduce((s, t) => s + imp(t) * hit(t), 0) / mass;
  // The question's most informative word, and whether the page has it.
  const rarest = q.reduce((x, t) => (imp(t) > imp(x) ? t : x), q[0]);
  // The heaviest word the page lacks, and the lacking words' weight not explained by a word of the page
  // close in meaning (a paraphrase) — "bitcoin" near nothing on a payments page.
  const vocab = new Set(a.passages.flatMap((r) => [...r.all]));
  let missMax = 0, unexplained = 0;
  for (const t of q) {
    if (best(t, (r) => r.all) > 0) continue;
    missMax = Math.max(missMax, imp(t));
    const near = Math.max(0, ...(t.phrase ?? [t.key]).map((s) => neighbours(s, vocab, 0)[0]?.[1] ?? 0));
    unexplained += imp(t) * (1 - near);
  }
  // How far the answering page stands out in retrieval: its best score less any other page's (best is 1).
  const key = pageOf(page[0]);
  const other = passages.find((p) => pageOf(p) !== key)?.score ?? 0;
  const own = Math.max(...page.map((p) => p.score));
  // Meaning of the question against the page's titles and headings, and against its best sentence.
  const qv = textVector(q.flatMap((t) => t.phrase ?? [t.key]), (s) => weights.get(s) ?? 1);
  const hv = textVector([...new Set(a.passages.flatMap((r) => [...r.head]))]);
  let unitSim = 0;
  for (const r of a.passages) {
    for (const u of r.units) {
      const uv = textVector(u.terms);
      if (qv && uv) unitSim = Math.max(unitSim, vectorSimilarity(qv, uv));
    }
  }
  return {
    coverage: localConfidence(question, passages, weights),
    ...parts,
    exactCover: share((t) => (best(t, (r) => r.all) >= 1 ? 1 : 0)),
    headCover: share((t) => best(t, (r) => r.head)),
    rareHit: best(rarest, (r) => r.all),
    missMax,
    unexplained: unexplained / mass,
    margin: Math.max(0, own - other),
    titleSim: qv && hv ? vectorSimilarity(qv, hv) : 0,
    unitSim,
    terms: Math.min(q.length, 8) / 8,
    bm25: Math.log1p(topScore),
  };
}
