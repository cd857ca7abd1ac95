import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { startOpenAiFake } from "../fakes/openai_fake.ts";
import { call, makeTestDeps, readSse, signUp } from "../helpers.ts";

const FAQ = `# Help
## Refunds
Refunds are issued within 5 business days of receiving the returned item.
## Opening hours
Our support team answers from 9am to 5pm, Monday to Friday.`;

async function setup(agentBody: Record<string, unknown> = {}) {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test" });
  const { agent } = await (await call(app, "POST", "/api/agents", {
    cookie: a.cookie,
    body: { name: "Bot", ...agentBody },
  })).json();
  await call(app, "POST", `/api/agents/${agent.id}/train`, {
    cookie: a.cookie,
    body: { type: "text", content: FAQ, metadata: { title: "Help center" } },
  });
  await ctx.runner.idle();
  const ask = async (message: string) => {
    const res = await call(app, "POST", `/api/agents/${agent.id}/ask`, { cookie: a.cookie, body: { message } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /text\/event-stream/);
    const events = await readSse(res);
    const done = events.find((e) => e.event === "done")!.data as {
      text: string;
      html: string;
      citations: Array<{ title: string }>;
      confidence: number;
      handoff: string | null;
    };
    return { events, done };
  };
  return { ...ctx, app, a, agent, ask };
}

Deno.test("the playground streams a grounded local answer with its source and a confidence", async () => {
  const t = await setup();
  try {
    const { events, done } = await t.ask("How long until I get my money back after returning something?");
    const tokens = events.filter((e) => e.event === "token").map((e) => e.data.text as string);
    assert.ok(tokens.length > 3, "streamed in pieces");
    assert.match(tokens.join(""), /5 business days/);
    assert.match(done.text, /5 business days/);
    assert.deepEqual(done.citations.map((c) => c.title), ["Help center"]);
    assert.ok(done.confidence >= 0.35, `confidence ${done.confidence}`);
    assert.equal(done.handoff, null);
    assert.doesNotMatch(done.html, /<script/i);
  } finally {
    await t.cleanup();
  }
});

Deno.test("an unrelated question gets an honest answer, low confidence and a handoff", async () => {
  const t = await setup();
  try {
    const { done } = await t.ask("Do you sell garden furniture in Brazil?");
    assert.ok(done.confidence < 0.3, `confidence ${done.confidence}`);
    assert.equal(done.handoff, "low_confidence");
    assert.match(done.text, /person|team|human/i);
  } finally {
    await t.cleanup();
  }
});

Deno.test("asking for a human hands off without calling the provider", async () => {
  const t = await setup();
  try {
    for (const q of ["Can I talk to a human please?", "I want to speak with a real person", "agent"]) {
      const { done } = await t.ask(q);
      assert.equal(done.handoff, "asked_for_human", q);
    }
    const { done } = await t.ask("What are your opening hours?");
    assert.equal(done.handoff, null);
    const hello = await t.ask("Hello!");
    assert.equal(hello.done.handoff, null, "small talk is not handed off");
  } finally {
    await t.cleanup();
  }
});

Deno.test("an OpenAI-compatible provider streams through the pipeline; failures retry, then hand off", async () => {
  const fake = startOpenAiFake();
  const t = await setup({ provider: "openai" });
  try {
    const saved = await call(t.app, "PUT", "/api/settings/providers/openai", {
      cookie: t.a.cookie,
      body: { apiKey: "sk-test-openai", baseUrl: fake.url },
    });
    assert.equal(saved.status, 200);
    fake.script([{ kind: "ok", text: "Refunds take 5 business days [S1]." }]);
    const ok = await t.ask("How long do refunds take?");
    assert.equal(ok.done.text, "Refunds take 5 business days.");
    assert.deepEqual(ok.done.citations.map((c) => c.title), ["Help center"]);
    const chat = fake.requests.find((r) => r.path === "/v1/chat/completions")!;
    const body = chat.body as { messages: Array<{ role: string; content: string }> };
    assert.equal(body.messages[0].role, "system");
    assert.match(body.messages[0].content, /5 business days/, "retrieved passages are in the prompt");

    fake.script([{ kind: "status", status: 429, retryAfter: 0 }, { kind: "cut", after: 2 }, {
      kind: "ok",
      text: "Refunds take 5 business days [S1].",
    }]);
    const retried = await t.ask("How long do refunds take?");
    assert.ok(retried.events.some((e) => e.event === "reset"), "the cut stream was reset before the retry");
    assert.equal(retried.done.text, "Refunds take 5 business days.");

    fake.script([{ kind: "status", status: 500 }, { kind: "status", status: 500 }, { kind: "status", status: 500 }]);
    const failed = await t.ask("How long do refunds take?");
    assert.equal(failed.done.handoff, "provider_failed");
    assert.match(failed.done.text, /person will follow up/);

    fake.script([{ kind: "status", status: 401 }]);
    const before = fake.requests.length;
    const unauthorized = await t.ask("How long do refunds take?");
    assert.equal(unauthorized.done.handoff, "provider_failed");
    assert.equal(
      fake.requests.filter((r) => r.path === "/v1/chat/completions").length,
      fake.requests.slice(0, before).filter((r) => r.path === "/v1/chat/completions").length + 1,
      "401 is not retried",
    );
  } finally {
    await t.cleanup();
    await fake.close();
  }
});

Deno.test("an agent whose provider has no key answers with a handoff, not an error", async () => {
  const t = await setup({ provider: "anthropic" });
  try {
    const { done } = await t.ask("How long do refunds take?");
    assert.equal(done.handoff, "provider_failed");
  } finally {
    await t.cleanup();
  }
});

Deno.test("with an embedding provider, chunks are embedded and retrieval fuses vector and lexical ranks", async () => {
  const fake = startOpenAiFake();
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  try {
    const a = await signUp(app, { email: "admin@a.test" });
    await call(app, "PUT", "/api/settings/providers/openai", {
      cookie: a.cookie,
      body: { apiKey: "sk-test-openai", baseUrl: fake.url },
    });
    const { agent } = await (await call(app, "POST", "/api/agents", {
      cookie: a.cookie,
      body: { name: "Bot", provider: "openai" },
    })).json();
    await call(app, "POST", `/api/agents/${agent.id}/train`, {
      cookie: a.cookie,
      body: { type: "text", content: FAQ, metadata: { title: "Help center" } },
    });
    await ctx.runner.idle();
    const stored = (await ctx.deps.store.agents.get(a.user.workspaceId, agent.id))!;
    const embedded = await ctx.deps.store.knowledge.embeddedChunks(stored.workspaceId, stored.id);
    assert.ok(embedded.length >= 1, "chunks were embedded at ingestion");
    const { retrieve } = await import("../../models/knowledge/retrieval.ts");
    const { providerFor } = await import("../../models/providers/providers.ts");
    const provider = await providerFor(ctx.deps, stored.workspaceId, "openai");
    const before = fake.requests.filter((r) => r.path === "/v1/embeddings").length;
    const passages = await retrieve(ctx.deps, stored, "When is the support team around?", { provider });
    assert.equal(
      fake.requests.filter((r) => r.path === "/v1/embeddings").length,
      before + 1,
      "the question is embedded",
    );
    assert.match(passages[0].text, /9am to 5pm/);
  } finally {
    await ctx.cleanup();
    await fake.close();
  }
});
