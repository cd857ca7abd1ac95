import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { safeUrl, sanitize } from "./sanitize.ts";

// A DOM for the sanitiser (it runs in the browser; linkedom stands in here).
const { document, Node } = parseHTML("<!doctype html><html><body></body></html>");
Object.assign(globalThis, { document, Node });

function clean(html: string): string {
  const div = document.createElement("div");
  div.append(sanitize(html));
  return div.innerHTML;
}

/** An element's attributes as a sorted record (serialisation order varies between DOMs). */
function attrs(html: string, selector: string): Record<string, string> {
  const div = document.createElement("div");
  div.append(sanitize(html));
  const el = div.querySelector(selector);
  assert.ok(el, `${selector} kept`);
  return Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]).sort());
}

Deno.test("safeUrl keeps http(s) only, resolved against the app", () => {
  assert.equal(safeUrl("https://shop.example/a?b=1"), "https://shop.example/a?b=1");
  assert.equal(safeUrl("/api/files/x", "https://app.example"), "https://app.example/api/files/x");
  for (const bad of ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<b>", "vbscript:x", "", null, 7]) {
    assert.equal(safeUrl(bad), null, String(bad));
  }
});

Deno.test("sanitize keeps formatting and safe links, forcing a new tab without opener", () => {
  const html = '<p>Refunds take <strong>5 days</strong>. <a href="https://help.example/r" onclick="x()">Read</a></p>';
  assert.match(clean(html), /^<p>Refunds take <strong>5 days<\/strong>\. <a [^>]+>Read<\/a><\/p>$/);
  assert.deepEqual(attrs(html, "a"), { href: "https://help.example/r", rel: "noopener noreferrer", target: "_blank" });
});

Deno.test("sanitize drops scripts, handlers, hostile URLs and foreign markup", () => {
  const out = clean(
    '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">click</a>' +
      '<svg><script>alert(4)</script></svg><iframe src="https://evil.example"></iframe>' +
      '<p style="position:fixed" class="x" id="y">ok</p><form action="https://evil.example"><b>in</b></form><!-- c -->',
  );
  assert.doesNotMatch(out, /script|onerror|javascript|svg|iframe|style=|class=|id=|<img|<form|<!--/i);
  assert.match(out, /<a>click<\/a>/);
  assert.match(out, /<p>ok<\/p>/);
  assert.match(out, /in/);
});

Deno.test("sanitize keeps https images without the referrer", () => {
  assert.deepEqual(attrs('<img src="https://cdn.example/a.png" alt="A" width="9000">', "img"), {
    alt: "A",
    referrerpolicy: "no-referrer",
    src: "https://cdn.example/a.png",
  });
});
