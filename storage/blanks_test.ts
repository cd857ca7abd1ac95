import assert from "node:assert/strict";
import { BLANK_CODE_POINTS, NOT_BLANK } from "./blanks.ts";

Deno.test("the blank characters are exactly those String.prototype.trim strips", () => {
  const trimmed: number[] = [];
  for (let c = 0; c <= 0xffff; c++) if (String.fromCharCode(c).trim() === "") trimmed.push(c);
  assert.deepEqual([...BLANK_CODE_POINTS], trimmed);
  const notBlank = new RegExp(NOT_BLANK);
  assert.ok(!notBlank.test("\n\t\u00a0\u3000 "));
  assert.ok(notBlank.test("\n a"));
});
