/**
 * A small fake website for crawler tests, served on 127.0.0.1 port 0: pages
 * at several link depths with site chrome (header, nav, footer, cookie banner),
 * robots.txt with a disallowed folder and a `Sitemap:` line, a sitemap and a
 * sitemap index, a canonical URL, a PDF, an off-site link, and redirects to the
 * cloud metadata address and to a private address. `requests` records every
 * path asked for, so tests can prove what was never fetched.
 *
 * @module
 */

/** A handler that replaces one path of the default site. */
export type Route = (req: Request, url: URL) => Response | Promise<Response>;

/** A running fake site; `await using` closes it. */
export interface FakeSite {
  origin: string;
  port: number;
  /** Paths requested (with query), in order; `host` header kept per request in `hosts`. */
  requests: string[];
  hosts: string[];
  [Symbol.asyncDispose](): Promise<void>;
}

const html = (body: string, init: ResponseInit = {}) =>
  new Response(body, { ...init, headers: { "content-type": "text/html; charset=utf-8", ...init.headers } });

/** A page in the site's layout: chrome around `main`, the links given inside it. */
export function layout(title: string, main: string, head = ""): string {
  return `<!doctype html><html><head><title>${title}</title>${head}</head><body>
<header><a href="/">Acme</a> Sign in to your account</header>
<nav><a href="/">Home</a> <a href="/docs/start">Getting started</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<main>${main}</main>
<footer>Acme footer boilerplate © 2026 · Privacy · Terms</footer></body></html>`;
}

const link = (href: string, text = href) => `<a href="${href}">${text}</a>`;

const PAGES: Record<string, string> = {
  "/": layout(
    "Acme Help",
    `<h1>Welcome to Acme Help</h1><p>Answers about orders, billing and shipping.</p><ul>
<li>${link("/docs/start")}</li><li>${link("/docs/billing?ref=home")}</li><li>${link("/private/secret")}</li>
<li>${link("/files/guide.pdf")}</li><li>${link("https://elsewhere.example/offsite")}</li>
<li>${link("/go/metadata")}</li><li>${link("/go/private")}</li></ul>`,
  ),
  "/docs/start": layout(
    "Getting started",
    `<h1>Getting started</h1><p>Create an account, then place your first order.</p>
<p>${link("/docs/deep", "Deeper guide")} and ${link("/docs/billing", "Billing")}.</p>`,
  ),
  "/docs/billing": layout(
    "Billing",
    `<h1>Billing</h1><p>Invoices are sent on the first of each month.</p>`,
    `<link rel="canonical" href="/docs/billing">`,
  ),
  "/docs/deep": layout("Deep", `<h1>Deep</h1><p>Depth two page. ${link("/docs/deeper")}</p>`),
  "/docs/deeper": layout("Deeper", `<h1>Deeper</h1><p>Depth three page.</p>`),
  "/from-sitemap": layout("From the sitemap", `<h1>Sitemap only</h1><p>No page links here.</p>`),
  "/private/secret": layout("Secret", `<h1>Secret</h1><p>Robots.txt keeps crawlers out of here.</p>`),
};

const urlset = (origin: string, paths: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
  paths.map((p) => `<url><loc>${origin}${p}</loc></url>`).join("") + `</urlset>`;

function defaultRoute(req: Request, url: URL): Response {
  const xml = (body: string) => new Response(body, { headers: { "content-type": "application/xml" } });
  switch (url.pathname) {
    case "/robots.txt":
      return new Response(`User-agent: *\nDisallow: /private\n\nSitemap: ${url.origin}/sitemap.xml\n`);
    case "/sitemap.xml":
      return xml(urlset(url.origin, ["/", "/docs/start", "/from-sitemap"]));
    case "/sitemap_index.xml":
      return xml(`<sitemapindex><sitemap><loc>${url.origin}/sitemap-docs.xml</loc></sitemap></sitemapindex>`);
    case "/sitemap-docs.xml":
      return xml(urlset(url.origin, ["/docs/deep", "/from-sitemap"]));
    case "/files/guide.pdf":
      return new Response("%PDF-1.4\n%fake\n", { headers: { "content-type": "application/pdf" } });
    case "/go/metadata":
      return new Response(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" } });
    case "/go/private":
      return new Response(null, { status: 302, headers: { location: "http://10.0.0.1/admin" } });
  }
  const page = PAGES[url.pathname];
  return page && req.method === "GET" ? html(page) : html("<h1>Not found</h1>", { status: 404 });
}

/** Starts the site; `routes` replace or add paths. */
export function startFakeSite(routes: Record<string, Route> = {}): FakeSite {
  const requests: string[] = [];
  const hosts: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const url = new URL(req.url);
    requests.push(url.pathname + url.search);
    hosts.push(req.headers.get("host") ?? "");
    return (routes[url.pathname] ?? defaultRoute)(req, url);
  });
  const port = server.addr.port;
  return { origin: `http://127.0.0.1:${port}`, port, requests, hosts, [Symbol.asyncDispose]: () => server.shutdown() };
}
