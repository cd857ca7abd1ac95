import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { addMember, call, makeTestDeps, signUp } from "../helpers.ts";

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test", company: "A Corp" });
  const b = await signUp(app, { email: "admin@b.test", company: "B Corp" });
  return { ...ctx, app, a, b };
}

const NEW_AGENT = {
  name: "Support bot",
  description: "Answers billing questions",
  welcomeMessage: "Hi! Ask me about billing.",
  temperature: 0.2,
  maxTokens: 400,
  widgetConfig: { primaryColor: "#0EA5E9", position: "left", title: "Billing help", subtitle: "Instant answers" },
  allowedDomains: ["help.example.com"],
};

Deno.test("POST /api/agents creates an agent with the seed's fields and sensible defaults", async () => {
  const t = await setup();
  try {
    const res = await call(t.app, "POST", "/api/agents", { cookie: t.a.cookie, body: NEW_AGENT });
    assert.equal(res.status, 201);
    assert.match(res.headers.get("content-type")!, /json/);
    const { agent } = await res.json();
    assert.match(agent.id, /^[0-9a-f]{24}$/);
    assert.equal(agent.userId, t.a.user.id);
    assert.equal(agent.workspaceId, t.a.user.workspaceId);
    assert.equal(agent.provider, "local");
    assert.equal(agent.isActive, true);
    assert.equal(agent.widgetConfig.position, "left");
    assert.deepEqual(agent.knowledgeBase, []);
    assert.equal(typeof agent.prompt, "string");
    assert.ok(agent.handoffThreshold > 0 && agent.handoffThreshold < 1);
    const stored = await t.deps.store.agents.get(t.a.user.workspaceId, agent.id);
    assert.equal(stored?.name, "Support bot");
    const list = await (await call(t.app, "GET", "/api/agents", { cookie: t.a.cookie })).json();
    assert.deepEqual(list.agents.map((x: { id: string }) => x.id), [agent.id]);
    assert.deepEqual((await (await call(t.app, "GET", "/api/agents", { cookie: t.b.cookie })).json()).agents, []);
  } finally {
    await t.cleanup();
  }
});

Deno.test("agent fields are validated and named in the error", async () => {
  const t = await setup();
  try {
    const bad = await call(t.app, "POST", "/api/agents", {
      cookie: t.a.cookie,
      body: {
        name: "",
        temperature: 2.5,
        maxTokens: 0,
        provider: "skynet",
        handoffThreshold: 2,
        allowedDomains: ["javascript:alert(1)"],
        widgetConfig: { primaryColor: "red", position: "top" },
      },
    });
    assert.equal(bad.status, 400);
    const { error } = await bad.json();
    for (
      const f of [
        "name",
        "temperature",
        "maxTokens",
        "provider",
        "handoffThreshold",
        "allowedDomains.0",
        "widgetConfig.primaryColor",
        "widgetConfig.position",
      ]
    ) assert.ok(error.details.fields[f], f);
    const { agent } = await (await call(t.app, "POST", "/api/agents", { cookie: t.a.cookie, body: NEW_AGENT })).json();
    const put = await call(t.app, "PUT", `/api/agents/${agent.id}`, { cookie: t.a.cookie, body: { temperature: -1 } });
    assert.equal(put.status, 400);
  } finally {
    await t.cleanup();
  }
});

Deno.test("PUT /api/agents/:id merges a partial widget config and ignores tenant fields", async () => {
  const t = await setup();
  try {
    const { agent } = await (await call(t.app, "POST", "/api/agents", { cookie: t.a.cookie, body: NEW_AGENT })).json();
    const res = await call(t.app, "PUT", `/api/agents/${agent.id}`, {
      cookie: t.a.cookie,
      body: { isActive: false, widgetConfig: { position: "right" }, workspaceId: t.b.user.workspaceId, userId: "x" },
    });
    assert.equal(res.status, 200);
    const updated = (await res.json()).agent;
    assert.equal(updated.isActive, false);
    assert.deepEqual(updated.widgetConfig, { ...NEW_AGENT.widgetConfig, position: "right" });
    assert.equal(updated.workspaceId, t.a.user.workspaceId);
    assert.equal(updated.userId, t.a.user.id);
  } finally {
    await t.cleanup();
  }
});

Deno.test("GET /api/agents/:id/embed returns the one-line snippet with install notes", async () => {
  const t = await setup();
  try {
    const { agent } = await (await call(t.app, "POST", "/api/agents", { cookie: t.a.cookie, body: NEW_AGENT })).json();
    const res = await call(t.app, "GET", `/api/agents/${agent.id}/embed`, { cookie: t.a.cookie });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.snippet, `<script src="http://localhost/widget.js" data-agent-id="${agent.id}" async></script>`);
    for (const k of ["html", "wordpress", "shopify", "webflow", "wix", "squarespace"]) {
      assert.ok(body.instructions[k], k);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("every agent endpoint answers another workspace's agent with 404", async () => {
  const t = await setup();
  try {
    const { agent } = await (await call(t.app, "POST", "/api/agents", { cookie: t.b.cookie, body: NEW_AGENT })).json();
    const fake = "65f1c0ffee0000000000abcd";
    const calls: Array<[string, string, unknown?]> = [
      ["GET", `/api/agents/${agent.id}`],
      ["PUT", `/api/agents/${agent.id}`, { name: "stolen" }],
      ["DELETE", `/api/agents/${agent.id}`],
      ["GET", `/api/agents/${agent.id}/embed`],
      ["POST", `/api/agents/${agent.id}/train`, { type: "text", content: "x" }],
      ["GET", `/api/agents/${agent.id}/sources`],
      ["DELETE", `/api/agents/${agent.id}/sources/${fake}`],
      ["POST", `/api/agents/${agent.id}/sources/${fake}/resync`],
      ["GET", `/api/agents/${agent.id}/versions`],
      ["POST", `/api/agents/${agent.id}/versions/${fake}/activate`],
      ["POST", `/api/agents/${agent.id}/ask`, { message: "hello" }],
    ];
    for (const [method, path, body] of calls) {
      const res = await call(t.app, method, path, { cookie: t.a.cookie, body });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal((await res.json()).error.code, "not_found");
    }
    assert.equal((await t.deps.store.agents.get(t.b.user.workspaceId, agent.id))?.name, "Support bot");
  } finally {
    await t.cleanup();
  }
});

Deno.test("members read agents and use the playground; only admins change them", async () => {
  const t = await setup();
  try {
    const m = await addMember(t.app, t.dir, t.a.cookie, "m@a.test");
    const { agent } = await (await call(t.app, "POST", "/api/agents", { cookie: t.a.cookie, body: NEW_AGENT })).json();
    assert.equal((await call(t.app, "GET", `/api/agents/${agent.id}`, { cookie: m.cookie })).status, 200);
    assert.equal((await call(t.app, "GET", `/api/agents/${agent.id}/embed`, { cookie: m.cookie })).status, 200);
    const ask = await call(t.app, "POST", `/api/agents/${agent.id}/ask`, { cookie: m.cookie, body: { message: "hi" } });
    assert.equal(ask.status, 200);
    await ask.body?.cancel();
    const writes: Array<[string, string, unknown?]> = [
      ["POST", "/api/agents", NEW_AGENT],
      ["PUT", `/api/agents/${agent.id}`, { name: "x" }],
      ["DELETE", `/api/agents/${agent.id}`],
      ["POST", `/api/agents/${agent.id}/train`, { type: "text", content: "x" }],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(t.app, method, path, { cookie: m.cookie, body });
      assert.equal(res.status, 403, `${method} ${path}`);
    }
    for (const [method, path, body] of writes) {
      assert.equal((await call(t.app, method, path, { body })).status, 401, `anonymous ${method} ${path}`);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("DELETE /api/agents/:id removes the agent and its knowledge", async () => {
  const t = await setup();
  try {
    const { agent } = await (await call(t.app, "POST", "/api/agents", { cookie: t.a.cookie, body: NEW_AGENT })).json();
    await call(t.app, "POST", `/api/agents/${agent.id}/train`, {
      cookie: t.a.cookie,
      body: { type: "text", content: "Refunds take five days." },
    });
    await t.runner.idle();
    assert.equal((await call(t.app, "DELETE", `/api/agents/${agent.id}`, { cookie: t.a.cookie })).status, 204);
    assert.equal((await call(t.app, "GET", `/api/agents/${agent.id}`, { cookie: t.a.cookie })).status, 404);
    assert.deepEqual(await t.deps.store.knowledge.search(t.a.user.workspaceId, agent.id, "refunds", 5), []);
  } finally {
    await t.cleanup();
  }
});
