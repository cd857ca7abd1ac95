import assert from "node:assert/strict";
import { backoffDelay } from "./backoff.ts";

Deno.test("backoffDelay doubles from 500 ms and never waits longer than 15 s", () => {
  const top = (n: number) => backoffDelay(n, { random: () => 0.999999 });
  assert.deepEqual([0, 1, 2, 3, 4].map(top), [500, 1000, 2000, 4000, 8000]);
  for (const n of [5, 6, 10, 50, 1e6]) assert.equal(top(n), 15_000, `attempt ${n}`);
});

Deno.test("backoffDelay jitters between half and all of the step, so clients spread out", () => {
  assert.equal(backoffDelay(3, { random: () => 0 }), 2000);
  assert.equal(backoffDelay(3, { random: () => 0.5 }), 3000);
  const seen = new Set<number>();
  for (let i = 0; i < 200; i++) {
    const d = backoffDelay(10);
    assert.ok(d >= 7500 && d <= 15_000, `${d} within [7.5 s, 15 s]`);
    seen.add(d);
  }
  assert.ok(seen.size > 50, "random delays differ");
});

Deno.test("backoffDelay treats a negative attempt as the first", () => {
  assert.equal(backoffDelay(-3, { random: () => 0 }), 250);
});
