/**
 * The built-in responder's confidence with meaning: its word coverage (`localConfidence`), how close in meaning
 * the question is to the closest passage (retrieval's `meaning`, a cosine of the offline sentence model), and how
 * far the page the answer comes from stands out in retrieval (`retrievalMargin`). Words alone take a paraphrase
 * ("make a vote in a chat" for the poll article) for a question about something the content lacks; meaning alone
 * takes any question near the help centre's topic for answered; a question the content lacks often finds several
 * pages about as good, or a better one than the page whose words the answer quotes ("how do I change the color of
 * a stream?": the language page answers, stream pages score as high).
 *
 * A logistic model fitted on every dev question by `tasks/fit_confidence.ts` (classes weighted equally, L2 1):
 * coverage x 7.722, meaning x 9.103, margin x 2.463, bias -8.044. Leave-one-set-out on dev, ROC AUC 0.971 (coverage
 * and meaning alone 0.961, coverage alone 0.940). Its dev operating point with the most answerable questions
 * answered and at least 95% of unanswerable ones declined, where the previous confidence stood (0.41: 92% / 95%),
 * is moved onto the default handoff threshold 0.4 (bias -8.044 - logit(0.41) + logit(0.4) = -8.085), so agents
 * keep the meaning of their threshold. At 90% declined (0.35: 93% / 91%) it would answer "how do I export my
 * messages to PDF?" from the Slack-export page, the issue's own example of a topic the content lacks.
 *
 * @module
 */
import type { Passage } from "../ports/ai_provider.ts";
import { pageKey } from "../answers/prompt.ts";

const W_COVERAGE = 7.722, W_MEANING = 9.103, W_MARGIN = 2.463, BIAS = -8.085;

/** Confidence (0..1) from word coverage, meaning (cosine, clamped to 0..1) and the retrieval margin (0..1). */
export function confidenceWithMeaning(coverage: number, meaning: number, margin = 0): number {
  const z = W_COVERAGE * coverage + W_MEANING * Math.max(0, Math.min(1, meaning)) + W_MARGIN * margin + BIAS;
  return 1 / (1 + Math.exp(-z));
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
