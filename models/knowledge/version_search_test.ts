import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { call, makeTestDeps, signUp } from "../../tests/helpers.ts";
import { searchVersion } from "./version_search.ts";

Deno.test("a pinned version's search weighs the question's own words double its equivalents, as the store's does", async () => {
  const t = await makeTestDeps();
  try {
    const app = createApp(t.deps);
    const a = await signUp(app, { email: "admin@a.test", company: "A Corp" });
    const agent = (await (await call(app, "POST", "/api/agents", {
      cookie: a.cookie,
      body: { name: "Bot", prompt: "Be kind.", temperature: 0.3, model: "" },
    })).json()).agent;
    for (const [title, content] of [["Help", "Call support any weekday morning."], ["Help", "Dial ahead."]]) {
      const res = await call(app, "POST", `/api/agents/${agent.id}/train`, {
        cookie: a.cookie,
        body: { type: "text", content, metadata: { title } },
      });
      assert.equal(res.status, 202);
      await t.runner.idle();
    }
    const [version] = await t.deps.store.knowledge.listVersions(a.user.workspaceId, agent.id);
    const first = async (query: string, equivalents?: string) =>
      (await searchVersion(t.deps, agent, version.id, query, 5, equivalents))[0]?.text;
    // Alone, the short chunk outranks the long one for either word.
    assert.equal(await first("call dial"), "Dial ahead.");
    assert.equal(await first("call", "dial"), "Call support any weekday morning.");
    assert.equal(await first("dial", "call"), "Dial ahead.");
  } finally {
    await t.cleanup();
  }
});
