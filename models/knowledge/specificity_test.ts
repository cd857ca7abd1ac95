import assert from "node:assert/strict";
import { familyZipf, termWeights, zipf } from "./specificity.ts";
import { stem } from "./text.ts";

/** A fake index of 100 chunks: "export" in 3, "messages" in 60. */
const lookup = (words: string[]) =>
  Promise.resolve({ documents: 100, counts: words.map((w) => ({ export: 3, messages: 60 })[w] ?? 0) });

Deno.test("a word the content lacks weighs like the rarest indexed word when it is rare English, little when everyday", async () => {
  const w = await termWeights("how do I export my messages to PDF today?", lookup);
  assert.equal(w.get("pdf"), 1, "pdf: no chunk has it, and it is no everyday word");
  assert.ok(w.get(stem("today"))! <= 0.25, `today: ${w.get(stem("today"))}`);
  assert.ok(w.get("export")! > w.get(stem("messages"))!, "an indexed word weighs by its IDF in the index");
  assert.ok(w.get(stem("messages"))! < 0.3 && w.get("export")! > 0.5, JSON.stringify([...w]));
});

Deno.test("everyday English is counted by word family, and real words are told from typos", () => {
  assert.ok(familyZipf("posted") > zipf("posted"), "post, posts, posting... count for posted");
  assert.ok(zipf("forgot") > 3, "forgot is English (spelling correction leaves it alone)");
  assert.equal(zipf("pasword"), 0);
  assert.equal(zipf("chnage"), 0);
});

Deno.test("an everyday word weighs less than a topic word though the index holds both as rarely", async () => {
  const rare = (words: string[]) => Promise.resolve({ documents: 100, counts: words.map(() => 3) });
  const w = await termWeights("can I stop people from seeing that I'm typing?", rare);
  const typing = w.get(stem("typing"))!, stop = w.get(stem("stop"))!, people = w.get(stem("people"))!;
  assert.ok(typing > 0.5, `typing: ${typing}`);
  assert.ok(stop < 0.6 * typing && people < 0.6 * typing, JSON.stringify([...w]));
});
