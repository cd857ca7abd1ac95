import assert from "node:assert/strict";
import { fill, LAUNCHER_LABELS, pickLang, strings } from "./i18n.ts";

Deno.test("pickLang takes the first language the widget speaks, by primary subtag", () => {
  assert.equal(pickLang(["fr-CA", "en-US"]), "fr");
  assert.equal(pickLang(["es-ES", "de-AT", "fr"]), "es");
  assert.equal(pickLang(["it-IT", "de-AT", "fr"]), "de");
  assert.equal(pickLang(["DE_ch"]), "de");
  assert.equal(pickLang(["ja", "pt-BR"]), "en");
  assert.equal(pickLang([]), "en");
});

Deno.test("the English accessible names are the contract", () => {
  assert.deepEqual(LAUNCHER_LABELS.en.slice(0, 2), ["Open chat", "Close chat"]);
  assert.equal(strings("en").message, "Message");
  assert.equal(strings("en").send, "Send");
  assert.equal(strings("en").human, "Talk to a human");
});

Deno.test("every language has every string, translated and with the same placeholders", () => {
  const en = strings("en");
  for (const lang of ["fr", "de", "es"] as const) {
    const t = strings(lang);
    assert.deepEqual(Object.keys(t).sort(), Object.keys(en).sort(), lang);
    for (const [k, v] of Object.entries(t)) {
      assert.ok(v.trim(), `${lang}.${k} is empty`);
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(holes(v), holes(en[k as keyof typeof en]), `${lang}.${k} placeholders`);
    }
    assert.notEqual(t.send, en.send);
    assert.notEqual(LAUNCHER_LABELS[lang][0], LAUNCHER_LABELS.en[0]);
  }
});

Deno.test("fill replaces known placeholders and leaves others", () => {
  assert.equal(fill("{name} is typing… {x}", { name: "Ada" }), "Ada is typing… {x}");
});
