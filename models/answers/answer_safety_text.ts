/**
 * Characters and URLs for the answer sanitiser ({@link ./answer_safety.ts}):
 * HTML escaping, entity and backslash-escape decoding, the link allowlist,
 * and bare URLs in text. Pure TypeScript, no dependencies.
 *
 * @module
 */

/** What replaces a link whose text is its URL when the URL is not allowed. */
export const REMOVED = "(link removed)";
/** One ASCII punctuation character: what a backslash can escape in markdown. */
export const PUNCT = /^[!-/:-@[-`{-~]$/;
// Controls (but tab and newline) and bidi overrides, which can make text read differently than it parses.
// deno-lint-ignore no-control-regex -- control characters are what it matches
export const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;
// The named references answers use, and those that spell markdown syntax (a decoded "[" must stay text).
const NAMED: Record<string, string> = Object.fromEntries(
  ("amp=& lt=< gt=> quot=\" apos=' nbsp=\u00a0 copy=© reg=® trade=™ hellip=… mdash=— ndash=– lsquo=‘ rsquo=’ " +
    "ldquo=“ rdquo=” bull=• middot=· euro=€ pound=£ yen=¥ cent=¢ deg=° times=× rarr=→ larr=← colon=: sol=/ " +
    "bsol=\\ lpar=( rpar=) lsqb=[ rsqb=] excl=! grave=`")
    .split(" ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
);
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML text or attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Is `host` (lowercase, punycode) on the allowlist? */
function allowedHost(host: string, domains: string[]): boolean {
  return domains.some((entry) => {
    let d = entry.trim().toLowerCase();
    if (d.includes("/")) d = URL.canParse(d) ? new URL(d).hostname : "";
    d = d.replace(/\.$/, "");
    if (!d) return false;
    if (d.startsWith("*.")) return host === d.slice(2) || host.endsWith(d.slice(1));
    return host === d || host === `www.${d}`;
  });
}

/** The normalised URL when `url` (already decoded) is http(s) to an allowed host; null otherwise. */
function vetUrl(url: string, domains: string[], image: boolean): string | null {
  // Browsers drop tabs and newlines anywhere in a URL and C0/space at its ends: do the same before looking.
  // deno-lint-ignore no-control-regex -- as the WHATWG URL parser trims them
  const s = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  if (!/^https?:/i.test(s) || !URL.canParse(s)) return null;
  const u = new URL(s);
  if (u.protocol !== "https:" && (image || u.protocol !== "http:")) return null;
  if (u.username || u.password) return null;
  const host = u.hostname.replace(/\.$/, "");
  // Only plain (punycode) names: no IPv6 literals, and nothing an entity decoder could turn into "/" or "@".
  if (!/^[a-z0-9.-]+$/.test(host) || !allowedHost(host, domains)) return null;
  return u.href;
}

/** A link destination as written in markdown: entities and backslash escapes decoded, then vetted. */
export function vetDest(raw: string, domains: string[], image: boolean): string | null {
  return vetUrl(decodeText(raw).s, domains, image);
}
/** Decoded text; `esc[i]` marks characters that came from an escape or entity (never syntax). */
export interface Plain {
  s: string;
  esc: boolean[];
}

/** Decodes backslash escapes and character references of markdown text. */
export function decodeText(raw: string): Plain {
  let s = "";
  const esc: boolean[] = [];
  const put = (ch: string, escaped: boolean) => {
    s += ch;
    for (let k = 0; k < ch.length; k++) esc.push(escaped);
  };
  for (let i = 0; i < raw.length;) {
    if (raw[i] === "\\" && PUNCT.test(raw[i + 1] ?? "")) {
      put(raw[i + 1], true), i += 2;
      continue;
    }
    ENTITY.lastIndex = i;
    const m = raw[i] === "&" ? ENTITY.exec(raw) : null;
    const ch = m ? entityChar(m) : null;
    if (m && ch !== null) put(ch, true), i += m[0].length;
    else put(raw[i], false), i++;
  }
  return { s, esc };
}

function entityChar(m: RegExpExecArray): string | null {
  if (m[3]) return NAMED[m[3]] ?? null;
  const code = m[1] ? parseInt(m[1], 10) : parseInt(m[2], 16);
  // A decoded newline could start a new markdown block (a heading, a link definition): make it a space.
  if (code <= 0x20 || (code >= 0x7f && code <= 0x9f)) return " ";
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
  return String.fromCodePoint(code);
}

/** Text, or a bare URL that may stay a link. */
export type Piece = { t: "text"; p: Plain } | { t: "url"; text: string; href: string };

/** Splits decoded text around bare URLs (which GFM would link): allowed ones stay, others are replaced. */
export function textPieces(raw: string, domains: string[]): Piece[] {
  const p = decodeText(raw);
  const out: Piece[] = [];
  let last = 0;
  const pushText = (from: number, to: number, replacement?: string) => {
    if (replacement !== undefined) {
      out.push({
        t: "text",
        p: { s: replacement, esc: [...replacement].map(() => false) },
      });
    } else if (to > from) out.push({ t: "text", p: { s: p.s.slice(from, to), esc: p.esc.slice(from, to) } });
  };
  for (const m of p.s.matchAll(/(?:https?:\/\/|www\.)[^\s<>]*/gi)) {
    let url = m[0];
    while (/[?!.,:;*_~'"]$/.test(url) || (url.endsWith(")") && count(url, "(") < count(url, ")"))) {
      url = url.slice(0, -1);
    }
    if (url.length < 5) continue;
    pushText(last, m.index);
    const href = vetUrl(/^www\./i.test(url) ? `https://${url}` : url, domains, false);
    if (href) out.push({ t: "url", text: url, href });
    else pushText(0, 0, REMOVED);
    last = m.index + url.length;
  }
  pushText(last, p.s.length);
  // Schemes that run code are harmless in plain text, but defang them for renderers that "linkify".
  for (const piece of out) {
    if (piece.t === "text") {
      piece.p.s = piece.p.s.replace(
        /(?:java|vb|live)script:|data:(?=[\w.+-]+\/)|file:(?=\/)/gi,
        (x) => `${x.slice(0, -1)}：`,
      );
    }
  }
  return out;
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
/** Text with nothing escaped. */
export function plain(s: string): Plain {
  return { s, esc: Array.from({ length: s.length }, () => false) };
}
