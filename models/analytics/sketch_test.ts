import assert from "node:assert/strict";
import { newSketch, sketchAdd, sketchCount, sketchMerge } from "./sketch.ts";

Deno.test("a visitor sketch counts distinct visitors closely, once each, and merges days", () => {
  const a = newSketch(), b = newSketch();
  for (let i = 0; i < 50_000; i++) sketchAdd(a, `visitor-${i}`);
  for (let i = 25_000; i < 100_000; i++) sketchAdd(b, `visitor-${i}`);
  assert.equal(sketchAdd(a, "visitor-1"), false, "adding again changes nothing");
  assert.ok(Math.abs(sketchCount(a) - 50_000) / 50_000 < 0.1, `${sketchCount(a)}`);
  sketchMerge(a, b);
  assert.ok(Math.abs(sketchCount(a) - 100_000) / 100_000 < 0.1, `${sketchCount(a)}`);
  const small = newSketch();
  for (let i = 0; i < 40; i++) sketchAdd(small, `v${i}`);
  assert.ok(Math.abs(sketchCount(small) - 40) <= 2, `${sketchCount(small)}`);
});
