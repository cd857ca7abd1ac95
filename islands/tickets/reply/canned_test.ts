import assert from "node:assert/strict";
import { filterCanned, insertCanned, slashToken } from "./canned.ts";

const ALL = [
  { id: "1", title: "Refund timeline", shortcut: "refund", body: "Refunds take 5 days." },
  { id: "2", title: "Shipping times", shortcut: "ship", body: "We ship in 2 days." },
  { id: "3", title: "Say thanks", shortcut: "thanks", body: "Thank you!" },
];

Deno.test("slashToken finds a /word at the start of the text or of a line, before the caret", () => {
  assert.deepEqual(slashToken("/ref", 4), { start: 0, end: 4, query: "ref" });
  assert.deepEqual(slashToken("/", 1), { start: 0, end: 1, query: "" });
  assert.deepEqual(slashToken("Hi!\n/Th", 7), { start: 4, end: 7, query: "th" });
  assert.equal(slashToken("see /ref", 8), null, "not in the middle of a sentence");
  assert.equal(slashToken("/ref now", 8), null, "a space ends it");
  assert.equal(slashToken("/ref", 0), null);
});

Deno.test("filterCanned puts shortcut prefixes first, then shortcut or title matches", () => {
  assert.deepEqual(filterCanned(ALL, "").map((c) => c.id), ["1", "2", "3"]);
  assert.deepEqual(filterCanned(ALL, "s").map((c) => c.id), ["2", "3"]);
  assert.deepEqual(filterCanned(ALL, "th").map((c) => c.id), ["3"]);
  assert.deepEqual(filterCanned(ALL, "TIME").map((c) => c.id), ["1", "2"]);
  assert.deepEqual(filterCanned(ALL, "zzz"), []);
});

Deno.test("insertCanned replaces the /word with the body and puts the caret after it", () => {
  assert.deepEqual(insertCanned("/ref", slashToken("/ref", 4), "Refunds take 5 days."), {
    text: "Refunds take 5 days.",
    caret: 20,
  });
  const text = "Hi Ada,\n/sh\nBye";
  assert.deepEqual(insertCanned(text, slashToken(text, 11), "We ship.", 11), {
    text: "Hi Ada,\nWe ship.\nBye",
    caret: 16,
  });
  assert.deepEqual(insertCanned("Hello ", null, "there", 6), { text: "Hello there", caret: 11 });
});
