/**
 * The markdown reading shared by both outputs of the answer sanitiser: block
 * level (fenced code, reference definitions) and inline tokens, following
 * CommonMark's precedence so that what we treat as a link is what a
 * renderer would. Every scan is bounded (1-2 KB ahead at most), so hostile
 * input costs time proportional to its length.
 *
 * @module
 */
import { decodeText, INVISIBLE, PUNCT, vetDest } from "./answer_safety_text.ts";

/** Longest input handled; the rest is dropped (answers are far shorter). */
const MAX_INPUT = 100_000;
/** Nesting limit of links, lists and quotes. */
export const MAX_DEPTH = 4;
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/y;

/** An inline token. */
export type Tok =
  | { t: "text"; raw: string }
  | { t: "code"; raw: string; ticks: number }
  | { t: "link"; kids: Tok[]; href: string | null }
  | { t: "image"; alt: string; src: string | null }
  | { t: "auto"; text: string; href: string | null };

/** What inline parsing needs to know. */
export interface Ctx {
  domains: string[];
  /** Reference definitions: normalised label -> raw destination. */
  refs: Map<string, string>;
  depth: number;
}

/** Start positions of backtick runs by length, to find a code span's closer without rescanning. */
function backtickRuns(src: string): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  for (const m of src.matchAll(/`+/g)) {
    const list = runs.get(m[0].length) ?? [];
    list.push(m.index);
    runs.set(m[0].length, list);
  }
  return runs;
}

/** End (exclusive) of the code span opening at `i`, or -1 when its run is never closed. */
function codeSpanEnd(src: string, i: number, runs: Map<number, number[]>): number {
  let len = 0;
  while (src[i + len] === "`") len++;
  const list = runs.get(len) ?? [];
  let lo = 0, hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < i + len) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo] + len : -1;
}

/** Index of the `]` closing the link text opened before `from`; code spans and autolinks bind tighter. */
function labelEnd(src: string, from: number, runs: Map<number, number[]>): number {
  let depth = 0;
  for (let j = from; j < src.length && j - from < 1000; j++) {
    const c = src[j];
    if (c === "\\") j++;
    else if (c === "`") {
      const end = codeSpanEnd(src, j, runs);
      if (end > 0) j = end - 1;
      else while (src[j + 1] === "`") j++;
    } else if (c === "<") {
      AUTOLINK.lastIndex = j;
      if (AUTOLINK.test(src)) j = AUTOLINK.lastIndex - 1;
    } else if (c === "[") depth++;
    else if (c === "]" && depth-- === 0) return j;
  }
  return -1;
}

/** `(dest "title")` after a link text, from just past the `(`: the raw destination and where it ends. */
function inlineDest(src: string, k: number): { dest: string; end: number } | null {
  const skip = () => {
    while (src[k] === " " || src[k] === "\t") k++;
    if (src[k] === "\n") k++;
    while (src[k] === " " || src[k] === "\t") k++;
  };
  skip();
  let dest = "";
  if (src[k] === "<") {
    const close = src.slice(k + 1, k + 2050).search(/[<>\n]/);
    if (close < 0 || src[k + 1 + close] !== ">") return null;
    dest = src.slice(k + 1, k + 1 + close), k += close + 2;
  } else {
    const start = k;
    let parens = 0;
    for (; k < src.length && k - start <= 2048; k++) {
      const c = src[k];
      if (c === "\\" && PUNCT.test(src[k + 1] ?? "")) k++;
      else if (c === "(") parens++;
      else if (c === ")" && parens === 0) break;
      else if (c === ")") parens--;
      else if (/\s/.test(c)) break;
    }
    // Unbalanced parentheses are no destination; nor is a 2 KB one (and bounding it keeps parsing linear).
    if (parens !== 0 || k - start > 2048) return null;
    dest = src.slice(start, k);
  }
  const beforeTitle = k;
  skip();
  const open = src[k];
  if (k > beforeTitle && (open === '"' || open === "'" || open === "(")) {
    const close = open === "(" ? ")" : open;
    for (k++; k < src.length && src[k] !== close; k++) if (src[k] === "\\") k++;
    if (src[k] !== close) return null;
    k++, skip();
  }
  return src[k] === ")" ? { dest, end: k + 1 } : null;
}

function normLabel(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

/** A link or image starting at `[` index `i`: its text, raw destination and end, or null. */
function parseLink(src: string, i: number, ctx: Ctx, runs: Map<number, number[]>) {
  const close = labelEnd(src, i + 1, runs);
  if (close < 0) return null;
  const label = src.slice(i + 1, close);
  const kids = () => tokenize(label, { ...ctx, depth: ctx.depth + 1 });
  if (src[close + 1] === "(") {
    const d = inlineDest(src, close + 2);
    if (d) return { kids: kids(), dest: d.dest, end: d.end };
  }
  let key = label, end = close + 1;
  if (src[close + 1] === "[") {
    const refEnd = src.indexOf("]", close + 2);
    if (refEnd > 0 && refEnd - close < 1000 && !src.slice(close + 2, refEnd).includes("[")) {
      key = src.slice(close + 2, refEnd).trim() || label, end = refEnd + 1;
    }
  }
  const dest = ctx.refs.get(normLabel(key));
  return dest === undefined ? null : { kids: kids(), dest, end };
}

/** Inline tokens of one paragraph, CommonMark-style: code spans and autolinks first, then links. */
export function tokenize(src: string, ctx: Ctx): Tok[] {
  const runs = backtickRuns(src);
  const out: Tok[] = [];
  let buf = "";
  const flush = () => {
    if (buf) out.push({ t: "text", raw: buf });
    buf = "";
  };
  for (let i = 0; i < src.length;) {
    const c = src[i];
    if (c === "\\" && PUNCT.test(src[i + 1] ?? "")) {
      buf += src.slice(i, i + 2), i += 2;
      continue;
    }
    if (c === "`") {
      const end = codeSpanEnd(src, i, runs);
      let len = 0;
      while (src[i + len] === "`") len++;
      if (end < 0) buf += src.slice(i, i + len), i += len;
      else flush(), out.push({ t: "code", raw: src.slice(i, end), ticks: len }), i = end;
      continue;
    }
    AUTOLINK.lastIndex = i;
    const auto = c === "<" ? AUTOLINK.exec(src) : null;
    if (auto) {
      flush();
      out.push({ t: "auto", text: auto[1], href: vetDest(auto[1], ctx.domains, false) });
      i += auto[0].length;
      continue;
    }
    const image = c === "!" && src[i + 1] === "[";
    if ((image || c === "[") && ctx.depth < MAX_DEPTH) {
      const link = parseLink(src, image ? i + 1 : i, ctx, runs);
      // Links cannot contain links: then the outer brackets are plain text (the inner link wins).
      if (link && (image || !link.kids.some((k) => k.t === "link"))) {
        flush();
        if (image) out.push({ t: "image", alt: plainText(link.kids), src: vetDest(link.dest, ctx.domains, true) });
        else out.push({ t: "link", kids: link.kids, href: vetDest(link.dest, ctx.domains, false) });
        i = link.end;
        continue;
      }
    }
    buf += c, i++;
  }
  flush();
  return out;
}

function plainText(toks: Tok[]): string {
  return toks.map((k) =>
    k.t === "text"
      ? decodeText(k.raw).s
      : k.t === "code"
      ? codeText(k)
      : k.t === "link"
      ? plainText(k.kids)
      : k.t === "image"
      ? k.alt
      : k.text
  ).join("").replace(/\s+/g, " ").trim();
}

/** The text of a code span (CommonMark strips one space from each end). */
export function codeText(k: { raw: string; ticks: number }): string {
  const s = k.raw.slice(k.ticks, -k.ticks).replace(/\n/g, " ");
  return /^ .*[^ ].* $/.test(s) ? s.slice(1, -1) : s;
}

/** A fenced code block, kept verbatim. */
export interface Fence {
  open: string;
  body: string[];
  close: string;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const DEFINITION = /^ {0,3}\[((?:[^\\[\]]|\\.){1,999})\]:[ \t]*(.*)$/;

/**
 * Lines outside fenced code, fenced blocks, and the reference definitions
 * taken out (links using them are inlined, so no renderer needs them).
 */
export function prepare(markdown: string): { items: (string | Fence)[]; refs: Map<string, string> } {
  const lines = markdown.slice(0, MAX_INPUT).replace(/\r\n?/g, "\n").replace(INVISIBLE, "").split("\n");
  const items: (string | Fence)[] = [];
  const refs = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]);
    // CommonMark: a backtick fence's info string has no backtick (else it is inline code).
    if (open && !(open[2][0] === "`" && open[3].includes("`"))) {
      const closeRe = new RegExp(`^ {0,3}${open[2][0]}{${open[2].length},}[ \\t]*$`);
      const body: string[] = [], openLine = lines[i];
      while (++i < lines.length && !closeRe.test(lines[i])) body.push(lines[i]);
      // An unclosed fence is closed, or text appended to the answer later would land inside it.
      items.push({ open: openLine, body, close: lines[i] ?? open[1] + open[2] });
      continue;
    }
    const def = DEFINITION.exec(lines[i]);
    if (def) {
      let dest = def[2].trim();
      if (!dest && i + 1 < lines.length && lines[i + 1].trim()) dest = lines[++i].trim();
      dest = dest.startsWith("<") ? dest.slice(1, dest.indexOf(">") >>> 0) : dest.split(/\s/)[0];
      const key = normLabel(def[1]);
      if (key && !refs.has(key)) refs.set(key, dest);
      continue;
    }
    items.push(lines[i]);
  }
  return { items, refs };
}
