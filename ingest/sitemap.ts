/**
 * Sitemaps (sitemaps.org): a `<urlset>` lists pages, a `<sitemapindex>` lists
 * more sitemaps. Only `<loc>` matters to us; the format is flat enough that a
 * pattern reads it without an XML parser.
 *
 * @module
 */
import { decodeXml } from "./xml.ts";

/** What one sitemap file lists. */
export interface Sitemap {
  /** Page URLs (from a `<urlset>`). */
  pages: string[];
  /** Child sitemap URLs (from a `<sitemapindex>`). */
  sitemaps: string[];
}

// The protocol's own cap per file.
const MAX_LOCS = 50_000;

/** True when the text looks like a sitemap rather than a page. */
export function isSitemap(text: string): boolean {
  return /<(urlset|sitemapindex)[\s>]/i.test(text.slice(0, 4096));
}

/** Reads the `<loc>` entries of a sitemap or sitemap index. */
export function parseSitemap(xml: string): Sitemap {
  const locs: string[] = [];
  for (const m of xml.matchAll(/<loc>\s*(?:<!\[CDATA\[)?\s*([^<\]]+?)\s*(?:\]\]>)?\s*<\/loc>/gi)) {
    locs.push(decodeXml(m[1]));
    if (locs.length >= MAX_LOCS) break;
  }
  const index = /<sitemapindex[\s>]/i.test(xml);
  return { pages: index ? [] : locs, sitemaps: index ? locs : [] };
}
