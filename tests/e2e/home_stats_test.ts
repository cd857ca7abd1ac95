/**
 * The home page's "Last 30 days" cards in a real browser, after real chats:
 * they show what `/api/analytics/summary` answers. Screenshot:
 * `tests/e2e/screenshots/home-stats.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { visitorSend } from "../../models/chat/chat.ts";
import { startWidgetSession } from "../../models/chat/visitors.ts";
import { acmeWithAgent, DESKTOP, hasChromium, startE2E } from "./browser.ts";

Deno.test({
  name: "home: the Last 30 days cards equal the analytics summary",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const e2e = await startE2E();
    try {
      const { api, agent } = await acmeWithAgent(e2e, "Ada Owner");
      const deps = e2e.ctx.deps;
      for (const [i, text] of ["Where is my parcel?", "I want to talk to a human", "Do you ship abroad?"].entries()) {
        const { visitor } = await startWidgetSession(deps, { agentId: agent.id });
        await visitorSend(deps, visitor, { clientId: `client-home-${i}000`, text });
      }
      await e2e.ctx.ai.idle();
      const s = await api("GET", "/api/analytics/summary");
      assert.equal(s.conversations, 3);

      const context = await e2e.browser.newContext({ viewport: DESKTOP });
      const page = e2e.watch(await context.newPage());
      await page.goto(`${e2e.url}/login`);
      await page.getByLabel("Work email").fill("owner@acme.test");
      await page.getByLabel("Password", { exact: true }).fill("correct horse 1");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Last 30 days" }).waitFor();
      const value = (label: string) => page.locator(`[data-stat="${label}"] dd`).first().textContent();
      assert.equal(await value("Conversations"), String(s.conversations));
      assert.equal(
        await value("Resolved by AI"),
        s.automationRate === null ? "–" : `${Math.round(s.automationRate * 100)}%`,
      );
      assert.equal(await value("Handed to the team"), String(s.handoffs));
      assert.equal(await value("Customer satisfaction"), "–");
      assert.ok(await page.getByRole("link", { name: "See analytics" }).isVisible());
      await e2e.shot(page, "home-stats");
      assert.deepEqual(e2e.errors, []);
    } finally {
      await e2e.close();
    }
  },
});
