/**
 * Splits a passage's markdown-ish text into the pieces the offline responder
 * can quote: sentences, list items and code blocks. List items and code are
 * kept whole (half a step is worse than none) and grouped, so the responder
 * can quote a whole list with the sentence that introduces it.
 *
 * @module
 */
import { termSet } from "../models/knowledge/text.ts";
import { valueTerms } from "./local_terms.ts";

/** One quotable piece of a passage. */
export interface Unit {
  /** Index of the passage in the request. */
  passage: number;
  /** Position within the passage. */
  order: number;
  /** Paragraph or list number within the passage (sentences of one paragraph share it). */
  block: number;
  kind: "sentence" | "item" | "code";
  /** The list (or code block) an item belongs to, or that a lead sentence introduces. */
  group?: number;
  /** Markdown as quoted; items carry their marker ("- ", "2. "). */
  text: string;
  /** Content terms, without the words of URLs. */
  terms: Set<string>;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}#{1,6}(?:\s|$)/;
const ITEM = /^\s*([-*+•]|\d{1,3}[.)])\s+(.*)$/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const BOLD_LINE = /^(\*\*|__)[^*_]+\1:?$/;
// A full stop after these does not end a sentence.
const ABBREV =
  /(?:\b(?:e\.g|i\.e|etc|vs|approx|incl|excl|min|max|no|mr|mrs|ms|dr|st|inc|ltd|co|dept|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|a\.m|p\.m|u\.s)\.|\b[A-Z]\.)$/i;

/** Lowercased words only, to compare a line with the title and headings. */
export function normTitle(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/** Terms of quoted text, ignoring link targets ("https", "www", "com" say nothing). */
function unitTerms(text: string): Set<string> {
  const terms = termSet(text.replace(/\]\([^)]*\)/g, "]").replace(/\bhttps?:\/\/\S+|\bwww\.\S+/g, " "));
  for (const v of valueTerms(text)) terms.add(v);
  return terms;
}

/** Splits prose into sentences, keeping abbreviations, times and decimals intact. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(/([.!?]+["'”’)\]]*)\s+|[。！？]+/g)) {
    const end = m.index + (m[1] ?? m[0]).length;
    const next = text[m.index + m[0].length] ?? "";
    const piece = text.slice(start, end);
    if (m[1] && !/[\p{Lu}\p{Lo}\p{N}"“'(*[_`¡¿]/u.test(next)) continue;
    if (m[1]?.startsWith(".") && ABBREV.test(piece)) continue;
    // Not inside a link's text ("[Step 1. Open settings](...)").
    if (piece.split("[").length > piece.split("]").length) continue;
    if (piece.trim()) out.push(piece.trim());
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/**
 * The units of one passage. `skip` holds normalised title and heading texts:
 * a line that only repeats them is a heading in disguise, not an answer.
 */
export function splitPassage(text: string, passage: number, skip: Set<string>): Unit[] {
  const units: Unit[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let block = 0, group = -1, inList = false, prevBlank = false, para: string[] = [];
  const push = (kind: Unit["kind"], body: string, g?: number) => {
    units.push({ passage, order: units.length, block, kind, group: g, text: body, terms: unitTerms(body) });
  };
  const flushPara = () => {
    const joined = para.join(" ").replace(/\s+/g, " ").trim();
    para = [];
    if (!joined || skip.has(normTitle(joined))) return;
    for (const s of splitSentences(joined)) if (!skip.has(normTitle(s))) push("sentence", s);
    block++;
  };
  const endList = () => {
    if (inList) block++;
    inList = false;
  };
  // A sentence ending in ":" right before a list or code block introduces it.
  const markLead = (g: number) => {
    const last = units.at(-1);
    if (last?.kind === "sentence" && last.group === undefined && last.text.endsWith(":")) last.group = g;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const afterBlank = prevBlank;
    prevBlank = !line.trim();
    const fence = FENCE.exec(line);
    if (fence) {
      flushPara();
      const body = [line];
      while (++i < lines.length && !lines[i].trimStart().startsWith(fence[1])) body.push(lines[i]);
      body.push(fence[1]);
      markLead(++group);
      push("code", body.join("\n"), group);
      block++, endList();
      continue;
    }
    if (!line.trim() || HEADING.test(line) || TABLE_RULE.test(line)) {
      flushPara();
      // A blank line may separate the items of one (loose) list; anything else ends it.
      if (line.trim()) endList();
      continue;
    }
    const item = ITEM.exec(line) ?? tableRow(line, lines[i + 1]);
    if (item) {
      flushPara();
      if (!item[2].trim()) continue;
      const marker = /\d/.test(item[1]) ? `${parseInt(item[1])}.` : "-";
      // A bullet after a numbered list (or the reverse) starts another list.
      const lastMarker = units.at(-1)?.text.split(" ")[0] ?? "";
      if (!inList || /\d/.test(marker) !== /\d/.test(lastMarker)) markLead(++group), block++;
      push("item", `${marker} ${item[2].trim()}`, group);
      inList = true;
    } else if (inList && para.length === 0 && (!afterBlank || /^\s/.test(line))) {
      // A continuation line of the last item: lazy right after it, or indented.
      const last = units.at(-1)!;
      last.text += " " + line.trim();
      last.terms = unitTerms(last.text);
    } else if (BOLD_LINE.test(line.trim())) {
      // "**Shipping**" alone on a line is a heading in disguise.
      flushPara(), endList();
    } else {
      endList();
      para.push(line.trim());
    }
  }
  flushPara();
  return units;
}

/** A table row as a list item ("Pro: $49 / month"); header rows are skipped. */
function tableRow(line: string, next: string | undefined): [string, string, string] | null {
  if (!/^\s*\|.*\|\s*$/.test(line)) return null;
  if (next !== undefined && TABLE_RULE.test(next)) return ["-", "-", ""];
  const cells = line.trim().slice(1, -1).split("|").map((c) => c.trim()).filter(Boolean);
  return ["-", "-", cells.length > 1 ? `${cells[0]}: ${cells.slice(1).join(", ")}` : cells.join("")];
}
