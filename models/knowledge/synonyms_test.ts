import assert from "node:assert/strict";
import { equivalents, expansions, expansionWords, phraseMatches } from "./synonyms.ts";

Deno.test("the support thesaurus links everyday words to the terms help centres use", () => {
  assert.ok(expansions("how do I get my money back?").includes("refund"));
  assert.ok(expansionWords("where is my parcel?").includes("delivery"));
  assert.ok(expansionWords("do vouchers expire?").includes("coupon"));
  assert.ok(equivalents("coupon").has("discount"));
  assert.deepEqual(phraseMatches("can I send the parcel back")[0]?.terms, ["send", "back"]);
  assert.deepEqual(expansions("hello there"), [], "no topic, nothing added");
  assert.ok(!expansionWords("refund please").includes("refund"), "the question's own words are not repeated");
});
