import assert from "node:assert/strict";
import { splitPassage, splitSentences } from "./local_units.ts";

Deno.test("splitSentences keeps abbreviations, times, prices and link texts whole", () => {
  assert.deepEqual(
    splitSentences(
      "See [Step 1. Open settings](https://x.test/a). Open 9 a.m. Monday, e.g. today. It costs $4.99 now! U.S. orders ship free. 次の文。最後。",
    ),
    [
      "See [Step 1. Open settings](https://x.test/a).",
      "Open 9 a.m. Monday, e.g. today.",
      "It costs $4.99 now!",
      "U.S. orders ship free.",
      "次の文。",
      "最後。",
    ],
  );
});

Deno.test("splitPassage keeps list items whole, groups them with their lead, and skips headings", () => {
  const text =
    "# Refunds\nRefunds\n\nTo return an item:\n1. Open Orders\n   and pick the order.\n2. Print the label.\n\n" +
    "- Visa\n- PayPal\n\n**Tables**\n| Plan | Price |\n|---|---|\n| Pro | $49 |\n\n```sh\ncurl x\n```\nLast line";
  const units = splitPassage(text, 0, new Set(["refunds"]));
  assert.deepEqual(units.map((u) => [u.kind, u.group, u.text]), [
    ["sentence", 0, "To return an item:"],
    ["item", 0, "1. Open Orders and pick the order."],
    ["item", 0, "2. Print the label."],
    ["item", 1, "- Visa"],
    ["item", 1, "- PayPal"],
    ["item", 2, "- Pro: $49"],
    ["code", 3, "```sh\ncurl x\n```"],
    ["sentence", undefined, "Last line"],
  ]);
  assert.ok(units[0].terms.has("return"));
});

Deno.test("link targets do not count as words of a unit", () => {
  const [unit] = splitPassage("Read [the guide](https://www.example.test/refund-policy).", 0, new Set());
  assert.ok(unit.terms.has("guid"));
  assert.ok(!unit.terms.has("refund") && !unit.terms.has("www"));
});
