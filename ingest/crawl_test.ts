import assert from "node:assert/strict";
import { ValidationError } from "../lib/errors.ts";
import type { Resolver } from "../lib/safe_fetch.ts";
import type { CrawlEvent, CrawlOptions, ParsedDocument } from "../models/ports/ingestor.ts";
import { layout, startFakeSite } from "../tests/fakes/site_server.ts";
import { createIngestor } from "./mod.ts";

async function crawl(start: string, opts: Partial<CrawlOptions> = {}, resolve?: Resolver) {
  const events: CrawlEvent[] = [];
  const ingestor = createIngestor({ allowLoopback: true, resolve });
  for await (const e of ingestor.crawl(start, { maxPages: 50, maxDepth: 3, allowLoopback: true, ...opts })) {
    events.push(e);
  }
  const pages = events.flatMap((e) => e.type === "page" ? [e.document] : []);
  const skipped = events.flatMap((e) => e.type === "skipped" ? [e] : []);
  const progress = events.flatMap((e) => e.type === "progress" ? [e] : []);
  return {
    events,
    pages,
    skipped,
    progress,
    paths: pages.map((p) => new URL(p.url!).pathname + new URL(p.url!).search),
  };
}

const byPath = (pages: ParsedDocument[], path: string) => pages.find((p) => new URL(p.url!).pathname === path);

Deno.test("crawl follows same-site links by depth, reads robots.txt and its sitemap, and keeps readable text", async () => {
  await using site = startFakeSite();
  const { pages, skipped, paths, events } = await crawl(`${site.origin}/`);
  assert.deepEqual(paths, ["/", "/docs/start", "/docs/billing", "/from-sitemap", "/docs/deep", "/docs/deeper"]);
  const home = byPath(pages, "/")!;
  assert.equal(home.title, "Acme Help");
  assert.equal(home.mediaType, "text/html");
  assert.match(home.text, /^# Welcome to Acme Help\n\nAnswers about orders, billing and shipping\./);
  for (const page of pages) {
    for (const chrome of ["footer boilerplate", "Sign in", "cookies", "Home Getting started", "Privacy"]) {
      assert.ok(!page.text.includes(chrome), `${page.url} keeps "${chrome}"`);
    }
  }
  // The canonical URL is used and the second address of the same page is reported as a duplicate.
  assert.equal(byPath(pages, "/docs/billing")!.url, `${site.origin}/docs/billing`);
  assert.ok(site.requests.includes("/docs/billing?ref=home"));
  assert.ok(skipped.some((s) => s.url === `${site.origin}/docs/billing` && /^already read as /.test(s.reason)));
  // robots.txt: the disallowed page is reported and never requested.
  assert.deepEqual(skipped.find((s) => s.url.endsWith("/private/secret"))?.reason, "disallowed by robots.txt");
  assert.ok(!site.requests.some((r) => r.startsWith("/private")));
  // Other content types are skipped with the type named.
  assert.equal(skipped.find((s) => s.url.endsWith("/files/guide.pdf"))?.reason, "not an HTML page (application/pdf)");
  // Off-site links are neither fetched nor reported.
  assert.ok(!JSON.stringify(events.filter((e) => e.type !== "page")).includes("elsewhere.example"));
});

Deno.test("crawl refuses redirects to the metadata and private addresses, reports them and goes on", async () => {
  await using site = startFakeSite();
  const { skipped, paths, events } = await crawl(`${site.origin}/`);
  const metadata = skipped.find((s) => s.url.endsWith("/go/metadata"));
  const internal = skipped.find((s) => s.url.endsWith("/go/private"));
  assert.match(metadata?.reason ?? "", /^Refused a redirect: .*link-local or cloud metadata/);
  assert.match(internal?.reason ?? "", /^Refused a redirect: .*private address/);
  // Pages after the refused ones were still crawled.
  const refusedAt = events.findIndex((e) => e.type === "skipped" && e.url.endsWith("/go/private"));
  assert.ok(events.slice(refusedAt).some((e) => e.type === "page"));
  assert.ok(paths.includes("/docs/deeper"));
});

Deno.test("crawl progress only grows and ends with done equal to total", async () => {
  await using site = startFakeSite();
  const { progress } = await crawl(`${site.origin}/`);
  assert.ok(progress.length > 5);
  for (let i = 1; i < progress.length; i++) {
    assert.ok(progress[i].done >= progress[i - 1].done, "done never shrinks");
    assert.ok(progress[i].total >= progress[i - 1].total, "total never shrinks");
  }
  assert.ok(progress.every((p) => p.done <= p.total));
  assert.equal(progress.at(-1)!.done, progress.at(-1)!.total);
});

Deno.test("crawl honours maxDepth and maxPages", async () => {
  await using site = startFakeSite();
  assert.deepEqual((await crawl(`${site.origin}/`, { maxDepth: 0 })).paths, ["/"]);
  const depth1 = await crawl(`${site.origin}/`, { maxDepth: 1 });
  assert.deepEqual(depth1.paths, ["/", "/docs/start", "/docs/billing", "/from-sitemap"]);
  const two = await crawl(`${site.origin}/`, { maxPages: 2 });
  assert.deepEqual(two.paths, ["/", "/docs/start"]);
});

Deno.test("crawl starts from a sitemap or a sitemap index", async () => {
  await using site = startFakeSite();
  assert.deepEqual((await crawl(`${site.origin}/sitemap.xml`, { maxDepth: 0 })).paths, [
    "/",
    "/docs/start",
    "/from-sitemap",
  ]);
  assert.deepEqual((await crawl(`${site.origin}/sitemap_index.xml`, { maxDepth: 0 })).paths, [
    "/docs/deep",
    "/from-sitemap",
  ]);
});

Deno.test("crawl treats www. as the same site, over a connection pinned to the checked address", async () => {
  await using site = startFakeSite({
    "/robots.txt": () => new Response("User-agent: *\nAllow: /\n"),
    "/": (_req, url) => {
      const docs = `<a href="http://www.acme.test:${url.port}/from-sitemap">More</a>`;
      return new Response(layout("Home", `<h1>Home</h1><p>${docs}</p>`), { headers: { "content-type": "text/html" } });
    },
  });
  // The names exist only in this resolver: the server is reached because safeFetch connects to what it checked.
  const resolve: Resolver = (host) => Promise.resolve(host.endsWith("acme.test") ? ["127.0.0.1"] : []);
  const { pages } = await crawl(`http://acme.test:${site.port}/`, { maxDepth: 1 }, resolve);
  assert.deepEqual(pages.map((p) => p.url), [
    `http://acme.test:${site.port}/`,
    `http://acme.test:${site.port}/docs/start`,
    `http://www.acme.test:${site.port}/from-sitemap`,
  ]);
  assert.ok(site.hosts.includes(`www.acme.test:${site.port}`));
});

Deno.test("crawl refuses an unsafe start URL before fetching anything", async () => {
  await using site = startFakeSite();
  for (const start of ["http://169.254.169.254/", "http://10.0.0.1/", "file:///etc/passwd"]) {
    const e = await crawl(start).then(() => null, (e) => e);
    assert.ok(e instanceof ValidationError && e.code === "unsafe_url", String(e));
  }
  const strict = createIngestor({ allowLoopback: false }).crawl(`${site.origin}/`, {
    maxPages: 5,
    maxDepth: 1,
    allowLoopback: true,
  });
  const e = await strict[Symbol.asyncIterator]().next().then(() => null, (e) => e);
  assert.ok(e instanceof ValidationError, "loopback needs the adapter's consent too");
  assert.deepEqual(site.requests, []);
});

Deno.test("crawl stops when its signal aborts", async () => {
  await using site = startFakeSite();
  const controller = new AbortController();
  const ingestor = createIngestor({ allowLoopback: true });
  const seen: CrawlEvent[] = [];
  const run = async () => {
    for await (
      const e of ingestor.crawl(`${site.origin}/`, {
        maxPages: 50,
        maxDepth: 3,
        allowLoopback: true,
        signal: controller.signal,
      })
    ) {
      seen.push(e);
      if (e.type === "page") controller.abort();
    }
  };
  await assert.rejects(run, { name: "AbortError" });
  assert.equal(seen.filter((e) => e.type === "page").length, 1);
  assert.equal(site.requests.length, 2, "robots.txt and the start page only");
});

Deno.test("crawl stays away when robots.txt is unreachable (HTTP 5xx), as RFC 9309 asks", async () => {
  await using site = startFakeSite({ "/robots.txt": () => new Response("down", { status: 503 }) });
  const { pages, skipped } = await crawl(`${site.origin}/`);
  assert.equal(pages.length, 0);
  assert.deepEqual(skipped.map((s) => s.reason), ["robots.txt answered HTTP 503"]);
  assert.deepEqual(site.requests, ["/robots.txt"]);
});

Deno.test("crawl follows a page of links (a category listing articles) without indexing it", async () => {
  const hub = layout(
    "Topics",
    `<h1>Topics</h1><ul>${
      ["/docs/start", "/docs/billing", "/docs/deep", "/docs/deeper", "/from-sitemap"]
        .map((href) => `<li><a href="${href}">Everything about ${href.split("/").pop()}</a></li>`).join("")
    }</ul>`,
  );
  await using site = startFakeSite({
    "/topics": () => new Response(hub, { headers: { "content-type": "text/html" } }),
  });
  const { paths, skipped } = await crawl(`${site.origin}/topics`, { maxDepth: 1 });
  assert.ok(!paths.includes("/topics"), paths.join(" "));
  assert.ok(paths.includes("/docs/start") && paths.includes("/docs/deeper"), paths.join(" "));
  assert.equal(
    skipped.find((s) => s.url === `${site.origin}/topics`)?.reason,
    "a page of links to other pages: those are read instead",
  );
  // Not followed (depth 0), it is all there is: it is read.
  assert.deepEqual((await crawl(`${site.origin}/topics`, { maxDepth: 0 })).paths, ["/topics"]);
});
