/**
 * What a browser downloads, counted as sent: each response's `Content-Length`
 * (the compressed size when it has a `Content-Encoding`), fetched with the
 * `Accept-Encoding` browsers send. Used by `deno task bench` (per dashboard page
 * and for the widget) and by the test that holds the widget to its budget over
 * the wire (`tests/widget/wire_size_test.ts`).
 *
 * A page's download is its stylesheets, module scripts and module preloads,
 * plus every module those import statically (followed through the bundles);
 * the widget's is the loader plus the chat bundle it imports and its imports.
 *
 * @module
 */

/** What browsers send. */
export const BROWSER_ACCEPT_ENCODING = "br, gzip, deflate";

/** One file as it went over the wire. */
export interface SentFile {
  url: string;
  /** Bytes of the body as sent (compressed when `encoding` is set). */
  bytes: number;
  /** The body decoded (what the browser runs). */
  text: string;
  /** `Content-Encoding`, or null for identity. */
  encoding: string | null;
  contentType: string;
  cacheControl: string | null;
}

/** Fetches `url` as a browser would and counts the bytes sent (the `Content-Length` the server declared). */
export async function fetchAsSent(url: string, headers: Record<string, string> = {}): Promise<SentFile> {
  const res = await fetch(url, { headers: { "accept-encoding": BROWSER_ACCEPT_ENCODING, ...headers } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  const text = await res.text(); // fetch decodes the body; the declared length is what travelled
  const declared = res.headers.get("content-length");
  const encoding = res.headers.get("content-encoding");
  if (declared === null && encoding) throw new Error(`GET ${url}: an encoded body without Content-Length`);
  return {
    url,
    bytes: declared === null ? new TextEncoder().encode(text).length : Number(declared),
    text,
    encoding,
    contentType: res.headers.get("content-type") ?? "",
    cacheControl: res.headers.get("cache-control"),
  };
}

/** The stylesheet, module script and module preload URLs of an HTML page, resolved against `base`. */
export function pageAssetUrls(html: string, base: string): { css: string[]; js: string[] } {
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
  const css: string[] = [];
  const js: string[] = [];
  for (const [tag] of html.matchAll(/<(link|script)\b[^>]*>/g)) {
    if (tag.startsWith("<link") && /\brel="stylesheet"/.test(tag)) css.push(attr(tag, "href")!);
    else if (tag.startsWith("<link") && /\brel="modulepreload"/.test(tag)) js.push(attr(tag, "href")!);
    else if (tag.startsWith("<script") && /\btype="module"/.test(tag) && attr(tag, "src")) js.push(attr(tag, "src")!);
  }
  const abs = (u: string) => new URL(u, base).href;
  return { css: [...new Set(css.map(abs))], js: [...new Set(js.map(abs))] };
}

/** The relative modules a bundle imports statically (`import"./x.js"`, `from"./x.js"`), resolved against `url`. */
export function staticImports(js: string, url: string): string[] {
  const out = new Set<string>();
  for (const m of js.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) out.add(new URL(m[1], url).href);
  return [...out];
}

/** Modules a bundle imports with `import("…")` from a literal URL on the same origin. */
export function dynamicImports(js: string, url: string): string[] {
  const out = new Set<string>();
  for (const m of js.matchAll(/\bimport\(\s*["'`]([^"'`$]+)["'`]\s*\)/g)) out.add(new URL(m[1], url).href);
  return [...out];
}

/** Fetches `urls` and every module they import statically, each once. */
async function withImports(urls: string[], headers: Record<string, string>): Promise<SentFile[]> {
  const seen = new Set<string>();
  const files: SentFile[] = [];
  let queue = urls;
  while (queue.length) {
    const next: string[] = [];
    for (const url of queue) {
      if (seen.has(url)) continue;
      seen.add(url);
      const file = await fetchAsSent(url, headers);
      files.push(file);
      next.push(...staticImports(file.text, url));
    }
    queue = next;
  }
  return files;
}

/** What one page downloads, as sent. */
export interface PageBytes {
  path: string;
  html: number;
  js: number;
  css: number;
  files: SentFile[];
}

/** The bytes `path` downloads on `origin`: its HTML, then its CSS and JavaScript (with imports). */
export async function pageBytes(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<PageBytes> {
  const page = await fetchAsSent(origin + path, headers);
  if (!page.contentType.startsWith("text/html")) throw new Error(`${path} is not a page (${page.contentType})`);
  const assets = pageAssetUrls(page.text, origin + path);
  const css = await withImports(assets.css, headers);
  const js = await withImports(assets.js, headers);
  const sum = (fs: SentFile[]) => fs.reduce((n, f) => n + f.bytes, 0);
  return { path, html: page.bytes, js: sum(js), css: sum(css), files: [...css, ...js] };
}

/** The widget's download, as sent: the loader, then the chat bundle it imports and that bundle's imports. */
export async function widgetBytes(origin: string): Promise<{ loader: SentFile; files: SentFile[]; total: number }> {
  const headers = { origin: "https://customer.example" };
  const loader = await fetchAsSent(`${origin}/widget.js`, headers);
  // The loader builds the chat's URL from its own origin: `${origin}/widget/chat-<hash>.js`.
  const chat = [...loader.text.matchAll(/\/widget\/([\w.-]+\.js)/g)].map((m) => `${origin}/widget/${m[1]}`);
  if (!chat.length) throw new Error("the loader names no chat bundle under /widget/");
  const rest = await withImports([...new Set(chat)], headers);
  const files = [loader, ...rest];
  return { loader, files, total: files.reduce((n, f) => n + f.bytes, 0) };
}
