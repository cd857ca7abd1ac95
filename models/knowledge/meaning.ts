/**
 * The built-in responder's confidence with meaning: its word coverage (`localConfidence`) combined with how close
 * in meaning the question is to the closest passage (retrieval's `meaning`, a cosine of the offline sentence
 * model). Words alone take a paraphrase ("make a vote in a chat" for the poll article) for a question about
 * something the content lacks; meaning alone takes any question near the help centre's topic for answered.
 * Together they separate answerable from unanswerable questions better than either (dev questions,
 * leave-one-set-out ROC AUC: coverage 0.94, meaning 0.82, both 0.96; `tasks/measure_sentence_model.ts`).
 *
 * A logistic model fitted on every dev question (classes weighted equally, L2 1): coverage x 8.379, meaning x
 * 8.150, bias -6.992. Through `deno task eval` its dev operating point with the most answerable questions answered
 * and at least 90% of unanswerable ones declined is 0.45 on the scale where the default handoff threshold 0.4 is
 * the fitted 0.5 (dev: 85% answered, 95% declined; 0.40 there gives 85% / 91%). That point is moved to the
 * default threshold 0.4 (bias -6.992 - logit(0.45 at the 0.4 scale) = -7.602), so agents keep the meaning of their
 * threshold: it was picked on dev by the same rule.
 *
 * @module
 */

const W_COVERAGE = 8.379, W_MEANING = 8.15, BIAS = -7.602;

/** Confidence (0..1) from word coverage and meaning (cosine, clamped to 0..1). */
export function confidenceWithMeaning(coverage: number, meaning: number): number {
  const z = W_COVERAGE * coverage + W_MEANING * Math.max(0, Math.min(1, meaning)) + BIAS;
  return 1 / (1 + Math.exp(-z));
}
