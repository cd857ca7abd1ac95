/**
 * What "the same site" means for a crawl: the same host, with or without a
 * leading `www.`, on the same explicit port; http and https count as one.
 * Subdomains (docs.example.com from example.com) are other sites: telling a
 * registrable domain apart needs the public suffix list, and crawling one
 * host too few is safer than crawling a hosting provider's other customers.
 *
 * @module
 */

/** The host without a leading `www.`. */
function siteHost(url: URL): string {
  return url.hostname.replace(/^www\./, "").replace(/\.$/, "");
}

/** True when both URLs belong to the same site. */
export function sameSite(a: URL, b: URL): boolean {
  return siteHost(a) === siteHost(b) && a.port === b.port;
}

/** The key that identifies a page within a crawl: scheme, `www.` and fragment ignored. */
export function pageKey(url: URL): string {
  return `${siteHost(url)}:${url.port}${url.pathname}${url.search}`;
}
