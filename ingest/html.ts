/**
 * HTML to readable Markdown-ish text with `linkedom` (a fast server-side DOM).
 * Boilerplate goes first (scripts, navigation, site header and footer, asides,
 * forms, cookie banners, hidden elements); then the main content is walked
 * block by block: headings become `#` lines, lists `- ` items, table rows
 * `a | b` lines, everything else paragraphs. Links are collected from the whole
 * page, navigation included, before anything is dropped: the crawler needs them.
 *
 * @module
 */
import { parseHTML } from "linkedom";

/** What a page says and where it points. */
export interface HtmlPage {
  title: string;
  text: string;
  /** `<link rel=canonical>` resolved against the page URL, when present and http(s). */
  canonical?: URL;
  /** Absolute http(s) link targets, fragments removed, in document order, deduplicated. */
  links: URL[];
  /** `<meta name=robots>` asks not to index this page / not to follow its links. */
  noindex: boolean;
  nofollow: boolean;
  /**
   * The main content is mostly links (at least {@link INDEX_LINK_SHARE} of its words are link text, in at least
   * {@link INDEX_MIN_LINKS} links): a home or category page listing articles. It names every topic and answers none.
   */
  index: boolean;
}

/** Share of the main content's words inside links from which a page is an index of other pages. */
const INDEX_LINK_SHARE = 0.6;
/** Links an index page holds at least (a short note with one link is not one). */
const INDEX_MIN_LINKS = 5;

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

// deno-fmt-ignore -- a block of selectors reads better than one per line
const DROP = [
  "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "nav", "aside", "form",
  "button", "select", "textarea", "input", "dialog", "[hidden]", "[aria-hidden=true]", "[role=navigation]",
  "[role=banner]", "[role=contentinfo]", "[role=complementary]", "[role=search]", "[role=dialog]", "[role=alertdialog]",
].join(",");
// Cookie and consent banners rarely have a role; their ids and classes say what they are.
const BANNER = /(^|[\s_-])(cookie|consent|gdpr|cookiebanner|cc-window)([\s_-]|$)/i;
// deno-fmt-ignore -- as above
const BLOCKS = new Set([
  "p", "div", "section", "article", "main", "header", "footer", "blockquote", "pre", "ul", "ol", "li", "table", "tr",
  "dl", "dt", "dd", "figure", "figcaption", "details", "summary", "address", "hr", "h1", "h2", "h3", "h4", "h5",
  "h6", "body", "center", "fieldset", "caption", "thead", "tbody", "tfoot",
]);

/** Collapses whitespace in inline content; `<br>` becomes a line break. */
function inline(node: Node): string {
  let out = "";
  for (const child of node.childNodes) {
    if (child.nodeType === 3) out += child.textContent ?? "";
    else if (child.nodeType === 1) out += (child as Element).localName === "br" ? "\n" : inline(child);
  }
  return out.replace(/[ \t\r\f\v\u00a0]+/g, " ").replace(/ *\n */g, "\n");
}

function walk(node: Element, out: string[], listDepth = 0): void {
  let buffer = "";
  const flush = () => {
    const text = buffer.replace(/[ \t\r\n\f\v\u00a0]+/g, " ").trim();
    if (text) out.push(text);
    buffer = "";
  };
  for (const child of node.childNodes) {
    if (child.nodeType === 3) buffer += child.textContent ?? "";
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    const tag = el.localName;
    if (!BLOCKS.has(tag)) {
      buffer += tag === "br" ? "\n" : inline(el);
      continue;
    }
    flush();
    const text = inline(el).replace(/\s+/g, " ").trim();
    if (/^h[1-6]$/.test(tag)) {
      if (text) out.push(`${"#".repeat(Number(tag[1]))} ${text}`);
    } else if (tag === "ul" || tag === "ol") listItems(el, out, listDepth);
    else if (tag === "table") tableRows(el, out);
    else if (tag === "pre") {
      const code = (el.textContent ?? "").replace(/^\n+|\s+$/g, "");
      if (code) out.push("```\n" + code + "\n```");
    } else if (tag === "blockquote") {
      if (text) out.push(`> ${text}`);
    } else if (tag !== "hr") walk(el, out, listDepth);
  }
  flush();
}

const LIST_LINE = /^ *- /;

function listItems(list: Element, out: string[], depth: number): void {
  const lines: string[] = [];
  for (const li of list.children) {
    if (li.localName !== "li") continue;
    const parts: string[] = [];
    walk(li, parts, depth + 1);
    // The item's own paragraphs on its line, then its nested lists (already "- " lines).
    const own = parts.filter((p) => !LIST_LINE.test(p)).join(" ");
    const nested = parts.filter((p) => LIST_LINE.test(p));
    if (own) lines.push(`${"  ".repeat(depth)}- ${own}`);
    lines.push(...nested);
  }
  if (lines.length) out.push(lines.join("\n"));
}

function tableRows(table: Element, out: string[]): void {
  const rows: string[] = [];
  for (const tr of table.querySelectorAll("tr")) {
    if (tr.closest("table") !== table) continue; // nested tables are read inside their cell
    const cells = [...tr.children].filter((c) => c.localName === "td" || c.localName === "th");
    const line = cells.map((c) => inline(c).replace(/\s+/g, " ").trim()).join(" | ");
    if (line.replace(/[ |]/g, "")) rows.push(line);
  }
  if (rows.length) out.push(rows.join("\n"));
}

function absolute(href: string | null | undefined, base: string): URL | undefined {
  if (!href || !URL.canParse(href.trim(), base)) return undefined;
  const url = new URL(href.trim(), base);
  url.hash = "";
  return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
}

/** Parses a page; `baseUrl` is where it was fetched from (links and canonical resolve against it). */
export function readHtml(html: string, baseUrl = "https://invalid.example/"): HtmlPage {
  // linkedom builds no document element for a fragment: give it the wrapper a browser would infer.
  const whole = /<html[\s>]/i.test(html) ? html : `<html><body>${html.replace(/<!doctype[^>]*>/i, "")}</body></html>`;
  const { document } = parseHTML(whole);
  const base = absolute(document.querySelector("base[href]")?.getAttribute("href"), baseUrl)?.href ?? baseUrl;
  const robots = (document.querySelector("meta[name=robots]")?.getAttribute("content") ?? "").toLowerCase();
  const seen = new Set<string>();
  const links: URL[] = [];
  for (const a of document.querySelectorAll("a[href]")) {
    const url = absolute(a.getAttribute("href"), base);
    if (url && !/\bnofollow\b/i.test(a.getAttribute("rel") ?? "") && !seen.has(url.href)) {
      seen.add(url.href);
      links.push(url);
    }
  }
  const canonical = absolute(document.querySelector("link[rel~=canonical]")?.getAttribute("href"), base);
  const title = (document.querySelector("title")?.textContent ?? "").replace(/\s+/g, " ").trim();
  for (const el of document.querySelectorAll(DROP)) el.remove();
  for (const el of document.querySelectorAll("[id],[class]")) {
    if (BANNER.test(`${el.getAttribute("id") ?? ""} ${el.getAttribute("class") ?? ""}`)) el.remove();
  }
  // A page header/footer is site chrome; an article's own header holds its title, so it stays.
  for (const el of document.querySelectorAll("header,footer,[role=banner],[role=contentinfo]")) {
    if (!el.parentElement?.closest("article,main,[role=main]")) el.remove();
  }
  const root = document.querySelector("main,[role=main]") ??
    (document.querySelectorAll("article").length === 1 ? document.querySelector("article") : null) ??
    (document.body?.firstChild ? document.body : document.documentElement); // linkedom invents an empty body
  const out: string[] = [];
  if (root) walk(root, out);
  const text = out.join("\n\n");
  const anchors = root ? [...root.querySelectorAll("a[href]")] : [];
  const linked = anchors.reduce((n, a) => n + wordCount(a.textContent ?? ""), 0);
  return {
    title,
    text,
    canonical,
    links,
    noindex: /\b(noindex|none)\b/.test(robots),
    nofollow: /\b(nofollow|none)\b/.test(robots),
    index: anchors.length >= INDEX_MIN_LINKS && linked >= INDEX_LINK_SHARE * wordCount(text),
  };
}
