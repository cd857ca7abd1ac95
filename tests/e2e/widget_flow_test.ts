/**
 * The embeddable widget on a customer's page, in a real browser: the page is
 * served from a second local server (another origin) with hostile CSS; the
 * visitor opens the widget by its accessible name, asks a question the
 * agent's website answers, sees the answer stream in with its source, comes
 * back after a reload to the same history, gets a live staff reply (named,
 * with Read receipts), and sends hostile markup that stays inert text. Only
 * `window.Frontdesk` is added to the page. Screenshots:
 * `tests/e2e/screenshots/widget-*.png` (desktop 1280x800, phone 390x844).
 *
 * @module
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { acmeWithAgent, DESKTOP, type E2E, hasChromium, MOBILE, startE2E } from "./browser.ts";

const PAGES: Record<string, [string, string]> = {
  "/": ["Acme help centre", "Welcome to the Acme help centre. Browse our guides below."],
  "/refunds": [
    "Refunds and returns",
    "Refunds are issued within 5 business days of receiving the returned item. The money goes back to your original payment method.",
  ],
  "/shipping": ["Shipping", "Standard shipping takes 3 to 5 business days within the continental US."],
};

/** The agent's knowledge: a small help site (website sources carry URLs, so citations are links). */
function startHelpSite() {
  const links = Object.keys(PAGES).map((p) => `<a href="${p}">${p}</a>`).join(" ");
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    const page = PAGES[new URL(req.url).pathname];
    if (!page) return new Response("not found", { status: 404 });
    const html = `<!doctype html><html><head><title>${page[0]}</title></head><body><main><h1>${page[0]}</h1>` +
      `<p>${page[1]}</p><nav>${links}</nav></main></body></html>`;
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  });
  return { url: `http://127.0.0.1:${server.addr.port}/`, close: () => server.shutdown() };
}

/**
 * The customer's shop: another origin (`localhost` vs the app's `127.0.0.1`),
 * CSS that would wreck any widget living in the page's own DOM, and the snippet.
 */
function startHostSite(appUrl: string, agentIds: Record<string, string>) {
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    const agentId = agentIds[new URL(req.url).pathname];
    if (!agentId) return new Response("not found", { status: 404 });
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font-family: Georgia, serif; background: #fdf6e3; color: #222; }
  body * { all: unset !important; font-size: 40px !important; color: #b00 !important; }
  button { display: none !important; }
  div { position: static !important; transform: rotate(3deg) !important; }
  textarea, input { visibility: hidden !important; }
  h1, p { display: block !important; padding: 16px 32px !important; }
</style>
<script>window.__keysBefore = Object.keys(window);</script>
<script>
  // The documented pre-load stub: calls made before widget.js runs are queued and replayed.
  window.Frontdesk = window.Frontdesk || { q: [] };
  ["open", "close", "toggle", "identify", "on", "off"].forEach(function (m) {
    Frontdesk[m] = Frontdesk[m] || function () { Frontdesk.q.push([m].concat([].slice.call(arguments))); };
  });
  window.__events = [];
  ["ready", "open", "close", "message", "unread"].forEach(function (e) {
    Frontdesk.on(e, function (d) { __events.push([e, d === undefined ? null : d]); });
  });
</script>
</head><body>
<h1>Acme Outfitters</h1>
<p>Jackets for every weather. Free returns within 30 days.</p>
<script src="${appUrl}/widget.js" data-agent-id="${agentId}" async></script>
</body></html>`;
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  });
  return { url: `http://localhost:${server.addr.port}`, close: () => server.shutdown() };
}

/** Sets up a workspace with an active agent trained on the help site, and an inactive one. */
async function setup(e2e: E2E, siteUrl: string) {
  const { api, agent } = await acmeWithAgent(e2e, "Margaret Hamilton");
  await api("POST", `/api/agents/${agent.id}/train`, {
    type: "website",
    content: siteUrl,
    metadata: { maxPages: 5, maxDepth: 1 },
  });
  await e2e.ctx.runner.idle();
  const { agent: off } = await api("POST", "/api/agents", { name: "Retired bot" });
  await api("PUT", `/api/agents/${off.id}`, { isActive: false });
  return { agent, off, api };
}

/** The widget's parts, found like a user would (Playwright pierces the open shadow root). */
function widget(page: Page) {
  return {
    launcher: (name: "Open chat" | "Close chat") => page.getByRole("button", { name, exact: true }),
    log: page.getByRole("log", { name: "Conversation" }),
    input: page.getByRole("textbox", { name: "Message", exact: true }),
    send: page.getByRole("button", { name: "Send", exact: true }),
    panel: page.getByRole("dialog", { name: "Acme support" }),
  };
}

/** Records every `alert()`/`confirm()` a page tries (none may fire). */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return dialogs;
}

/** The widget events the host page heard (recorded by its stub's handlers). */
function events(page: Page, name?: string): Promise<Array<[string, unknown]>> {
  return page.evaluate((n) => {
    const all = (window as unknown as { __events: Array<[string, unknown]> }).__events;
    return all.filter(([e]) => !n || e === n);
  }, name);
}

async function shot(e2e: E2E, page: Page, name: string) {
  await page.waitForTimeout(300); // let the panel's entrance finish
  await e2e.shot(page, name);
}

const QUESTION = "how long until I get my money back after a return?";
/** A 96x64 orange and white checkerboard PNG. */
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAGAAAABACAIAAABqVuVZAAAAgElEQVR42u3YsQ0AIAhFQaZwUae30hko5R+hJuHKV2ev1t7m/H6/" +
  "AAECBAgQIECAAAECBAgQIECAhgGlPdy9DwgQIECAAAECBAgQIECAAAECNA1IMFMUAQECBAgQIECAAAECBAgQIEBZQIKZoggIECBA" +
  "gAABAgQIECBAgAABigJ6p2X3HCwv6CAAAAAASUVORK5CYII=";
const HOSTILE = "<img src=x onerror=alert(1)> <script>alert(2)</script> [click](javascript:alert(3))";

Deno.test({
  name: "widget: a visitor on another origin asks, gets a cited answer, comes back, talks to staff, stays safe",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const e2e = await startE2E();
    const site = startHelpSite();
    try {
      const { agent, off, api } = await setup(e2e, site.url);
      const host = startHostSite(e2e.url, { "/": agent.id, "/retired": off.id });
      try {
        // The chat bundle is a module script imported from the customer's origin: browsers fetch it with CORS.
        const chatName = /\/widget\/(chat-[\w]+\.js)/.exec(await (await fetch(`${e2e.url}/widget.js`)).text())?.[1];
        assert.ok(chatName, "the loader names its content-hashed chat bundle");
        const chatJs = await fetch(`${e2e.url}/widget/${chatName}`, { headers: { origin: host.url } });
        await chatJs.body?.cancel();
        assert.equal(chatJs.status, 200);
        assert.match(
          chatJs.headers.get("access-control-allow-origin") ?? "(none)",
          /^(\*|http:\/\/localhost:\d+)$/,
          "GET /widget/chat-<hash>.js must send Access-Control-Allow-Origin, or import() from another origin fails",
        );
        assert.equal(chatJs.headers.get("cross-origin-resource-policy"), "cross-origin");

        const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: "en-US" });
        const page = e2e.watch(await context.newPage());
        const dialogs = watchDialogs(page);
        const seen: string[] = [];
        page.on("websocket", (ws) =>
          ws.on("framereceived", (f) => {
            const frame = JSON.parse(String(f.payload));
            if (frame.type === "typing" && frame.from === "ai" && frame.on) seen.push("typing");
            if (frame.type === "message" && frame.message.author.kind === "ai") {
              seen.push(`answer:${frame.message.status}`);
            }
          }));
        await page.goto(host.url);
        const w = widget(page);

        // The launcher survives the page's CSS: visible, round, in the agent's colour, bottom right.
        await w.launcher("Open chat").waitFor();
        const box = (await w.launcher("Open chat").boundingBox())!;
        assert.deepEqual([box.width, box.height], [56, 56]);
        assert.ok(box.x > DESKTOP.width - 100 && box.y > DESKTOP.height - 100, `bottom right: ${JSON.stringify(box)}`);
        assert.equal(
          await w.launcher("Open chat").evaluate((el) => getComputedStyle(el).backgroundColor),
          "rgb(13, 148, 136)",
        );
        assert.equal(await page.locator("#frontdesk-widget").evaluate((el) => el.shadowRoot?.mode), "open");
        await e2e.axe(page, "widget closed");

        // Open: focus lands in the message box; the welcome message comes first.
        await w.launcher("Open chat").click();
        await w.launcher("Close chat").waitFor();
        await w.panel.waitFor();
        await w.log.getByText("Hi! Ask me anything about orders").waitFor();
        assert.ok(await w.input.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el));
        assert.equal(
          await w.input.evaluate((el) => getComputedStyle(el).fontSize),
          "14px",
          "host CSS does not reach in",
        );

        // Ask: the question is delivered, the agent types, and the whole answer comes with its source link.
        await w.input.fill(QUESTION);
        await w.input.press("Enter");
        await w.log.getByText(QUESTION).waitFor();
        await w.log.getByText(/5 business days/).first().waitFor({ timeout: 15_000 });
        const source = w.log.getByRole("link", { name: "Refunds and returns" });
        await source.waitFor({ timeout: 15_000 });
        assert.equal(await source.getAttribute("href"), `${site.url}refunds`);
        assert.equal(await source.getAttribute("target"), "_blank");
        assert.equal(await source.getAttribute("rel"), "noopener noreferrer");
        // The built-in responder's answer is whole at once: "typing", then the answer, written once
        // (listeners/ai_replies.ts; a provider's answer streams).
        assert.deepEqual(seen.slice(-2), ["typing", "answer:complete"]);
        assert.ok(await w.log.locator(".html p").count() >= 1, "the final answer is the server's sanitised HTML");
        await w.log.getByText("Delivered").waitFor();
        assert.equal(await w.input.inputValue(), "", "the box is cleared after sending");
        await shot(e2e, page, "widget-desktop");

        // "This solved it" under the AI's answer opens its rating; sent, it is thanked and recorded for analytics.
        await w.log.getByRole("button", { name: "This solved it" }).click();
        const rating = w.log.getByRole("form", { name: "How helpful was this answer?" });
        await rating.getByRole("button", { name: "Rate 5 out of 5" }).click();
        await rating.getByLabel("Comment (optional)").fill("Exactly what I needed");
        await shot(e2e, page, "widget-answer-rating");
        await rating.getByRole("button", { name: "Send rating" }).click();
        await w.log.getByText("Thanks for your feedback!").waitFor();
        const rated = await e2e.ctx.deps.store.events.after(0, { limit: 1000, types: ["conversation.rated"] });
        const payloads = rated.map((e) => e.payload as { score: number; comment?: string });
        assert.deepEqual(payloads.map((p) => [p.score, p.comment]), [[5, "Exactly what I needed"]]);

        // Shift+Enter is a new line, not a send.
        await w.input.press("a");
        await w.input.press("Shift+Enter");
        await w.input.press("b");
        assert.equal(await w.input.inputValue(), "a\nb");
        await w.input.fill("");

        // Esc closes and gives focus back to the launcher.
        await page.keyboard.press("Escape");
        await w.launcher("Open chat").waitFor();
        assert.equal(await w.panel.isVisible(), false);
        assert.ok(
          await w.launcher("Open chat").evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el),
          "focus returned to the launcher",
        );

        // The only global the widget added is Frontdesk; the stub's early handlers heard ready/open/close.
        const added = await page.evaluate(() => {
          const before = new Set((window as unknown as { __keysBefore: string[] }).__keysBefore);
          return Object.keys(window).filter((k) => !before.has(k) && !k.startsWith("__"));
        });
        assert.deepEqual(added, ["Frontdesk"]);
        assert.deepEqual((await events(page)).map(([e]) => e).filter((e) => e !== "unread" && e !== "message"), [
          "ready",
          "open",
          "close",
        ]);

        // A staff reply while the panel is closed: the host page hears it, the launcher shows 1 unread.
        const { conversations } = await api("GET", `/api/conversations?agentId=${agent.id}`);
        const conv = conversations.find((c: { agentId: string }) => c.agentId === agent.id);
        assert.ok(conv, "the conversation is in the inbox");
        await api("POST", `/api/conversations/${conv.id}/messages`, {
          clientId: crypto.randomUUID(),
          text: "Your refund is on its way.",
        });
        const badge = page.locator("#frontdesk-widget .badge");
        await badge.waitFor();
        assert.equal(await badge.textContent(), "1");
        const heard = await events(page, "message");
        assert.equal((heard.at(-1)![1] as { text: string }).text, "Your refund is on its way.");
        assert.equal((await events(page, "unread")).at(-1)![1], 1);
        await shot(e2e, page, "widget-desktop-unread");

        // A returning visitor: the token is in localStorage, the history comes back after a reload,
        // opened through the API this time.
        const token = await page.evaluate((id) => localStorage.getItem(`frontdesk:${id}:token`), agent.id);
        assert.ok(token && token.length > 20, "visitor token stored");
        await page.reload();
        await page.evaluate(() => (window as unknown as { Frontdesk: { open(): void } }).Frontdesk.open());
        await w.log.getByText(QUESTION).waitFor();
        await w.log.getByRole("link", { name: "Refunds and returns" }).waitFor();
        await w.log.getByText("Your refund is on its way.").waitFor();
        await w.log.getByText("Margaret Hamilton", { exact: true }).waitFor();
        assert.equal(await w.log.getByText(QUESTION).count(), 1, "history once, not doubled");
        assert.equal(await badge.isVisible(), false, "read once open");

        // The visitor answers; Delivered, then Read when staff read it. Staff handle it now: the notice says so.
        await w.input.fill("Thanks a lot!");
        await w.send.click();
        const thanks = w.log.locator(".row.me[data-seq]", { hasText: "Thanks a lot!" }); // stored: it has a seq
        await thanks.getByText("Delivered").waitFor();
        // The widget shows public seqs; staff read by the thread's seq (internal notes, such as the rating's, count).
        const thread = await api("GET", `/api/conversations/${conv.id}`);
        const lastSeq = thread.messages.find((m: { text: string }) => m.text === "Thanks a lot!").seq as number;
        assert.ok(lastSeq > Number(await thanks.getAttribute("data-seq")), "the rating's internal note took a seq");
        await api("POST", `/api/conversations/${conv.id}/read`, { seq: lastSeq });
        await w.log.getByText("Read", { exact: true }).waitFor();
        await page.getByText("A person from our team will follow up here.").waitFor();

        // identify() from the host page reaches the server; the notice stops asking for an email.
        const visitor = await page.evaluate(() =>
          (window as unknown as { Frontdesk: { identify(i: unknown): Promise<unknown> } }).Frontdesk.identify({
            email: "ada@example.com",
            name: "Ada Lovelace",
          })
        );
        assert.deepEqual(visitor, {
          id: conv.visitorId,
          name: "Ada Lovelace",
          email: "ada@example.com",
          verified: false,
        });
        await page.getByText("Thanks! We'll reply to ada@example.com.").waitFor();

        // A file: uploaded at once, sent with the next message, shown inline when it is a raster image.
        await page.locator("#frontdesk-widget input[type=file]").setInputFiles({
          name: "receipt.png",
          mimeType: "image/png",
          buffer: Buffer.from(PNG, "base64"),
        });
        await page.getByRole("button", { name: "Remove receipt.png" }).waitFor();
        await w.input.fill("Here is my receipt");
        await w.input.press("Enter");
        const image = w.log.getByRole("img", { name: "receipt.png" });
        await image.waitFor();
        assert.ok(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 96), "loaded");
        await page.locator("#frontdesk-widget input[type=file]").setInputFiles({
          name: "notes.txt",
          mimeType: "text/plain",
          buffer: Buffer.from("<script>alert(1)</script> order 1234"),
        });
        await page.getByRole("button", { name: "Remove notes.txt" }).waitFor();
        await w.send.click();
        await w.log.getByRole("link", { name: /notes\.txt/ }).waitFor();

        // Hostile markup stays text: no dialog, no image, no javascript: link.
        await w.input.fill(HOSTILE);
        await w.input.press("Enter");
        await w.log.getByText(HOSTILE).waitFor();
        await page.waitForTimeout(500);
        assert.equal(await page.locator("#frontdesk-widget img").count(), 1, "no <img> but the receipt's");
        const hrefs = await page.locator("#frontdesk-widget a").evaluateAll((as) =>
          as.map((a) => a.getAttribute("href"))
        );
        assert.ok(hrefs.every((h) => /^https?:/.test(h ?? "")), `only http(s) links: ${hrefs}`);
        assert.deepEqual(dialogs, []);
        await shot(e2e, page, "widget-desktop-staff");

        // An inactive agent's snippet shows nothing at all.
        const retired = e2e.watch(await context.newPage());
        const sessionAnswer = retired.waitForResponse((r) => r.url().endsWith("/api/widget/session"));
        await retired.goto(`${host.url}/retired`);
        assert.equal((await sessionAnswer).status(), 404);
        await retired.waitForTimeout(300);
        assert.equal(await retired.locator("#frontdesk-widget").count(), 0);
        await retired.close();

        // A German browser gets the widget in German.
        const german = await e2e.browser.newContext({ viewport: DESKTOP, locale: "de-DE" });
        const de = e2e.watch(await german.newPage());
        await de.goto(host.url);
        await de.getByRole("button", { name: "Chat öffnen", exact: true }).click();
        await de.getByRole("textbox", { name: "Nachricht", exact: true }).waitFor();
        await de.getByRole("button", { name: "Mit einem Menschen sprechen" }).waitFor();
        await german.close();

        // On a phone the panel fills the screen (and respects reduced motion).
        const phone = await e2e.browser.newContext({
          viewport: MOBILE,
          locale: "en-US",
          hasTouch: true,
          isMobile: true,
          reducedMotion: "reduce", // no entrance animation: the panel is at its final size at once
        });
        const mobile = e2e.watch(await phone.newPage());
        await mobile.goto(host.url);
        const m = widget(mobile);
        await m.launcher("Open chat").click();
        await m.panel.waitFor();
        const panel = (await m.panel.boundingBox())!;
        assert.deepEqual([panel.x, panel.y, panel.width, panel.height], [0, 0, MOBILE.width, MOBILE.height]);
        await m.input.fill("Do you ship to Canada?");
        await m.send.click();
        await m.log.getByText(/Do you ship to Canada/).waitFor();
        await m.log.locator(".row.them").nth(1).waitFor({ timeout: 15_000 });
        await shot(e2e, mobile, "widget-mobile");
        await m.panel.getByRole("button", { name: "Close", exact: true }).click();
        await m.launcher("Open chat").waitFor();
        await phone.close();

        assert.deepEqual(e2e.errors, []);
        await context.close();
      } finally {
        await host.close();
      }
    } finally {
      await site.close();
      await e2e.close();
    }
  },
});
