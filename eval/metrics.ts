/**
 * The numbers `deno task eval` reports for a list of outcomes: recall@k of
 * the right page in retrieval, how answers cite, how often answerable
 * questions are handed off, how often unanswerable ones are, blank answers,
 * and the per-threshold table used to calibrate the handoff threshold.
 *
 * @module
 */
import { ABSTAINS, type Outcome } from "./run.ts";

/** Rates are 0..1 of the questions they count over. */
export interface Metrics {
  answerable: number;
  unanswerable: number;
  recall1: number;
  recall3: number;
  recall5: number;
  /** Answerable questions whose answer's first citation is the right page. */
  citedFirst: number;
  /** Answerable questions whose answer cites exactly the right page, nothing else. */
  exactCitation: number;
  /** Answerable questions handed off. */
  falseHandoff: number;
  /** Unanswerable questions handed off or answered "I don't know". */
  abstention: number;
  blank: number;
}

const rate = (xs: boolean[]) => (xs.length ? xs.filter(Boolean).length / xs.length : 0);
const within = (o: Outcome, k: number) => o.page !== null && o.ranked.slice(0, k).includes(o.page);

/** True when the answer declined: handed off, or said it doesn't know. */
export function abstained(o: Outcome): boolean {
  return o.handoff !== null || ABSTAINS.test(o.text);
}

/** The metrics of `outcomes`. */
export function metrics(outcomes: Outcome[]): Metrics {
  const ans = outcomes.filter((o) => o.page !== null);
  const un = outcomes.filter((o) => o.page === null);
  return {
    answerable: ans.length,
    unanswerable: un.length,
    recall1: rate(ans.map((o) => within(o, 1))),
    recall3: rate(ans.map((o) => within(o, 3))),
    recall5: rate(ans.map((o) => within(o, 5))),
    citedFirst: rate(ans.map((o) => o.cited[0] === o.page)),
    exactCitation: rate(ans.map((o) => o.cited.length === 1 && o.cited[0] === o.page)),
    falseHandoff: rate(ans.map((o) => o.handoff !== null)),
    abstention: rate(un.map(abstained)),
    blank: outcomes.filter((o) => !o.text.trim()).length,
  };
}

/** One row of the calibration table. */
export interface ThresholdRow {
  threshold: number;
  /** Answerable questions that would be answered (confidence at or above the threshold, not declined in words). */
  answeredAnswerable: number;
  /** Unanswerable questions that would be handed off (below the threshold) or declined in words. */
  handedOffUnanswerable: number;
}

/** The calibration table over thresholds 0.05 .. 0.70. */
export function thresholdTable(outcomes: Outcome[]): ThresholdRow[] {
  const ans = outcomes.filter((o) => o.page !== null);
  const un = outcomes.filter((o) => o.page === null);
  const rows: ThresholdRow[] = [];
  for (let i = 1; i <= 14; i++) {
    const t = Math.round(i * 5) / 100;
    rows.push({
      threshold: t,
      answeredAnswerable: rate(ans.map((o) => o.confidence >= t && !ABSTAINS.test(o.text))),
      handedOffUnanswerable: rate(un.map((o) => o.confidence < t || ABSTAINS.test(o.text))),
    });
  }
  return rows;
}
