import assert from "node:assert/strict";
import { equivalents, expansions, expansionWords, hasEquivalent, phraseMatches } from "./synonyms.ts";

Deno.test("the support thesaurus links everyday words to the terms help centres use", () => {
  assert.ok(expansions("how do I get my money back?").includes("refund"));
  assert.ok(expansionWords("where is my parcel?").includes("delivery"));
  assert.ok(expansionWords("do vouchers expire?").includes("coupon"));
  assert.ok(equivalents("coupon").has("discount"));
  assert.deepEqual(phraseMatches("can I send the parcel back")[0]?.terms, ["send", "back"]);
  assert.deepEqual(expansions("hello there"), [], "no topic, nothing added");
  assert.ok(!expansionWords("refund please").includes("refund"), "the question's own words are not repeated");
});

Deno.test("a word is equivalent to its group's phrases only whole, never to one word of a phrase", () => {
  // "rename" ~ "user name" / "account name": neither "user" nor "account" alone means "rename".
  assert.ok(equivalents("renam").has("usernam"));
  assert.ok(!equivalents("renam").has("user") && !equivalents("renam").has("account"));
  assert.ok(!hasEquivalent("renam", new Set(["invit", "user", "organis"])));
  // "avatar" ~ "profile picture": both words, not "profile" alone.
  assert.ok(hasEquivalent("avatar", new Set(["set", "profil", "pictur"])));
  assert.ok(!hasEquivalent("avatar", new Set(["profil", "timezon"])));
  // A phrase left with one content word by its stopwords is that word ("email us" -> email).
  assert.ok(equivalents("reach").has("email"));
});
