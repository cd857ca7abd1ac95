/**
 * The built-in responder's confidence with meaning: its word coverage (`localConfidence`), how close in meaning
 * the question is to the page the answer comes from (`pageMeaning`, a cosine of the offline sentence model), how
 * far that page stands out in retrieval (`retrievalMargin`), and how much of the question its titles and headings
 * name (the provider's `about`). Words alone take a paraphrase ("make a vote in a chat" for the poll article) for
 * a question about something the content lacks; meaning alone takes any question near the help centre's topic for
 * answered; a question the content lacks often finds several pages about as good, or is quoted from a page that
 * mentions its words in passing ("how do I make my repository private?" from the page on deleting an account,
 * which lists private repositories among what is deleted).
 *
 * A logistic model fitted on every dev question by `tasks/fit_confidence.ts` (classes weighted equally, L2 1;
 * session 8: 96 answerable, 49 unanswerable dev questions, 27 of them near-misses added that session):
 * coverage x 2.081, meaning x 3.894, margin x 1.638, about x 2.931, bias -4.336. Leave-one-set-out on dev, ROC AUC
 * 0.890 (session 7's coverage, closest-passage-of-any-page cosine and margin, refitted on the same questions: 0.879;
 * with the page's cosine instead: 0.884). Its dev operating point, where answerable answered plus unanswerable
 * declined is highest (0.49: 87% / 88%), is moved onto the default handoff threshold 0.4 (bias -4.336 - logit(0.49)
 * + logit(0.4) = -4.701), so agents keep the meaning of their threshold.
 *
 * @module
 */
import type { Passage } from "../ports/ai_provider.ts";
import { pageKey } from "../answers/prompt.ts";

const W_COVERAGE = 2.081, W_MEANING = 3.894, W_MARGIN = 1.638, W_ABOUT = 2.931, BIAS = -4.701;

/**
 * Confidence (0..1) from word coverage, the answering page's meaning (cosine, clamped to 0..1, see
 * {@link pageMeaning}), the retrieval margin (0..1) and how much of the question the page's titles and headings
 * name (0..1, `headCoverage` in `ai/local_answer.ts`).
 */
export function confidenceWithMeaning(coverage: number, meaning: number, margin = 0, about = 0): number {
  const z = W_COVERAGE * coverage + W_MEANING * Math.max(0, Math.min(1, meaning)) + W_MARGIN * margin +
    W_ABOUT * about + BIAS;
  return 1 / (1 + Math.exp(-z));
}

/**
 * How close in meaning the question is to the page the answer comes from: the largest cosine (`meanings`, per
 * chunk id, from retrieval) of a passage of a cited page; 0 without citations. Not the closest passage of any
 * page: a question the content lacks is often near some other page's passage, and that says nothing of the
 * answer given.
 */
export function pageMeaning(passages: Passage[], cited: Passage[], meanings: ReadonlyMap<string, number>): number {
  const own = new Set(cited.map(pageKey));
  let best = 0;
  for (const p of passages) if (own.has(pageKey(p))) best = Math.max(best, meanings.get(p.chunkId) ?? 0);
  return best;
}

/**
 * How far the answering pages stand out in retrieval (0..1): the best score of a passage of a page the answer
 * cites, less the best score of any other page's passage (scores normalised, the best passage 1). 0 without
 * citations.
 */
export function retrievalMargin(passages: Passage[], cited: Passage[]): number {
  if (!cited.length) return 0;
  const own = new Set(cited.map(pageKey));
  let mine = 0, other = 0;
  for (const p of passages) {
    if (own.has(pageKey(p))) mine = Math.max(mine, p.score);
    else other = Math.max(other, p.score);
  }
  return Math.max(0, mine - other);
}
