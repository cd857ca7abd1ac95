/**
 * Serves an evaluation set as a help-centre website on 127.0.0.1 (port 0),
 * the way a business's real one looks to the crawler: a home page listing the
 * articles, each article in the site's chrome (header, navigation with every
 * article, cookie banner, footer), robots.txt and a sitemap.
 *
 * @module
 */
import { markdownToHtml } from "./markdown.ts";
import type { EvalSet } from "./sets.ts";

/** A running help centre; `await using` stops it. */
export interface HelpSite {
  origin: string;
  /** The URL of a page by slug. */
  urlOf(slug: string): string;
  [Symbol.asyncDispose](): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function layout(set: EvalSet, title: string, main: string): string {
  const nav = set.pages.map((p) => `<li><a href="${set.pathPrefix}${p.slug}">${esc(p.title)}</a></li>`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} | ${
    esc(set.product)
  } Help Center</title></head><body>
<header><a href="/">${esc(set.product)} Help Center</a> <a href="/login">Sign in</a></header>
<div class="cookie-consent">We use cookies to improve your experience. <button>Accept</button></div>
<nav aria-label="Articles"><ul>${nav}</ul></nav>
<main><article>${main}</article></main>
<footer>© ${esc(set.product)} · Privacy · Terms · Status</footer></body></html>`;
}

/** Starts the site for `set`. */
export function serveHelpSite(set: EvalSet): HelpSite {
  const bySlug = new Map(set.pages.map((p) => [p.slug, p]));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const url = new URL(req.url);
    const html = (body: string, status = 200) =>
      new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8" } });
    if (url.pathname === "/robots.txt") return new Response(`User-agent: *\nAllow: /\n`);
    if (url.pathname === "/sitemap.xml") {
      const locs = set.pages.map((p) => `<url><loc>${url.origin}${set.pathPrefix}${p.slug}</loc></url>`).join("");
      return new Response(
        `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs}</urlset>`,
        {
          headers: { "content-type": "application/xml" },
        },
      );
    }
    if (url.pathname === "/") {
      const list = set.pages.map((p) => `<li><a href="${set.pathPrefix}${p.slug}">${esc(p.title)}</a></li>`).join("");
      return html(
        layout(
          set,
          "Home",
          `<h1>How can we help?</h1><p>Browse the ${esc(set.product)} help articles.</p><ul>${list}</ul>`,
        ),
      );
    }
    const page = url.pathname.startsWith(set.pathPrefix) && bySlug.get(url.pathname.slice(set.pathPrefix.length));
    if (!page) return html(layout(set, "Not found", "<h1>Page not found</h1>"), 404);
    return html(layout(set, page.title, `<h1>${esc(page.title)}</h1>\n${markdownToHtml(page.body)}`));
  });
  const origin = `http://127.0.0.1:${server.addr.port}`;
  return {
    origin,
    urlOf: (slug) => `${origin}${set.pathPrefix}${slug}`,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}
