/**
 * A/B tests and the Lyzr knowledge switch in a real browser, on the agent's Settings tab: an admin creates an
 * experiment with two variants, starts it, reads the results with the verdict (on conversations seeded with
 * known outcomes) and promotes B, which changes the agent; an agent on Lyzr has its knowledge moved into a Lyzr
 * knowledge base with the switch. Screenshots: `tests/e2e/screenshots/experiments-*.png`, `agent-lyzr-*.png`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { newId } from "../../lib/ids.ts";
import { blankFact } from "../../models/analytics/rollup_facts.ts";
import { newConversation } from "../../models/chat/conversation.ts";
import type { Deps } from "../../models/ports/deps.ts";
import { startLyzrFake } from "../fakes/lyzr_fake.ts";
import { browserTest, hasChromium, startE2E } from "./browser.ts";
import { langleyTeam, signedIn } from "./staff.ts";

/** `n` conversations of a variant, `automated` of them resolved by the AI, the rest handed off. */
async function seed(
  deps: Deps,
  wid: string,
  agentId: string,
  experimentId: string,
  variant: string,
  n: number,
  automated: number,
) {
  const now = deps.clock.now();
  const hourAgo = new Date(now.getTime() - 3600_000);
  for (let i = 0; i < n; i++) {
    const conv = newConversation({ workspaceId: wid, agentId, visitorId: newId(), handledBy: "ai" }, now);
    await deps.store.visitors.insert({
      id: conv.visitorId,
      workspaceId: wid,
      agentId,
      verified: false,
      createdAt: now,
      lastSeenAt: now,
    });
    await deps.store.conversations.insert(conv);
    await deps.store.experiments.assign(wid, conv.id, experimentId, variant);
    await deps.store.analytics.apply(newId(), (tx) =>
      tx.putFact({
        ...blankFact(wid, conv.id, agentId, conv.visitorId),
        startedAt: hourAgo,
        day: hourAgo.toISOString().slice(0, 10),
        aiInvolved: true,
        aiAnswered: i < automated,
        lastAiAt: hourAgo,
        handedOff: i >= automated,
        rating: i % 4 === 0 ? (i < automated ? 5 : 2) : null,
      }));
  }
}

browserTest(
  "experiments: created with two variants, started, results with the verdict, B promoted onto the agent",
  async (e2e) => {
    const { admin, agent, api } = await langleyTeam(e2e);
    const { page } = await signedIn(e2e, admin.cookie);
    await page.goto(`${e2e.url}/agents/${agent.id}`);
    const panel = page.getByRole("region", { name: "Experiments" });
    await panel.getByText("No experiments yet.").waitFor();
    const form = panel.getByRole("form", { name: "New experiment" });
    await form.getByLabel("Name").fill("Warmer answers");
    await form.getByLabel("B: Temperature").fill("0.9");
    await form.getByLabel("B: Instructions").fill("You are warm and upbeat. Answer only from the knowledge.");
    await form.getByRole("button", { name: "Create experiment" }).click();
    const row = panel.getByRole("listitem", { name: "Warmer answers" });
    await row.getByText("Not started").waitFor();
    await e2e.shot(page, "experiments-created");

    await row.getByRole("button", { name: "Start" }).click();
    await row.getByText("Running").waitFor();
    const { experiments } = await (await api("GET", `/api/agents/${agent.id}/experiments`)).json();
    assert.equal(experiments[0].status, "running");
    assert.deepEqual(experiments[0].variants[1].temperature, 0.9);

    // Known outcomes: A resolves 100 of 200, B 130 of 200 (z = 3.03): B is better.
    const wid = admin.user.workspaceId;
    await seed(e2e.ctx.deps, wid, agent.id, experiments[0].id, "A", 200, 100);
    await seed(e2e.ctx.deps, wid, agent.id, experiments[0].id, "B", 200, 130);
    await row.getByRole("button", { name: "See results" }).click();
    await row.getByText("B is better with 95% confidence").waitFor();
    await e2e.shot(page, "experiments-results");

    await row.getByRole("button", { name: "Promote B" }).click();
    await panel.getByText("Variant B is now the agent's setting.").waitFor();
    await row.getByText("Winner").waitFor();
    await e2e.shot(page, "experiments-promoted");
    const promoted = (await (await api("GET", `/api/agents/${agent.id}`)).json()).agent;
    assert.equal(promoted.temperature, 0.9);
    assert.match(promoted.prompt, /warm and upbeat/);
  },
);

Deno.test({
  name: "agent settings: an agent on Lyzr keeps its knowledge in Lyzr with the switch; others cannot",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const fake = startLyzrFake();
    const e2e = await startE2E();
    try {
      const { admin, agent: local, api } = await langleyTeam(e2e);
      await api("PUT", "/api/settings/providers/lyzr", { body: { apiKey: "sk-default-test", baseUrl: fake.url } });
      const { agent } = await (await api("POST", "/api/agents", { body: { name: "Lyzr Helper", provider: "lyzr" } }))
        .json();
      const { page } = await signedIn(e2e, admin.cookie);

      await page.goto(`${e2e.url}/agents/${local.id}`);
      const off = page.getByRole("switch", { name: "Keep knowledge in Lyzr" });
      await page.getByText("Available when the agent answers with Lyzr").waitFor();
      assert.equal(await off.isDisabled(), true);

      await page.goto(`${e2e.url}/agents/${agent.id}`);
      const toggle = page.getByRole("switch", { name: "Keep knowledge in Lyzr" });
      await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>("#lyzr-knowledge-switch")?.disabled);
      await toggle.click();
      await page.locator("#lyzr-knowledge-switch[aria-checked=true]").waitFor();
      await page.getByText("passages in Lyzr").waitFor();
      await e2e.shot(page, "agent-lyzr-knowledge");
      const { lyzrKnowledge } = await (await api("GET", `/api/agents/${agent.id}/lyzr-knowledge`)).json();
      assert.equal(lyzrKnowledge.store, "lyzr");

      await toggle.click();
      await page.locator("#lyzr-knowledge-switch[aria-checked=false]").waitFor();
      const back = (await (await api("GET", `/api/agents/${agent.id}/lyzr-knowledge`)).json()).lyzrKnowledge;
      assert.equal(back.store, "frontdesk");
    } finally {
      await e2e.close();
      await fake.close();
    }
  },
});
