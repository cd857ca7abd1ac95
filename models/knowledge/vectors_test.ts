import assert from "node:assert/strict";
import { meaningExpansion, topicsOf } from "./retrieval.ts";
import { stem } from "./text.ts";
import { neighbours, similarity, StemVectors, wordOf } from "./vectors.ts";

const sim = (a: string, b: string) => similarity(stem(a), stem(b));

Deno.test("word vectors: a customer's word is close to the help centre's word for it, not to an unrelated one", () => {
  assert.ok(sim("vote", "poll") > 0.6, `vote/poll ${sim("vote", "poll")}`);
  assert.ok(sim("receipt", "invoice") > 0.5, `receipt/invoice ${sim("receipt", "invoice")}`);
  assert.ok(sim("coupons", "discount") > 0.5, `coupons/discount ${sim("coupons", "discount")}`);
  // Frequency directions removed: common words no longer look alike, nor words of one domain.
  assert.ok(sim("jobs", "hours") < 0.2, `jobs/hours ${sim("jobs", "hours")}`);
  assert.ok(sim("vote", "support") < 0.45, `vote/support ${sim("vote", "support")}`);
  assert.equal(sim("zzqx", "poll"), 0);
});

Deno.test("word vectors: neighbours are picked from the candidates only, closest first", () => {
  const got = neighbours(stem("vote"), ["poll", "support", "refund", "vote"].map(stem), 0.5);
  assert.deepEqual(got.map(([s]) => s), [stem("poll")]);
  assert.equal(wordOf(stem("damaged")), "damage");
  const set = new StemVectors(["poll", "support", "refund", "vote"].map(stem));
  assert.deepEqual(set.nearest(stem("vote"), 0.5, 3).map(([s]) => s), [stem("poll")]);
});

Deno.test("meaning expansion: a paraphrase brings the words of the page titles it means", () => {
  const topics = topicsOf(["Create a poll", "Font size", "Discount codes", "Opening hours"]);
  // Words, not stems: the full-text index stems them itself ("polls" -> poll).
  const expanded = (q: string) => meaningExpansion(q, topics).map(stem);
  assert.ok(expanded("make a vote in a chat").includes("poll"));
  assert.ok(expanded("can I use two coupons on one purchase?").includes("discount"));
  assert.deepEqual(meaningExpansion("do you have job openings?", topics), []);
});

Deno.test("meaning expansion: a title's everyday words are not searched for in a question's place", () => {
  // A help-centre FAQ titled with a whole question: its words say how the customer felt, not what the page is about.
  const topics = topicsOf([
    "The same clients could connect to my self-hosted instance but could neither hear nor see one another. What's wrong?",
    "Keyboard shortcuts",
  ]);
  assert.ok(!meaningExpansion("someone sent me a link, what do i do with it", topics).includes("wrong"));
  assert.ok(!meaningExpansion("nobody can hear me", topics).includes("wrong"));
});
