/**
 * Makes model output safe to show. Answers can carry whatever a prompt
 * injection put into a crawled page: script tags, `javascript:` links, or an
 * image whose URL smuggles the conversation to an attacker's server. Two
 * outputs, one parser, so both agree on what is a link:
 *
 * - {@link sanitizeAnswer}: markdown in, markdown out, with every link and
 *   image checked against the allowlist, raw HTML escaped, and nothing left
 *   that any CommonMark/GFM renderer could turn into an unchecked link
 *   (`](` and `]:` in plain text are escaped, reference definitions dropped).
 * - {@link renderSafeHtml}: a small, strict markdown-to-HTML renderer for
 *   `innerHTML`. It emits only a fixed set of tags and attributes; every
 *   character of the input reaches the output escaped.
 *
 * Hand-written rather than a library: general renderers (marked, micromark)
 * pass raw HTML or decide links on their own, and enforcing a host allowlist
 * means re-checking their output. This module and its `answer_safety_*.ts`
 * parts are dependency-free and small enough for the widget's 30 KB budget:
 * pure TypeScript, no Deno APIs.
 *
 * @module
 */
import { type Ctx, prepare, type Tok, tokenize } from "./answer_safety_parse.ts";
import { renderBlocks } from "./answer_safety_html.ts";
import { type Plain, plain, PUNCT, REMOVED, textPieces } from "./answer_safety_text.ts";

/** Where answers may link to and show images from. */
export interface LinkPolicy {
  /**
   * Allowed hosts: "example.com" (and www.example.com), or "*.example.com"
   * (example.com and every subdomain). Full URLs are read as their host.
   */
  domains: string[];
}

/** Plain text as markdown that renders as exactly that text and can form no link. */
function plainToMd(p: Plain, beforeLink: boolean): string {
  let out = "";
  for (let i = 0; i < p.s.length; i++) {
    const c = p.s[i], next = p.s[i + 1];
    if (c === "<") out += "&lt;";
    else if (c === "&") out += p.esc[i] || /^&#?\w+;/.test(p.s.slice(i, i + 40)) ? "&amp;" : "&";
    else if (p.esc[i] && PUNCT.test(c)) out += `\\${c}`;
    else if (c === "]" && (next === "(" || next === ":")) out += "\\]";
    else if (c === "\\" && (next === undefined || PUNCT.test(next))) out += "\\\\";
    else if (c === "!" && next === undefined && beforeLink) out += "\\!";
    else out += c;
  }
  return out;
}

/** A vetted URL as a markdown destination: characters markdown would read as syntax percent-encoded. */
function mdHref(href: string): string {
  return href.replace(/[()\\`<>"' ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function toMd(toks: Tok[], domains: string[]): string {
  let out = "";
  let pending: Plain[] = [];
  const addText = (p: Plain) => pending.push(p);
  // Text is written out only when the next piece of markup is known, so that its last character
  // ("!" before a link, "]" before "(") is escaped where the two would join into syntax.
  const emit = (markup: string, isLink = false) => {
    const text = { s: pending.map((p) => p.s).join(""), esc: pending.flatMap((p) => p.esc) };
    out += plainToMd(text, isLink) + markup;
    pending = [];
  };
  const visit = (k: Tok) => {
    if (k.t === "text") {
      for (const piece of textPieces(k.raw, domains)) piece.t === "text" ? addText(piece.p) : emit(piece.href);
    } else if (k.t === "code") emit(k.raw);
    else if (k.t === "auto") k.href ? emit(`<${k.href}>`) : addText(plain(REMOVED));
    else if (k.t === "image") {
      if (k.src) emit(`![${k.alt.replace(/[\\[\]]/g, "\\$&").replace(/</g, "&lt;")}](${mdHref(k.src)})`);
      else addText(plain(k.alt));
    } else if (k.href) emit(`[${toMd(k.kids, domains)}](${mdHref(k.href)})`, true);
    else k.kids.forEach(visit);
  };
  toks.forEach(visit);
  emit("");
  return out;
}

/**
 * Model output made safe to store, send and render as markdown: links and
 * images kept only when http(s) (images: https) to an allowed host, others
 * replaced by their text or alt text; autolinks and bare URLs to other hosts
 * replaced by "(link removed)"; raw HTML escaped so it shows as text;
 * reference-style links inlined and their definitions dropped.
 */
export function sanitizeAnswer(markdown: string, allow: LinkPolicy): string {
  const { items, refs } = prepare(markdown);
  const ctx: Ctx = { domains: allow.domains, refs, depth: 0 };
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    // A paragraph is parsed as one piece, since link text may run over several lines.
    if (para.length) out.push(toMd(tokenize(para.join("\n"), ctx), ctx.domains));
    para = [];
  };
  for (const item of items) {
    if (typeof item !== "string") flush(), out.push([item.open, ...item.body, item.close].join("\n"));
    else if (!item.trim()) flush(), out.push("");
    else para.push(item);
  }
  flush();
  return out.join("\n").replace(/\s+$/, "");
}

/**
 * A strict markdown-to-HTML rendering for `innerHTML`: paragraphs, line
 * breaks, **bold**, *italic*, ~~strike~~, `code`, fenced code, lists, quotes,
 * headings (as bold lines), links to allowed hosts (opening in a new tab,
 * `rel="noopener noreferrer nofollow"`) and https images from allowed hosts.
 * Everything else, raw HTML included, comes out as escaped text.
 */
export function renderSafeHtml(markdown: string, allow: LinkPolicy): string {
  const { items, refs } = prepare(markdown);
  return renderBlocks(items, { domains: allow.domains, refs, depth: 0 }, 0);
}
