import assert from "node:assert/strict";
import { heavyAdd, type HeavyEntry, heavyJson, heavyOf } from "./heavy.ts";

const q = (asked: number, unsure = 0, day = "2027-01-01") => ({ asked, unsure, example: "e", day });

Deno.test("below capacity every signature is counted exactly; past it the heavy ones stay, never under-counted", () => {
  const m = new Map<string, HeavyEntry>();
  for (let i = 0; i < 3; i++) heavyAdd(m, 3, `s${i}`, q(1));
  heavyAdd(m, 3, "s0", q(1, 1, "2027-01-02"));
  assert.deepEqual([...m.values()].map((e) => [e[0], e[1], e[2], e[5]]), [
    ["s0", 2, 1, "2027-01-02"],
    ["s1", 1, 0, null],
    ["s2", 1, 0, null],
  ]);
  // A stream where "hot" is a third of the questions, among 50 one-off ones: it is kept with at least its count.
  const s = new Map<string, HeavyEntry>();
  for (let i = 0; i < 50; i++) {
    heavyAdd(s, 10, `once${i}`, q(1));
    if (i % 2 === 0) heavyAdd(s, 10, "hot", q(1));
  }
  assert.equal(s.size, 10);
  assert.ok(s.get("hot")![1] >= 25);
  assert.deepEqual(
    heavyOf(heavyJson(s)),
    new Map([...s.entries()].sort((a, b) => b[1][1] - a[1][1] || (a[0] < b[0] ? -1 : 1))),
  );
});
