import assert from "node:assert/strict";
import { aboutness } from "./retrieval.ts";

const chunk = (id: string, title: string, score: number) => ({
  id,
  sourceId: "s",
  title,
  heading: "",
  text: "",
  position: 0,
  score,
});

Deno.test("aboutness: a page titled with the topic beats a FAQ whose long question-title holds its words", () => {
  // Retrieval put the FAQ a little ahead: its title, a whole question, holds both "create" and "room".
  const faq = chunk(
    "faq",
    "Clients could communicate well in the room created at meet.jit.si. The same clients still could connect to my " +
      "self-hosted instance but could neither hear nor see one another. What's wrong?",
    1,
  );
  const page = chunk("page", "Create a room for your meeting", 0.9);
  assert.deepEqual(aboutness("how do I create a room", [faq, page]).map((c) => c.id), ["page", "faq"]);
});

Deno.test("aboutness: an equivalent in a title counts half the question's own word", () => {
  // "refund" ~ "money back" (the support thesaurus): a title with the word itself beats a better-scored one with its
  // equivalent, 0.8 x (1 + 1.5) against 1 x (1 + 1.5 x 0.5).
  const ranked = aboutness("refund", [chunk("equivalent", "Money back", 1), chunk("word", "Refund", 0.8)]);
  assert.deepEqual(ranked.map((c) => c.id), ["word", "equivalent"]);
  assert.equal(ranked[1].score, 1.75);
});
