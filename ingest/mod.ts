/**
 * The Ingestor adapter: reads uploads (PDF, DOCX, HTML, Markdown, text) and
 * crawls websites, every request SSRF-checked. The composition root builds it
 * once with `createIngestor` and hands it to the models as `deps.ingestor`.
 *
 * @module
 */
import type { Resolver } from "../lib/safe_fetch.ts";
import type { CrawlEvent, CrawlOptions, Ingestor, ParsedDocument } from "../models/ports/ingestor.ts";
import { crawlSite } from "./crawl.ts";
import { parseDocument } from "./parse.ts";
import { BOT_NAME } from "./robots.ts";

/** How the ingestor reads and fetches. */
export interface IngestorOptions {
  /** Tests only: allow loopback addresses; a crawl needs this and its own `allowLoopback`. */
  allowLoopback: boolean;
  /** Sent with every crawl request; should contain `FrontdeskBot`, the token robots.txt rules name. */
  userAgent?: string;
  /** The fetch under `safeFetch` (tests). */
  fetch?: typeof fetch;
  /** DNS resolver (tests: map names to 127.0.0.1). */
  resolve?: Resolver;
  /** Largest upload read; default 10 MB. */
  maxDocumentBytes?: number;
  /** Largest page or sitemap read while crawling; default 5 MB. */
  maxPageBytes?: number;
  /** Per-request deadline while crawling, body included; default 15 s. */
  timeoutMs?: number;
}

/** The default User-Agent of crawl requests. */
const DEFAULT_USER_AGENT = `Mozilla/5.0 (compatible; ${BOT_NAME}/1.0)`;

/** Builds the Ingestor. */
export function createIngestor(opts: IngestorOptions): Ingestor {
  const settings = {
    userAgent: opts.userAgent ?? DEFAULT_USER_AGENT,
    fetch: opts.fetch,
    resolve: opts.resolve,
    timeoutMs: opts.timeoutMs ?? 15_000,
    maxBytes: opts.maxPageBytes ?? 5 * 1024 * 1024,
  };
  return {
    parse(bytes: Uint8Array, filename?: string): Promise<ParsedDocument> {
      return parseDocument(bytes, filename, opts.maxDocumentBytes ?? 10 * 1024 * 1024);
    },
    crawl(startUrl: string, crawl: CrawlOptions): AsyncIterable<CrawlEvent> {
      // Both the adapter and the call must allow loopback: one mistaken flag is not enough.
      return crawlSite(startUrl, { ...crawl, allowLoopback: opts.allowLoopback && crawl.allowLoopback }, settings);
    },
  };
}
