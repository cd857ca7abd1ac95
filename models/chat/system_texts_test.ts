import assert from "node:assert/strict";
import { langOf, LANGS, systemText, systemTexts } from "./system_texts.ts";

Deno.test("every language has every system line, translated and with the same placeholders", () => {
  const en = systemTexts("en");
  const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const lang of LANGS.filter((l) => l !== "en")) {
    const t = systemTexts(lang);
    assert.deepEqual(Object.keys(t).sort(), Object.keys(en).sort(), lang);
    for (const [key, text] of Object.entries(t)) {
      const english = en[key as keyof typeof en];
      assert.ok(text.trim(), `${lang}.${key} is empty`);
      assert.notEqual(text, english, `${lang}.${key} is not translated`);
      assert.deepEqual(holes(text), holes(english), `${lang}.${key} placeholders`);
    }
  }
});

Deno.test("langOf takes a tag's primary subtag, and only languages the system writes", () => {
  assert.equal(langOf("fr-CA"), "fr");
  assert.equal(langOf("DE"), "de");
  assert.equal(langOf("es_MX"), "es");
  assert.equal(langOf("ja"), undefined);
  assert.equal(langOf(""), undefined);
  assert.equal(langOf(undefined), undefined);
});

Deno.test("systemText fills its holes and falls back to English", () => {
  assert.equal(systemText("de", "staffJoined", { name: "Ada" }), "Ada aus dem Team ist dem Gespräch beigetreten.");
  assert.equal(systemText(undefined, "handoff"), "A person from our team will follow up here.");
});
