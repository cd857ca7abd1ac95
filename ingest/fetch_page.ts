/**
 * One polite, SSRF-safe GET for the crawler, answered as what the crawler
 * needs to decide: a page (HTML text), a sitemap, or a reason to skip.
 *
 * @module
 */
import { AppError } from "../lib/errors.ts";
import { readLimited, type Resolver, safeFetch } from "../lib/safe_fetch.ts";
import { isSitemap } from "./sitemap.ts";

/** How the crawler fetches. */
export interface Fetcher {
  allowLoopback: boolean;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  resolve?: Resolver;
}

/** The outcome of one fetch. */
export type Fetched =
  | { kind: "html" | "sitemap" | "text"; url: URL; status: number; body: string }
  | { kind: "skip"; url: URL; status: number; reason: string };

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)$/;
const XML_TYPES = /^(application|text)\/xml$|\+xml$/;

function decode(bytes: Uint8Array, contentType: string): string {
  const charset = /charset="?([\w-]+)/i.exec(contentType)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder().decode(bytes); // an unknown label: UTF-8 is the web's default
  }
}

/** Why a fetch failed, in words for the crawl log. */
export function failureReason(e: unknown): string {
  if (e instanceof AppError) return e.message;
  if (e instanceof DOMException && e.name === "TimeoutError") return "the request timed out";
  return `the request failed (${e instanceof Error ? e.message.split("\n")[0].slice(0, 160) : String(e)})`;
}

/**
 * GETs `url`. `accept` says what the caller can use: robots.txt wants `text`,
 * a page `html` (or `sitemap` for the start URL).
 */
export async function fetchPage(url: URL, accept: "html" | "sitemap" | "text", f: Fetcher): Promise<Fetched> {
  const { response, url: finalUrl } = await safeFetch(url, {
    headers: { "user-agent": f.userAgent, accept: accept === "html" ? "text/html,application/xhtml+xml" : "*/*" },
    signal: f.signal,
  }, { allowLoopback: f.allowLoopback, resolve: f.resolve, fetch: f.fetch, timeoutMs: f.timeoutMs });
  const status = response.status;
  const contentType = response.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  const skip = async (reason: string): Promise<Fetched> => {
    await response.body?.cancel();
    return { kind: "skip", url: finalUrl, status, reason };
  };
  if (status < 200 || status > 299) return await skip(`HTTP ${status}`);
  const wantsXml = accept === "sitemap" && (XML_TYPES.test(type) || /\.xml$/i.test(finalUrl.pathname));
  if (accept !== "text" && type && !HTML_TYPES.test(type) && !wantsXml) return await skip(`not an HTML page (${type})`);
  const body = decode(await readLimited(response, f.maxBytes), contentType);
  if (accept === "text") return { kind: "text", url: finalUrl, status, body };
  if (accept === "sitemap" && isSitemap(body)) return { kind: "sitemap", url: finalUrl, status, body };
  // No Content-Type at all: look at the bytes before calling it HTML.
  if (!HTML_TYPES.test(type) && !/<(!doctype html|html|head|body)[\s>]/i.test(body.slice(0, 2048))) {
    return { kind: "skip", url: finalUrl, status, reason: `not an HTML page (${type || "unknown type"})` };
  }
  return { kind: "html", url: finalUrl, status, body };
}
