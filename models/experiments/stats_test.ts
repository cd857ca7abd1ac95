import assert from "node:assert/strict";
import { normalQuantile, sampleSizePerGroup, twoProportionZ, wilson } from "./stats.ts";

const near = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);

Deno.test("Wilson intervals match Newcombe (1998), Table I, method 3", () => {
  // Newcombe RG, "Two-sided confidence intervals for the single proportion", Stat Med 17:857-872.
  for (
    const [x, n, low, high] of [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ]
  ) {
    const w = wilson(x, n);
    near(w.low, low, 0.00006, `${x}/${n} low`);
    near(w.high, high, 0.00006, `${x}/${n} high`);
    near(w.rate, x / n, 1e-12, `${x}/${n} rate`);
  }
  // No trials: nothing is known.
  assert.deepEqual(wilson(0, 0), { successes: 0, trials: 0, rate: 0, low: 0, high: 1 });
});

Deno.test("the normal quantiles are the textbook ones", () => {
  near(normalQuantile(0.975), 1.959964, 1e-6, "z 97.5%");
  near(normalQuantile(0.8), 0.841621, 1e-6, "z 80%");
});

Deno.test("the two-proportion z-test, checked by hand", () => {
  // 50/100 vs 65/100: pooled p = 115/200 = 0.575, se = sqrt(0.575 * 0.425 * (1/100 + 1/100)) = 0.069911,
  // z = 0.15 / 0.069911 = 2.1456, two-sided p = 2 * (1 - Φ(2.1456)) = 0.0319.
  const t = twoProportionZ(50, 100, 65, 100);
  near(t.z, 2.1456, 0.0001, "z");
  near(t.pValue, 0.0319, 0.0001, "p");
  // 30/200 vs 36/200: pooled 0.165, se = sqrt(0.165 * 0.835 * 0.01) = 0.037118, z = 0.03 / 0.037118 = 0.8082,
  // p = 0.419: no difference.
  const u = twoProportionZ(30, 200, 36, 200);
  near(u.z, 0.8082, 0.0001, "z");
  near(u.pValue, 0.419, 0.001, "p");
  // The sign says which is higher; nothing to compare answers z 0, p 1.
  assert.ok(twoProportionZ(65, 100, 50, 100).z < 0);
  assert.deepEqual(twoProportionZ(0, 0, 5, 10), { z: 0, pValue: 1 });
  assert.deepEqual(twoProportionZ(0, 10, 0, 10), { z: 0, pValue: 1 });
});

Deno.test("sample sizes for two proportions at 95% and 80% power match the published tables", () => {
  // Fleiss, Levin & Paik (2003), Table A.4 without continuity correction: 10% vs 15% needs 686 a group.
  assert.equal(sampleSizePerGroup(0.10, 0.15), 686);
  // 50% vs 60%: (1.95996·√(2·0.55·0.45) + 0.84162·√(0.25 + 0.24))² / 0.01 = 387.4 -> 388.
  assert.equal(sampleSizePerGroup(0.5, 0.6), 388);
  assert.equal(sampleSizePerGroup(0.6, 0.5), 388);
  assert.equal(sampleSizePerGroup(0.3, 0.3), Infinity);
});
