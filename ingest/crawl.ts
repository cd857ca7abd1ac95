/**
 * The website crawler: breadth-first over same-site links from a start page
 * or sitemap, honouring robots.txt, one request at a time (polite by
 * construction), every request through `safeFetch`. It reports as it goes:
 * `progress`, one `page` per readable HTML page, `skipped` with a reason for
 * everything it would not or could not read.
 *
 * @module
 */
import { assertPublicUrl } from "../lib/safe_fetch.ts";
import type { CrawlEvent, CrawlOptions } from "../models/ports/ingestor.ts";
import { failureReason, type Fetcher, fetchPage } from "./fetch_page.ts";
import { readHtml } from "./html.ts";
import { ALLOW_ALL, parseRobots, type Robots } from "./robots.ts";
import { pageKey, sameSite } from "./site.ts";
import { parseSitemap } from "./sitemap.ts";

/** Crawler settings beyond the per-crawl options. */
export type CrawlerSettings = Omit<Fetcher, "allowLoopback" | "signal">;

// Child sitemaps read from one index, and how deep indexes may nest.
const MAX_CHILD_SITEMAPS = 50;
const MAX_SITEMAP_NESTING = 2;

/** Reads robots.txt; a reason string when the site asks us to stay away (unreachable: RFC 9309). */
async function loadRobots(start: URL, f: Fetcher): Promise<Robots | string> {
  try {
    const res = await fetchPage(new URL("/robots.txt", start), "text", f);
    if (res.kind === "text") return parseRobots(res.body);
    return res.status >= 500 ? `robots.txt answered HTTP ${res.status}` : ALLOW_ALL;
  } catch (e) {
    f.signal?.throwIfAborted();
    return `robots.txt could not be read: ${failureReason(e)}`;
  }
}

/** Page URLs listed by a sitemap (following indexes), same-site only, at most `limit`. */
async function sitemapPages(xml: string, start: URL, f: Fetcher, limit: number, nesting = 0): Promise<URL[]> {
  const { pages, sitemaps } = parseSitemap(xml);
  const urls = pages.filter((p) => URL.canParse(p)).map((p) => new URL(p)).filter((u) => sameSite(u, start));
  for (const child of sitemaps.slice(0, MAX_CHILD_SITEMAPS)) {
    if (urls.length >= limit || nesting >= MAX_SITEMAP_NESTING || !URL.canParse(child)) break;
    if (!sameSite(new URL(child), start)) continue;
    const res = await fetchPage(new URL(child), "sitemap", f).catch(() => null);
    if (res?.kind === "sitemap") urls.push(...await sitemapPages(res.body, start, f, limit - urls.length, nesting + 1));
  }
  return urls.slice(0, limit);
}

/** Crawls a site; see the module doc. Throws `ValidationError` for an unsafe start URL. */
export async function* crawlSite(
  startUrl: string,
  opts: CrawlOptions,
  settings: CrawlerSettings,
): AsyncGenerator<CrawlEvent> {
  const f: Fetcher = { ...settings, allowLoopback: opts.allowLoopback, signal: opts.signal };
  const start = await assertPublicUrl(startUrl, f);
  const maxFetches = opts.maxPages * 3 + 10; // skipped links must not keep a crawl going forever
  const seen = new Set<string>(), emitted = new Set<string>();
  let level: URL[] = [], next: URL[] = [];
  let pages = 0, done = 0, fetches = 0, shownTotal = 0;
  const enqueue = (url: URL, into: URL[]) => {
    if (!sameSite(url, start) || seen.has(pageKey(url))) return;
    seen.add(pageKey(url));
    into.push(url);
  };
  const progress = (final = false): CrawlEvent => {
    // Never shrinks: what is left is at most the known URLs and at most the pages still allowed.
    const estimate = Math.min(seen.size, done + opts.maxPages - pages);
    shownTotal = Math.max(shownTotal, done, final ? 0 : estimate);
    return { type: "progress", done: final ? shownTotal : done, total: shownTotal };
  };
  const robots = await loadRobots(start, f);
  if (typeof robots === "string") {
    done++;
    yield { type: "skipped", url: start.href, reason: robots };
    yield progress(true);
    return;
  }
  enqueue(start, level);
  yield progress();
  let startIsPage = true;
  for (let depth = 0; level.length && depth <= opts.maxDepth; depth++, level = next, next = []) {
    for (const url of level) {
      if (pages >= opts.maxPages || fetches >= maxFetches) break;
      opts.signal?.throwIfAborted();
      const skipped = (reason: string, at = url): CrawlEvent => {
        done++;
        return { type: "skipped", url: at.href, reason };
      };
      if (!robots.isAllowed(url)) {
        yield skipped("disallowed by robots.txt");
        yield progress();
        continue;
      }
      fetches++;
      const isStart = depth === 0 && url === start;
      const res = await fetchPage(url, isStart ? "sitemap" : "html", f).catch((e) => {
        opts.signal?.throwIfAborted();
        return { kind: "error", url, reason: failureReason(e) } as const;
      });
      if (res.kind === "sitemap") {
        // A sitemap start URL: its pages join this first level (the loop sees what is pushed).
        startIsPage = false;
        const limit = opts.maxPages * 3;
        for (const page of await sitemapPages(res.body, start, f, limit)) enqueue(page, level);
        done++;
        yield progress();
        continue;
      }
      if (res.kind === "error" || res.kind === "skip") yield skipped(res.reason, res.url);
      else if (!sameSite(res.url, start)) yield skipped(`redirected off-site to ${res.url.href}`);
      else if (!robots.isAllowed(res.url)) yield skipped("redirected to a page disallowed by robots.txt", res.url);
      else {
        seen.add(pageKey(res.url));
        const page = readHtml(res.body, res.url.href);
        const canonical = page.canonical && sameSite(page.canonical, start) ? page.canonical : res.url;
        const following = depth < opts.maxDepth && !page.nofollow;
        if (page.noindex) yield skipped("the page asks not to be indexed (meta robots)", canonical);
        // A page that lists other pages (a help centre's home or a category) matches every question and answers none:
        // the pages it links to are read instead. Kept when its links are not followed, as it is then all there is.
        else if (page.index && following) {
          yield skipped("a page of links to other pages: those are read instead", canonical);
        } else if (emitted.has(pageKey(canonical))) yield skipped(`already read as ${canonical.href}`, res.url);
        else if (!page.text.trim()) yield skipped("no readable text", canonical);
        else {
          emitted.add(pageKey(canonical));
          pages++;
          done++;
          const title = page.title || page.text.match(/^#+ (.+)$/m)?.[1] || canonical.pathname;
          const document = { title, url: canonical.href, text: page.text, mediaType: "text/html" as const };
          yield { type: "page", document };
        }
        if (following) { for (const link of page.links) enqueue(link, next); }
      }
      yield progress();
    }
    // Pages a robots.txt sitemap lists count as one link away from the start page.
    if (depth === 0 && startIsPage && opts.maxDepth > 0) {
      for (const sm of robots.sitemaps.filter((s) => URL.canParse(s) && sameSite(new URL(s), start))) {
        const res = await fetchPage(new URL(sm), "sitemap", f).catch(() => null);
        if (res?.kind === "sitemap") {
          for (const p of await sitemapPages(res.body, start, f, opts.maxPages * 3)) enqueue(p, next);
        }
      }
    }
  }
  yield progress(true);
}
