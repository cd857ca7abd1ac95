import assert from "node:assert/strict";
import { backgroundTurn, FREE_PASSES, SLICE_MS } from "./background.ts";

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* busy, as synchronous store calls are */ }
};

Deno.test("background work started together runs in slices, in order, with the loop's other work in between", async () => {
  const order: number[] = [];
  let otherRanAfter = -1;
  // Forty callers with a millisecond of synchronous work each: ten slices' worth.
  const callers = Array.from({ length: 40 }, async (_, i) => {
    await backgroundTurn();
    spin(1);
    order.push(i);
  });
  // A socket's frame, say: it must not wait for all forty.
  setTimeout(() => (otherRanAfter = order.length), 0);
  await Promise.all(callers);
  assert.deepEqual(order, [...order].sort((a, b) => a - b), "in arrival order");
  assert.ok(otherRanAfter >= 1 && otherRanAfter < 40, `the other work ran after ${otherRanAfter} of 40`);
  assert.ok(otherRanAfter <= FREE_PASSES + 2 * SLICE_MS, "after about a slice's worth, not the whole burst");
});
