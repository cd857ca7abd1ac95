import assert from "node:assert/strict";
import { chunkDocument } from "./chunking.ts";
import type { ParsedDocument } from "../ports/ingestor.ts";

const doc = (text: string): ParsedDocument => ({ title: "T", text, mediaType: "text/markdown" });
const sentence = (i: number) => `Sentence number ${i} explains one more detail about refunds.`;

Deno.test("chunks keep their heading path and a heading is never left without text", () => {
  const text =
    "Preface before any heading.\n\n# Billing\n\nIntro to billing.\n\n## Refunds\n\nRefunds take 5 days.\n\n" +
    "## Invoices ##\n\nInvoices are monthly.\n\n# Shipping\n\n### Rates\n\nRates vary.\n\n# Empty at the end\n";
  assert.deepEqual(chunkDocument(doc(text)), [
    { heading: "", text: "Preface before any heading.", position: 0 },
    { heading: "Billing", text: "Intro to billing.", position: 1 },
    { heading: "Billing > Refunds", text: "Refunds take 5 days.", position: 2 },
    { heading: "Billing > Invoices", text: "Invoices are monthly.", position: 3 },
    { heading: "Shipping > Rates", text: "Rates vary.", position: 4 },
  ]);
});

Deno.test("a short section stays whole, paragraphs and list lines intact", () => {
  const paragraphs = [sentence(1).repeat(8), "- one\n- two\n- three", sentence(2).repeat(8)];
  const text = `# FAQ\n\n${paragraphs.join("\n\n")}`;
  assert.ok(text.length > 900 && text.length < 1400);
  assert.deepEqual(chunkDocument(doc(text)), [{ heading: "FAQ", text: paragraphs.join("\n\n"), position: 0 }]);
});

Deno.test("a long paragraph splits at sentence boundaries, with a small overlap between chunks", () => {
  const all = Array.from({ length: 60 }, (_, i) => sentence(i));
  const chunks = chunkDocument(doc(`# Refunds\n\n${all.join(" ")}`));
  assert.ok(chunks.length >= 3, `got ${chunks.length} chunks`);
  for (const [i, c] of chunks.entries()) {
    assert.equal(c.heading, "Refunds");
    assert.equal(c.position, i);
    assert.ok(c.text.length <= 1400, `chunk ${i} has ${c.text.length} chars`);
    assert.match(c.text, /^Sentence number \d+ .*refunds\.$/, "starts and ends on a sentence boundary");
  }
  for (let i = 1; i < chunks.length; i++) {
    // The overlap: the longest run of whole sentences that ends the previous chunk and starts this one.
    const starts = [...chunks[i].text.matchAll(/(?<=\.) /g)].map((m) => m.index);
    const overlap = Math.max(0, ...starts.filter((at) => chunks[i - 1].text.endsWith(chunks[i].text.slice(0, at))));
    assert.ok(overlap > 0 && overlap <= 120, `chunk ${i} repeats ${overlap} chars of the one before`);
  }
  // Nothing is lost: every sentence is in some chunk, in order.
  const seen = chunks.flatMap((c) => c.text.split(/(?<=\.) /));
  assert.deepEqual([...new Set(seen)], all);
});

Deno.test("long lists split between items; words with no boundary are cut to size", () => {
  const items = Array.from({ length: 80 }, (_, i) => `- Item ${i}: ships in ${i % 7} days`).join("\n");
  const chunks = chunkDocument(doc(`## Catalogue\n\n${items}`));
  assert.ok(chunks.length > 1);
  for (const c of chunks) assert.match(c.text, /^(- Item \d+: ships in \d days\n?)+$/);
  const blob = chunkDocument(doc("x".repeat(5000)), { targetChars: 500, maxChars: 700, overlapChars: 50 });
  assert.ok(blob.every((c) => c.text.length <= 700));
  assert.ok(blob.map((c) => c.text).join("").length >= 5000);
});

Deno.test("headings inside code fences and #hashtags are text, not headings", () => {
  const text = "# Setup\n\n```sh\n# install\nrun it\n```\n\n#hashtag stays";
  assert.deepEqual(chunkDocument(doc(text)), [
    { heading: "Setup", text: "```sh\n# install\nrun it\n```\n\n#hashtag stays", position: 0 },
  ]);
});

Deno.test("chunking is deterministic and honours its options", () => {
  const text = Array.from(
    { length: 12 },
    (_, s) => `# Part ${s}\n\n${Array.from({ length: s * 4 }, (_, i) => sentence(i)).join(" ")}`,
  ).join("\n\n");
  const a = chunkDocument(doc(text));
  assert.deepEqual(chunkDocument(doc(text)), a);
  assert.deepEqual(a.map((c) => c.position), a.map((_, i) => i));
  const small = chunkDocument(doc(text), { targetChars: 200, maxChars: 300, overlapChars: 40 });
  assert.ok(small.length > a.length);
  assert.ok(small.every((c) => c.text.length <= 300), "no chunk over maxChars");
  assert.deepEqual(chunkDocument(doc("")), []);
});
