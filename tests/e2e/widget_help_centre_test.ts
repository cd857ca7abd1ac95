/**
 * The widget answering from a real help centre: the Zulip evaluation set is
 * served as a website and crawled into the agent, and a visitor on the
 * customer's page asks in their own words ("is there a dark mode??"); the
 * answer comes from the Dark theme article and cites it with a link to that
 * page. Screenshot: `tests/e2e/screenshots/widget-help-centre.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { loadSet } from "../../eval/sets.ts";
import { serveHelpSite } from "../../eval/site.ts";
import { acmeWithAgent, DESKTOP, hasChromium, startE2E } from "./browser.ts";

Deno.test({
  name: "widget: a visitor's paraphrase is answered from the right article of a crawled help centre, with its link",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const e2e = await startE2E();
    await using help = serveHelpSite(loadSet("zulip"));
    const host = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, () => new Response(""));
    try {
      const { api, agent } = await acmeWithAgent(e2e, "Grace Hopper");
      await api("POST", `/api/agents/${agent.id}/train`, { type: "website", content: `${help.origin}/` });
      await e2e.ctx.runner.idle();
      await host.shutdown();
      const shop = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, () =>
        new Response(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Team chat</title></head><body>` +
            `<h1>Our team chat</h1><script src="${e2e.url}/widget.js" data-agent-id="${agent.id}" async></script></body></html>`,
          { headers: { "content-type": "text/html; charset=utf-8" } },
        ));
      try {
        const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: "en-US" });
        const page = e2e.watch(await context.newPage());
        await page.goto(`http://localhost:${shop.addr.port}/`);
        await page.getByRole("button", { name: "Open chat", exact: true }).click();
        const log = page.getByRole("log", { name: "Conversation" });
        const input = page.getByRole("textbox", { name: "Message", exact: true });
        await input.fill("is there a dark mode??");
        await input.press("Enter");
        await log.getByText(/Automatic \(follows system settings\)|light theme and a dark theme/).first().waitFor({
          timeout: 15_000,
        });
        const source = log.getByRole("link", { name: /Dark theme/ });
        await source.waitFor({ timeout: 15_000 });
        assert.equal(await source.getAttribute("href"), help.urlOf("dark-theme"));
        assert.equal(await log.getByRole("link").count(), 1, "one page cited: the one the answer came from");
        await page.waitForTimeout(300);
        await e2e.shot(page, "widget-help-centre");
        assert.deepEqual(e2e.errors, []);
        await context.close();
      } finally {
        await shop.shutdown();
      }
    } finally {
      await e2e.close();
    }
  },
});
