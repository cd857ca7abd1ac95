import assert from "node:assert/strict";
import { readHtml } from "./html.ts";

const PAGE = `<!doctype html><html><head><title> Refunds  | Acme Help </title>
<link rel="canonical" href="/help/refunds"><style>body{color:red}</style></head>
<body><header class="site-header"><a href="/">Acme</a> Sign in</header>
<nav><a href="/help/shipping">Shipping</a><a href="https://elsewhere.example/x">Partner</a></nav>
<div id="cookie-consent">We use cookies. <button>Accept</button></div>
<main><article><header><h1>Refunds &amp; returns</h1></header>
<p>You can  ask for a <b>refund</b>
within 30 days.<br>Keep the receipt.</p>
<ol><li>Open <a href="/orders#recent">your orders</a></li><li>Pick the item<ul><li>Unused only</li></ul></li></ol>
<table><thead><tr><th>Plan</th><th>Window</th></tr></thead><tr><td>Basic</td><td>30 days</td></tr></table>
<pre>refund --order 42</pre>
<form><input name="q"><button>Search</button></form>
<aside>Related: <a href="/help/exchanges">Exchanges</a></aside>
<h2>Contact</h2><div><div>Mail <a href="mailto:help@acme.test">help@acme.test</a>.</div></div>
<p hidden>secret hidden text</p><script>document.write("tracking")</script>
</article></main><footer>© Acme footer links</footer></body></html>`;

Deno.test("readHtml keeps the readable content as Markdown-ish text and drops boilerplate", () => {
  const page = readHtml(PAGE, "https://acme.test/help/refunds?ref=nav#top");
  assert.equal(page.title, "Refunds | Acme Help");
  assert.equal(
    page.text,
    [
      "# Refunds & returns",
      "You can ask for a refund within 30 days. Keep the receipt.",
      "- Open your orders\n- Pick the item\n  - Unused only",
      "Plan | Window\nBasic | 30 days",
      "```\nrefund --order 42\n```",
      "## Contact",
      "Mail help@acme.test.",
    ].join("\n\n"),
  );
  for (const gone of ["Sign in", "cookies", "Search", "Related", "footer", "secret", "tracking", "color:red"]) {
    assert.ok(!page.text.includes(gone), `${gone} should be dropped`);
  }
});

Deno.test("readHtml collects links from the whole page, navigation included, and resolves the canonical URL", () => {
  const page = readHtml(PAGE, "https://acme.test/help/refunds?ref=nav#top");
  assert.equal(page.canonical?.href, "https://acme.test/help/refunds");
  assert.deepEqual(page.links.map(String), [
    "https://acme.test/",
    "https://acme.test/help/shipping",
    "https://elsewhere.example/x",
    "https://acme.test/orders",
    "https://acme.test/help/exchanges",
  ]);
  assert.equal(page.noindex, false);
});

Deno.test("readHtml honours meta robots, rel=nofollow and <base href>, and reads fragments", () => {
  const page = readHtml(
    `<html><head><base href="https://cdn.acme.test/docs/"><meta name="robots" content="NOINDEX, nofollow"></head>
     <body><a href="intro">Intro</a><a rel="nofollow ugc" href="/spam">x</a><a href="javascript:alert(1)">y</a>
     <p>Body</p></body></html>`,
    "https://acme.test/",
  );
  assert.deepEqual([page.noindex, page.nofollow], [true, true]);
  assert.deepEqual(page.links.map(String), ["https://cdn.acme.test/docs/intro"]);
  assert.equal(readHtml("<p>Just a <em>fragment</em></p>").text, "Just a fragment");
});

Deno.test("readHtml tells a page of links (a help centre's home or category) from an article that links", () => {
  const list = (n: number) =>
    `<ul>${
      Array.from({ length: n }, (_, i) => `<li><a href="/help/a${i}">How to do thing ${i}</a></li>`).join("")
    }</ul>`;
  const hub = readHtml(`<main><h1>How can we help?</h1><p>Browse the articles.</p>${list(6)}</main>`);
  assert.equal(hub.index, true);
  // An article with a few links in its text, or a short list of related links at its end, is not one.
  assert.equal(readHtml(PAGE).index, false);
  const article = readHtml(
    `<main><h1>Refunds</h1><p>${"You can ask for a refund within thirty days of delivery. ".repeat(8)}</p>${
      list(5)
    }</main>`,
  );
  assert.equal(article.index, false);
  assert.equal(readHtml(`<main><h1>See also</h1>${list(4)}</main>`).index, false);
});
