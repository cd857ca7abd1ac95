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
import { acmeWithAgent, browserTest } from "./browser.ts";
import { expectHomeCards, loggedIn } from "./staff.ts";

browserTest("home: the Last 30 days cards equal the analytics summary", async (e2e) => {
  const { api, agent } = await acmeWithAgent(e2e, "Ada Owner");
  const deps = e2e.ctx.deps;
  for (const [i, text] of ["Where is my parcel?", "I want to talk to a human", "Do you ship abroad?"].entries()) {
    const { visitor } = await startWidgetSession(deps, { agentId: agent.id });
    await visitorSend(deps, visitor, { clientId: `client-home-${i}000`, text });
  }
  await e2e.ctx.ai.idle();
  const s = await api("GET", "/api/analytics/summary");
  assert.equal(s.conversations, 3);

  const page = await loggedIn(e2e, "owner@acme.test");
  await expectHomeCards(page, s);
  assert.equal(s.csat.average, null, "no rating yet: the card says so");
  assert.ok(await page.getByRole("link", { name: "See analytics" }).isVisible());
  await e2e.shot(page, "home-stats");
  assert.deepEqual(e2e.errors, []);
});
