import assert from "node:assert/strict";
import { detectLanguage, languageName, languageOfTag, messageLanguage } from "./detect.ts";
import { SENTENCES } from "./sentences_testdata.ts";

Deno.test("detection on typical short customer messages: at least 9 of 10 right in each of en, fr, de, es", () => {
  let right = 0, total = 0;
  const misses: string[] = [];
  for (const [lang, list] of Object.entries(SENTENCES)) {
    let ok = 0;
    for (const s of list) {
      const got = detectLanguage(s);
      if (got === lang) ok++;
      else misses.push(`${lang} -> ${got}: ${s}`);
    }
    assert.ok(ok >= 9, `${lang}: ${ok}/${list.length} ${misses.join("; ")}`);
    right += ok;
    total += list.length;
  }
  // Measured with eld 2.1.0 (small): 40/40. Printed so a library upgrade that changes it shows.
  console.log(`language detection: ${right}/${total} (${((100 * right) / total).toFixed(1)}%)`);
  assert.ok(right / total >= 0.95, misses.join("; "));
});

Deno.test("detection says nothing about what is no evidence: greetings, one word, product names, numbers", () => {
  for (const s of ["ok", "merci", "Hola", "iPhone 15", "order #1234", "", "   ", "👍 👍"]) {
    assert.equal(detectLanguage(s), undefined, s);
  }
});

Deno.test("detection knows languages beyond the four the system writes", () => {
  assert.equal(detectLanguage("Mijn bestelling is niet aangekomen"), "nl");
  assert.equal(detectLanguage("Grazie mille, adesso funziona tutto"), "it");
});

Deno.test("a browser tag gives its primary language; names for prompts", () => {
  assert.equal(languageOfTag("fr-CA"), "fr");
  assert.equal(languageOfTag("pt_BR"), "pt");
  assert.equal(languageOfTag("zh-Hant-TW"), "zh");
  assert.equal(languageOfTag("i-klingon"), undefined);
  assert.equal(languageOfTag(undefined), undefined);
  assert.equal(languageName("fr"), "French");
  assert.equal(languageName("de"), "German");
  assert.equal(languageName("es"), "Spanish");
  assert.equal(messageLanguage({ language: "fr" }), "fr");
  assert.equal(messageLanguage({ language: "<script>" }), undefined);
  assert.equal(messageLanguage({}), undefined);
});
