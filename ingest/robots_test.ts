import assert from "node:assert/strict";
import { parseRobots } from "./robots.ts";
import { parseSitemap } from "./sitemap.ts";

const allowed = (robots: ReturnType<typeof parseRobots>, path: string) =>
  robots.isAllowed(new URL(path, "https://acme.test"));

Deno.test("robots.txt: the longest matching rule wins, Allow wins a tie, * and $ work", () => {
  const robots = parseRobots(`
# comment
User-agent: *
Disallow: /private
Allow: /private/faq
Disallow: /*.pdf$
Disallow: /tmp*/cache
Allow: /same
Disallow: /same
Disallow:

Sitemap: https://acme.test/sitemap.xml
`);
  assert.equal(allowed(robots, "/"), true);
  assert.equal(allowed(robots, "/private"), false);
  assert.equal(allowed(robots, "/private/secret"), false);
  assert.equal(allowed(robots, "/private/faq"), true);
  assert.equal(allowed(robots, "/files/a.pdf"), false);
  assert.equal(allowed(robots, "/files/a.pdf?x=1"), true, "$ anchors the end, query included");
  assert.equal(allowed(robots, "/tmp123/cache/x"), false);
  assert.equal(allowed(robots, "/same"), true);
  assert.equal(allowed(robots, "/robots.txt"), true);
  assert.deepEqual(robots.sitemaps, ["https://acme.test/sitemap.xml"]);
});

Deno.test("robots.txt: a group naming FrontdeskBot replaces the * group; grouped agents share rules", () => {
  const text = `User-agent: *\nDisallow: /\n\nUser-agent: OtherBot\nUser-agent: frontdeskbot\nDisallow: /admin\n`;
  const robots = parseRobots(text);
  assert.equal(allowed(robots, "/docs"), true);
  assert.equal(allowed(robots, "/admin/x"), false);
  assert.equal(allowed(parseRobots(text, "SomeoneElse"), "/docs"), false);
  assert.equal(allowed(parseRobots("Disallow: /ungrouped\n"), "/ungrouped"), true, "rules outside a group are ignored");
});

Deno.test("sitemaps: urlset pages and sitemap index children, entities decoded", () => {
  const set = parseSitemap(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc> https://acme.test/a?x=1&amp;y=2 </loc></url><url><loc><![CDATA[https://acme.test/b]]></loc></url></urlset>`);
  assert.deepEqual(set, { pages: ["https://acme.test/a?x=1&y=2", "https://acme.test/b"], sitemaps: [] });
  const index = parseSitemap(`<sitemapindex><sitemap><loc>https://acme.test/s1.xml</loc></sitemap></sitemapindex>`);
  assert.deepEqual(index, { pages: [], sitemaps: ["https://acme.test/s1.xml"] });
});
