/**
 * The Ingestor port: turning what a business gives us (a file, a website)
 * into readable documents. Adapters live in `ingest/` (crawler, parsers);
 * chunking is domain logic in `chunking.ts`.
 *
 * @module
 */

/** A readable document: text with its headings kept as markdown `#` lines. */
export interface ParsedDocument {
  title: string;
  /** Canonical URL for web pages (citations link here). */
  url?: string;
  /** Markdown-ish text: `# Heading` lines, paragraphs separated by blank lines, `- ` list items. */
  text: string;
  /** What the bytes were found to be. */
  mediaType: "text/plain" | "text/markdown" | "text/html" | "application/pdf" | DocxType;
}

/** The DOCX media type. */
export type DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A piece of a document sized for retrieval, with the headings above it. */
export interface ChunkDraft {
  /** Heading path, outermost first ("Billing > Refunds"); "" when none. */
  heading: string;
  /** The chunk's text (without the heading line). */
  text: string;
  /** 0-based order within the document. */
  position: number;
}

/** Options of a crawl. */
export interface CrawlOptions {
  maxPages: number;
  maxDepth: number;
  /** Tests only: allow 127.0.0.0/8 and ::1 (never set in production). */
  allowLoopback: boolean;
  signal?: AbortSignal;
}

/** What a crawl reports as it goes. */
export type CrawlEvent =
  /** Pages known so far (discovered, capped at maxPages): for progress bars. */
  | { type: "progress"; done: number; total: number }
  | { type: "page"; document: ParsedDocument }
  | { type: "skipped"; url: string; reason: string };

/** Reads files and websites. */
export interface Ingestor {
  /** Parses uploaded bytes; the type is sniffed from the content, the name only breaks ties. */
  parse(bytes: Uint8Array, filename?: string): Promise<ParsedDocument>;
  /** Crawls a site from a start URL or a sitemap URL, same-site only, honouring robots.txt. */
  crawl(startUrl: string, opts: CrawlOptions): AsyncIterable<CrawlEvent>;
}
