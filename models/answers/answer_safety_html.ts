/**
 * The HTML side of the answer sanitiser: a strict renderer that emits only
 * p, br, strong, em, del, code, pre, ul, ol, li, blockquote, hr, a and img,
 * with fixed attributes and every URL vetted by the allowlist.
 *
 * @module
 */
import { codeText, type Ctx, type Fence, MAX_DEPTH, type Tok, tokenize } from "./answer_safety_parse.ts";
import { escapeHtml, type Plain, PUNCT, REMOVED, textPieces } from "./answer_safety_text.ts";

const LINK_ATTRS = 'rel="noopener noreferrer nofollow" target="_blank"';

/** Plain text as HTML; escaped punctuation as numeric references, so emphasis below cannot use it. */
function plainToHtml(p: Plain): string {
  let out = "";
  for (let i = 0; i < p.s.length; i++) {
    out += p.esc[i] && PUNCT.test(p.s[i]) ? `&#${p.s.charCodeAt(i)};` : escapeHtml(p.s[i]);
  }
  return out;
}

/**
 * Emphasis on already-escaped text: the only `*`, `_`, `~` left are unescaped
 * ones. Spans are capped at 500 characters so a paragraph of unmatched
 * markers stays linear.
 */
function emphasis(html: string): string {
  return html
    .replace(/\*\*(?=\S)([^]{0,500}?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^\p{L}\p{N}_])__(?=\S)([^]{0,500}?\S)__(?![\p{L}\p{N}_])/gu, "$1<strong>$2</strong>")
    .replace(/\*(?=[^\s*])([^*]{0,500}?[^\s*])\*/g, "<em>$1</em>")
    .replace(/(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_]{0,500}?[^\s_])_(?![\p{L}\p{N}_])/gu, "$1<em>$2</em>")
    .replace(/~~(?=\S)([^]{0,500}?\S)~~/g, "<del>$1</del>");
}

/** Inline HTML of tokens. Markup goes in as numbered holes that emphasis cannot see into. */
function inlineHtml(toks: Tok[], domains: string[], inLink = false): string {
  const holes: string[] = [];
  // \u0001 and \u0002 cannot occur in the text: prepare() strips control characters.
  const hole = (html: string) => `\u0001${holes.push(html) - 1}\u0002`;
  const anchor = (href: string, inner: string) =>
    inLink ? inner : hole(`<a href="${escapeHtml(href)}" ${LINK_ATTRS}>${inner}</a>`);
  const visit = (k: Tok): string => {
    switch (k.t) {
      case "text":
        return textPieces(k.raw, domains).map((p) =>
          p.t === "text" ? plainToHtml(p.p) : anchor(p.href, escapeHtml(p.text))
        )
          .join("");
      case "code":
        return hole(`<code>${escapeHtml(codeText(k))}</code>`);
      case "auto":
        return k.href ? anchor(k.href, escapeHtml(k.text)) : REMOVED;
      case "image":
        return k.src
          ? hole(
            `<img src="${escapeHtml(k.src)}" alt="${escapeHtml(k.alt)}" loading="lazy" referrerpolicy="no-referrer">`,
          )
          : escapeHtml(k.alt);
      case "link":
        return k.href ? anchor(k.href, inlineHtml(k.kids, domains, true)) : k.kids.map(visit).join("");
    }
  };
  return emphasis(toks.map(visit).join(""))
    .replace(/\n/g, "<br>")
    // deno-lint-ignore no-control-regex -- the holes' own markers, see above
    .replace(/\u0001(\d+)\u0002/g, (_, n) => holes[Number(n)]);
}

const HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST = /^( {0,3})([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;

/** Blocks of a renderer: paragraphs, headings (as bold lines), rules, quotes, lists, fenced code. */
export function renderBlocks(items: (string | Fence)[], ctx: Ctx, depth: number, tight = false): string {
  let html = "";
  let para: string[] = [];
  const inline = (src: string) => inlineHtml(tokenize(src, ctx), ctx.domains);
  const flush = () => {
    if (para.length) html += tight ? inline(para.join("\n")) : `<p>${inline(para.join("\n"))}</p>`;
    para = [];
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== "string") {
      flush();
      html += `<pre><code>${escapeHtml(item.body.join("\n"))}</code></pre>`;
      continue;
    }
    const heading = HEADING.exec(item), quote = QUOTE.exec(item), list = LIST.exec(item);
    if (!item.trim()) flush();
    else if (heading) flush(), html += `<p><strong>${inline(heading[1] ?? "")}</strong></p>`;
    else if (RULE.test(item)) flush(), html += "<hr>";
    else if (quote && depth < MAX_DEPTH) {
      flush();
      const inner: string[] = [];
      for (; i < items.length && typeof items[i] === "string" && QUOTE.test(items[i] as string); i++) {
        inner.push(QUOTE.exec(items[i] as string)![1]);
      }
      i--;
      html += `<blockquote>${renderBlocks(inner, ctx, depth + 1)}</blockquote>`;
    } else if (list && depth < MAX_DEPTH) {
      flush();
      const [end, listHtml] = renderList(items, i, ctx, depth);
      html += listHtml;
      i = end - 1;
    } else para.push(item);
  }
  flush();
  return html;
}

/** A list starting at `items[start]`: its HTML and the index after it. */
function renderList(items: (string | Fence)[], start: number, ctx: Ctx, depth: number): [number, string] {
  const first = LIST.exec(items[start] as string)!;
  const ordered = /\d/.test(first[2]);
  const bullet = first[2].slice(-1);
  const entries: string[][] = [];
  let indent = 0, i = start;
  const sameKind = (m: RegExpExecArray | null) =>
    m !== null && /\d/.test(m[2]) === ordered && m[2].slice(-1) === bullet && m[1].length < Math.max(indent, 1);
  const indentOf = (line: string) => /^\s*/.exec(line)![0].length;
  for (; i < items.length; i++) {
    const line = items[i];
    if (typeof line !== "string") break;
    const m = LIST.exec(line);
    if (sameKind(m)) {
      // A new item; its content starts after the marker and 1-4 spaces.
      indent = m![1].length + m![2].length + Math.min(Math.max((m![3] ?? " ").length, 1), 4);
      entries.push([m![4] ?? ""]);
    } else if (!line.trim()) {
      // A blank line inside a list: it goes on if the next text is indented into the item or is a sibling item.
      const next = items.slice(i + 1).find((x) => typeof x !== "string" || x.trim());
      if (typeof next !== "string" || !(indentOf(next) >= indent || sameKind(LIST.exec(next)))) break;
      entries.at(-1)!.push("");
    } else if (indentOf(line) >= indent) {
      entries.at(-1)!.push(line.slice(indent));
    } else if (entries.at(-1)!.at(-1) && !m && !HEADING.test(line) && !QUOTE.test(line) && !RULE.test(line)) {
      entries.at(-1)!.push(line.trim()); // a lazy continuation line
    } else break;
  }
  const startNo = ordered ? parseInt(first[2], 10) : 1;
  const open = ordered ? (startNo === 1 ? "<ol>" : `<ol start="${startNo}">`) : "<ul>";
  const body = entries.map((lines) => {
    while (lines.length > 1 && !lines.at(-1)) lines.pop();
    // Tight items (no blank line inside) are not wrapped in paragraphs, as in CommonMark.
    return `<li>${renderBlocks(lines, ctx, depth + 1, !lines.includes(""))}</li>`;
  }).join("");
  return [i, `${open}${body}${ordered ? "</ol>" : "</ul>"}`];
}
