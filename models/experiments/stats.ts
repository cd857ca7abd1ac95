/**
 * The statistics of an A/B test, pure: Wilson score intervals for proportions, the two-proportion z-test and
 * the sample size two proportions need to tell apart. The normal distribution's quantiles and CDF come from
 * `jstat` (accurate to ~1e-9; hand-rolled approximations and simple-statistics' `probit` are off in the third
 * decimal); the formulas themselves are a few lines each, written here so each is checked against its
 * published values in `stats_test.ts`.
 *
 * @module
 */
import jstatModule from "jstat";

// jstat's CommonJS export is `{ jStat }`; it ships no types, so the two functions used are typed here.
const jStat = (jstatModule as unknown as {
  jStat: {
    normal: { inv(p: number, mean: number, sd: number): number; cdf(x: number, mean: number, sd: number): number };
  };
}).jStat;

/** The standard normal quantile. */
export const normalQuantile = (p: number): number => jStat.normal.inv(p, 0, 1);
/** The standard normal CDF. */
export const normalCdf = (x: number): number => jStat.normal.cdf(x, 0, 1);

/** A proportion with its confidence interval. */
export interface Proportion {
  successes: number;
  trials: number;
  /** successes / trials (0 with no trials). */
  rate: number;
  low: number;
  high: number;
}

/**
 * The Wilson score interval (Wilson 1927; Newcombe 1998, method 3): unlike the textbook p ± z·se it stays
 * inside 0..1 and keeps its coverage for small counts and rates near 0 or 1, which early experiments have.
 */
export function wilson(successes: number, trials: number, confidence = 0.95): Proportion {
  if (trials <= 0) return { successes: 0, trials: 0, rate: 0, low: 0, high: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / (1 + z2n);
  return {
    successes,
    trials,
    rate: p,
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
  };
}

/** The two-proportion z-test (pooled standard error), two-sided. */
export interface ZTest {
  /** Positive when the second proportion is the higher. */
  z: number;
  pValue: number;
}

/** Tests x1/n1 against x2/n2 with the pooled two-proportion z-test; z = 0, p = 1 when it cannot be computed. */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): ZTest {
  if (n1 <= 0 || n2 <= 0) return { z: 0, pValue: 1 };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (x2 / n2 - x1 / n1) / se;
  return { z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}

/**
 * Conversations each group needs for a two-sided test at `alpha` with `power` to detect p1 vs p2 (the
 * normal-approximation formula without continuity correction, e.g. Fleiss, Levin & Paik 2003, eq. 4.14):
 *   n = (z_{1-α/2}·√(2·p̄(1-p̄)) + z_{1-β}·√(p1(1-p1) + p2(1-p2)))² / (p1 - p2)²,  p̄ = (p1 + p2) / 2.
 */
export function sampleSizePerGroup(p1: number, p2: number, alpha = 0.05, power = 0.8): number {
  const delta = Math.abs(p1 - p2);
  if (delta === 0) return Infinity;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const top = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((top * top) / (delta * delta));
}
