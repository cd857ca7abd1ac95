/**
 * Splitting a document into retrieval-sized chunks. A chunk never crosses a
 * heading: it carries its heading path ("Billing > Refunds") so an answer can
 * say where it came from, and a heading is never left behind without its text.
 * A section that fits in `maxChars` stays whole; a longer one is packed to
 * about `targetChars` from whole paragraphs, then lines, then sentences, then
 * words, with a short overlap so a fact cut at a boundary is still found.
 * Pure and deterministic: the same document always gives the same chunks.
 *
 * @module
 */
import type { ChunkDraft, ParsedDocument } from "../ports/ingestor.ts";

/** Sizes in characters. */
export interface ChunkOptions {
  targetChars?: number;
  maxChars?: number;
  overlapChars?: number;
}

interface Section {
  heading: string;
  blocks: string[];
}

/** A piece of a section with the separator that goes before it when joined to what precedes. */
interface Unit {
  sep: string;
  text: string;
}

const HEADING = /^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^[ \t]*(```|~~~)/;
const sentences = new Intl.Segmenter("en", { granularity: "sentence" });

/** Sections under their heading paths; blocks are blank-line separated (code fences kept whole). */
function toSections(text: string): Section[] {
  const out: Section[] = [];
  const path: string[] = [];
  let blocks: string[] = [], lines: string[] = [], fenced = false;
  const endBlock = () => {
    if (lines.length) blocks.push(lines.join("\n"));
    lines = [];
  };
  const endSection = () => {
    endBlock();
    if (blocks.length) out.push({ heading: path.filter(Boolean).join(" > "), blocks });
    blocks = [];
  };
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = fenced ? null : HEADING.exec(line);
    if (heading) {
      endSection();
      const level = heading[1].length;
      path.length = Math.min(path.length, level - 1);
      while (path.length < level - 1) path.push("");
      path.push(heading[2].trim());
    } else if (!fenced && !line.trim()) endBlock();
    else {
      if (FENCE.test(line)) fenced = !fenced;
      lines.push(line.trimEnd());
    }
  }
  endSection();
  return out;
}

/** Cuts text with no usable boundary at word breaks (or anywhere, for very long words). */
function byWords(text: string, size: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const word of text.split(/(?<=\s)/)) {
    if (cur && (cur + word).length > size) {
      out.push(cur.trim());
      cur = "";
    }
    for (cur += word; cur.length > size; cur = cur.slice(size)) out.push(cur.slice(0, size));
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** A block as units no longer than `size`: the whole block, else its lines, else sentences, else words. */
function toUnits(block: string, size: number): Unit[] {
  if (block.length <= size) return [{ sep: "\n\n", text: block }];
  const pieces = (text: string, sep: string): Unit[] => {
    if (text.length <= size) return [{ sep, text }];
    const parts = [...sentences.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
    const small = (parts.length > 1 ? parts : [text]).flatMap((s) => s.length <= size ? [s] : byWords(s, size));
    return small.map((piece, i) => ({ sep: i ? " " : sep, text: piece })); // a line's first piece starts its line
  };
  const lines = FENCE.test(block) ? [block] : block.split("\n");
  const units = lines.flatMap((line) => pieces(line, "\n"));
  units[0] = { ...units[0], sep: "\n\n" };
  return units;
}

const join = (units: Unit[]) => units.map((u, i) => (i ? u.sep : "") + u.text).join("");

/** The end of a chunk to repeat at the start of the next: whole sentences if they fit, else whole words. */
function tail(text: string, size: number): string {
  if (size <= 0) return "";
  const parts = [...sentences.segment(text)].map((s) => s.segment);
  let out = "";
  for (let i = parts.length - 1; i >= 0 && (parts[i] + out).trim().length <= size; i--) out = parts[i] + out;
  if (out.trim()) return out.trim();
  const cut = text.slice(-size);
  return cut.slice(cut.search(/\s/) + 1).trim();
}

function packSection(section: Section, target: number, max: number, overlap: number): string[] {
  const whole = section.blocks.join("\n\n");
  if (whole.length <= max) return [whole];
  const units = section.blocks.flatMap((b) => toUnits(b, target));
  const chunks: { lead: string; units: Unit[] }[] = [];
  let cur: { lead: string; units: Unit[] } = { lead: "", units: [] };
  for (const unit of units) {
    if (cur.units.length && render({ ...cur, units: [...cur.units, unit] }).length > target + cur.lead.length + 2) {
      chunks.push(cur);
      cur = { lead: tail(join(cur.units), overlap), units: [] };
    }
    cur.units.push(unit);
  }
  chunks.push(cur);
  // A last chunk of a few words reads better as the end of the one before.
  const last = chunks.at(-1)!, prev = chunks.at(-2);
  if (
    prev && join(last.units).length < target / 4 &&
    render({ ...prev, units: [...prev.units, ...last.units] }).length <= max
  ) {
    prev.units.push(...last.units);
    chunks.pop();
  }
  return chunks.map(render);
}

/** A chunk's text: the overlap from the chunk before, then its own units. */
const render = (c: { lead: string; units: Unit[] }) =>
  (c.lead ? c.lead + (c.units[0]?.sep ?? " ") : "") + join(c.units);

/** Splits a document into chunks that keep their headings; see the module doc. */
export function chunkDocument(doc: ParsedDocument, opts: ChunkOptions = {}): ChunkDraft[] {
  const target = Math.max(100, opts.targetChars ?? 900);
  const max = Math.max(target, opts.maxChars ?? 1400);
  // The overlap must fit beside a full target-sized chunk.
  const overlap = Math.max(0, Math.min(opts.overlapChars ?? 120, max - target - 3, Math.floor(target / 2)));
  const drafts: ChunkDraft[] = [];
  for (const section of toSections(doc.text)) {
    for (const text of packSection(section, target, max, overlap)) {
      drafts.push({ heading: section.heading, text, position: drafts.length });
    }
  }
  return drafts;
}
