import assert from "node:assert/strict";
import type { Passage } from "../ports/ai_provider.ts";
import { LANGS } from "../chat/system_texts.ts";
import { answerText, answerTexts } from "./answer_texts.ts";
import { preferLanguage } from "./passages.ts";

const passage = (chunkId: string, text: string): Passage => ({
  chunkId,
  sourceId: chunkId,
  title: chunkId,
  text,
  score: 1,
});
const EN = passage("en", "Express delivery arrives the next business day if you order before noon.");
const FR = passage("fr", "La livraison express arrive le jour ouvré suivant si vous commandez avant midi.");
const DE = passage("de", "Die Expresslieferung kommt am nächsten Werktag an, wenn Sie vor Mittag bestellen.");

Deno.test("knowledge in the customer's language comes first; the quoting responder keeps only it when there is some", () => {
  assert.deepEqual(preferLanguage([EN, DE, FR], "fr").map((p) => p.chunkId), ["fr", "en", "de"]);
  assert.deepEqual(preferLanguage([EN, DE, FR], "fr", { only: true }).map((p) => p.chunkId), ["fr"]);
  // What the detector can't place (a price list, a part number) is kept, after the passages in the language.
  const code = passage("code", "SKU-1234: 19,99 € / 42 $");
  assert.deepEqual(preferLanguage([EN, code, FR], "fr", { only: true }).map((p) => p.chunkId), ["fr", "code"]);
  assert.deepEqual(preferLanguage([code, EN], "en", { only: true }).map((p) => p.chunkId), ["en", "code"]);
  // None in the language (or no language known): retrieval's order, everything kept.
  assert.deepEqual(preferLanguage([EN, DE], "es", { only: true }).map((p) => p.chunkId), ["en", "de"]);
  assert.deepEqual(preferLanguage([DE, EN], undefined).map((p) => p.chunkId), ["de", "en"]);
});

Deno.test("the AI side's fixed phrases exist in every language the system writes, and differ from English", () => {
  const en = answerTexts("en");
  for (const lang of LANGS) {
    const t = answerTexts(lang);
    assert.deepEqual(Object.keys(t).sort(), Object.keys(en).sort(), lang);
    for (const [k, v] of Object.entries(t)) {
      assert.ok(v.trim(), `${lang}.${k}`);
      if (lang !== "en") assert.notEqual(v, en[k as keyof typeof en], `${lang}.${k} is not translated`);
    }
  }
  assert.equal(answerText("it", "noAnswer"), en.noAnswer, "a language the system does not write: English");
  assert.equal(answerText(undefined, "busy"), en.busy);
});
