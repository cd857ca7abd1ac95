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
