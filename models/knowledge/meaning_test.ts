import assert from "node:assert/strict";
import type { Passage } from "../ports/ai_provider.ts";
import { confidenceWithMeaning, retrievalMargin } from "./meaning.ts";

const p = (url: string, score: number): Passage => ({
  chunkId: `${url}#${score}`,
  sourceId: "site",
  title: url,
  url,
  text: "",
  score,
});

Deno.test("the retrieval margin: how far the cited page stands out from every other page", () => {
  const passages = [p("/colors", 1), p("/language", 0.9), p("/language", 0.5), p("/streams", 0.3)];
  // The answer quotes the language page, but another page scored higher: no margin.
  assert.equal(retrievalMargin(passages, [passages[1]]), 0);
  // The cited page leads: its best passage less the best of any other page.
  assert.ok(Math.abs(retrievalMargin(passages, [passages[0]]) - 0.1) < 1e-9);
  assert.equal(retrievalMargin(passages, []), 0);
});

Deno.test("confidence grows with coverage, meaning, margin and what the page is about", () => {
  const base = confidenceWithMeaning(0.3, 0.45, 0, 0);
  assert.ok(confidenceWithMeaning(0.6, 0.45, 0, 0) > base);
  assert.ok(confidenceWithMeaning(0.3, 0.6, 0, 0) > base);
  assert.ok(confidenceWithMeaning(0.3, 0.45, 0.5, 0) > base);
  assert.ok(confidenceWithMeaning(0.3, 0.45, 0, 0.5) > base);
  assert.ok(base > 0 && base < 1);
});

Deno.test("with coverage held, a question the best sentence merely echoes is less sure (session 9's fit)", () => {
  assert.ok(confidenceWithMeaning(0.5, 0.45, 0.2, 0.3, 0.9) < confidenceWithMeaning(0.5, 0.45, 0.2, 0.3, 0.3));
  // What the page says in its own words still counts for more: coverage and alignment rising together raise it.
  assert.ok(confidenceWithMeaning(0.8, 0.45, 0.2, 0.3, 0.8) > confidenceWithMeaning(0.4, 0.45, 0.2, 0.3, 0.4));
});

Deno.test("the default threshold 0.4 sits at the conservative dev point (session 9, continued)", () => {
  // Two dev questions' features as `tasks/fit_confidence.ts --dump` measured them (coverage, meaning, margin, about,
  // aligned). The point that answers the most plus declines the most (bias -5.462) answered the near-miss at 0.54;
  // the kept point, which declines at least session 8's share of dev near-misses, hands it off and still answers the
  // paraphrase that sits just above it in the fit.
  const salesforce = confidenceWithMeaning(0.2308, 0.4166, 0.5794, 0.4, 0.2786); // not in the help centre
  const vote = confidenceWithMeaning(0.1969, 0.5839, 0.5852, 0.3068, 0.5451); // the poll article
  assert.ok(salesforce < 0.4, String(salesforce));
  assert.ok(vote >= 0.4, String(vote));
});
