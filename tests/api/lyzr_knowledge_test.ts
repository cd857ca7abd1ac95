import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { type LyzrFake, startLyzrFake } from "../fakes/lyzr_fake.ts";
import { addMember, call, makeTestDeps, readSse, signUp, type TestContext } from "../helpers.ts";

const KEY = "sk-default-test";
const REFUNDS = "Refunds are paid back to the original card within five business days of the return.";
const SHIPPING = "Orders ship from our Lyon warehouse within two days; tracking arrives by email.";

interface Setup {
  t: TestContext;
  app: ReturnType<typeof createApp>;
  fake: LyzrFake;
  cookie: string;
  agentId: string;
  train(title: string, content: string): Promise<string>;
  knowledge(): Promise<Record<string, unknown>>;
  ask(message: string): Promise<{ text: string; citations: Array<{ sourceId: string; title: string }> }>;
  /** The texts the Lyzr KB holds. */
  kbTexts(): string[];
  close(): Promise<void>;
}

async function setup(): Promise<Setup> {
  const fake = startLyzrFake();
  const t = await makeTestDeps();
  const app = createApp(t.deps);
  const { cookie } = await signUp(app, { email: "admin@a.test" });
  await call(app, "PUT", "/api/settings/providers/lyzr", { cookie, body: { apiKey: KEY, baseUrl: fake.url } });
  const { agent } = await (await call(app, "POST", "/api/agents", {
    cookie,
    body: { name: "Lyzr bot", provider: "lyzr", maxTokens: 512 },
  })).json();
  const idle = async () => {
    await t.runner.idle();
    await t.ai.idle();
  };
  const s: Setup = {
    t,
    app,
    fake,
    cookie,
    agentId: agent.id,
    async train(title, content) {
      const res = await call(app, "POST", `/api/agents/${agent.id}/train`, {
        cookie,
        body: { type: "text", content, metadata: { title } },
      });
      const body = await res.json();
      await idle();
      return body.source.id;
    },
    async knowledge() {
      await idle();
      const res = await call(app, "GET", `/api/agents/${agent.id}/lyzr-knowledge`, { cookie });
      return (await res.json()).lyzrKnowledge;
    },
    async ask(message) {
      const res = await call(app, "POST", `/api/agents/${agent.id}/ask`, { cookie, body: { message } });
      return (await readSse(res)).find((e) => e.event === "done")!.data as Awaited<ReturnType<Setup["ask"]>>;
    },
    kbTexts: () => [...fake.kbs.values()].flatMap((kb) => kb.docs.map((d) => d.text)),
    async close() {
      await t.cleanup();
      await fake.close();
    },
  };
  return s;
}

const has = (texts: string[], needle: string) => texts.some((x) => x.includes(needle));

Deno.test("an agent's knowledge kept in Lyzr: KB created and trained with our chunks, attached, answers cite our sources", async () => {
  const s = await setup();
  try {
    const refunds = await s.train("Refund policy", REFUNDS);
    assert.equal((await s.knowledge()).store, "frontdesk");
    assert.equal(s.fake.kbs.size, 0, "Frontdesk's retrieval is the default");

    const res = await call(s.app, "PUT", `/api/agents/${s.agentId}/lyzr-knowledge`, {
      cookie: s.cookie,
      body: { store: "lyzr" },
    });
    assert.equal(res.status, 200);
    const k = (await res.json()).lyzrKnowledge;
    const { agent } = await (await call(s.app, "GET", `/api/agents/${s.agentId}`, { cookie: s.cookie })).json();
    assert.deepEqual([k.store, k.status, k.trainedVersionId, k.error], ["lyzr", "ready", agent.activeVersionId, null]);
    assert.equal(s.fake.kbs.size, 1);
    const [[ragId, kb]] = [...s.fake.kbs];
    assert.ok(has(s.kbTexts(), "five business days"));
    assert.equal(kb.docs[0].extra_info.source_id, refunds);
    assert.equal(k.documents, kb.docs.length);

    // The mirrored agent carries the KB, and max_tokens.
    const [mirror] = [...s.fake.agents.values()];
    const features = mirror.features as Array<{ type: string; config: { lyzr_rag: { rag_id: string } } }>;
    assert.deepEqual([features[0].type, features[0].config.lyzr_rag.rag_id], ["KNOWLEDGE_BASE", ragId]);
    assert.equal(mirror.max_tokens, 512);

    s.fake.options.text = "Within five business days [S1].";
    const answer = await s.ask("how long do refunds take?");
    const retrieve = s.fake.requests.filter((r) => r.path === `/v3/rag/${ragId}/retrieve/`);
    assert.equal(retrieve.length, 1);
    assert.equal(retrieve[0].query.query, "how long do refunds take?");
    assert.equal(answer.text, "Within five business days.");
    assert.deepEqual(answer.citations.map((c) => [c.sourceId, c.title]), [[refunds, "Refund policy"]]);
  } finally {
    await s.close();
  }
});

Deno.test("the Lyzr KB follows the active version: a new source, a removed one, a rollback", async () => {
  const s = await setup();
  try {
    await s.train("Refund policy", REFUNDS);
    await call(s.app, "PUT", `/api/agents/${s.agentId}/lyzr-knowledge`, { cookie: s.cookie, body: { store: "lyzr" } });
    const shipping = await s.train("Shipping", SHIPPING);
    let k = await s.knowledge();
    const versions = async () =>
      (await (await call(s.app, "GET", `/api/agents/${s.agentId}/versions`, { cookie: s.cookie })).json()).versions;
    const withShipping = (await versions())[0];
    assert.equal(k.trainedVersionId, withShipping.id);
    assert.ok(has(s.kbTexts(), "Lyon warehouse") && has(s.kbTexts(), "five business days"));

    await call(s.app, "DELETE", `/api/agents/${s.agentId}/sources/${shipping}`, { cookie: s.cookie });
    k = await s.knowledge();
    assert.equal(has(s.kbTexts(), "Lyon warehouse"), false, "removed from Lyzr too");
    assert.ok(has(s.kbTexts(), "five business days"));

    await call(s.app, "POST", `/api/agents/${s.agentId}/versions/${withShipping.id}/activate`, { cookie: s.cookie });
    k = await s.knowledge();
    assert.equal(k.trainedVersionId, (await versions())[0].id);
    assert.ok(has(s.kbTexts(), "Lyon warehouse"), "rolled back in step");
    assert.equal(s.fake.kbs.size, 1, "one KB, emptied and retrained each time");
    const resets = s.fake.requests.filter((r) => r.path.endsWith("/reset/")).length;
    assert.equal(resets, 3);

    // A redelivered event finds the KB already on that version: nothing is sent.
    const before = s.fake.requests.length;
    const { syncLyzrKnowledge } = await import("../../models/providers/lyzr_knowledge.ts");
    await syncLyzrKnowledge(s.t.deps, (await s.t.deps.store.agents.findPublic(s.agentId))!);
    assert.equal(s.fake.requests.length, before);
  } finally {
    await s.close();
  }
});

Deno.test("Lyzr KB errors: retried by the client, shown when they last, recovered on the next change; retrieval falls back", async () => {
  const s = await setup();
  try {
    await s.train("Refund policy", REFUNDS);
    // Create answers 503 once: the client tries again.
    s.fake.script([{ kind: "status", status: 503 }]);
    await call(s.app, "PUT", `/api/agents/${s.agentId}/lyzr-knowledge`, { cookie: s.cookie, body: { store: "lyzr" } });
    assert.equal(s.fake.requests.filter((r) => r.method === "POST" && r.path === "/v3/rag/").length, 2);
    assert.equal((await s.knowledge()).status, "ready");

    // The key is refused while a source is added: the listener's retries give up, the state says why.
    s.fake.options.apiKey = "sk-rotated";
    await s.train("Shipping", SHIPPING);
    const failed = await s.knowledge();
    assert.equal(failed.status, "error");
    assert.match(String(failed.error), /key|401/i);

    // Lyzr down at answer time: Frontdesk's own retrieval answers, still citing our source.
    s.fake.options.text = "Five business days [S1].";
    s.fake.script([{ kind: "status", status: 500 }, { kind: "status", status: 500 }, { kind: "status", status: 500 }]);
    s.fake.options.apiKey = KEY;
    const answer = await s.ask("how long do refunds take?");
    assert.deepEqual(answer.citations.map((c) => c.title), ["Refund policy"]);

    // The next knowledge change brings it back in step.
    await s.train("Returns", "Returns are accepted for thirty days after delivery.");
    const back = await s.knowledge();
    assert.deepEqual([back.status, back.error], ["ready", null]);
    assert.ok(has(s.kbTexts(), "Lyon warehouse") && has(s.kbTexts(), "thirty days"));
  } finally {
    await s.close();
  }
});

Deno.test("Lyzr knowledge: Lyzr agents only, admins only, workspace-scoped; switching back or deleting the agent deletes the KB", async () => {
  const s = await setup();
  try {
    await s.train("Refund policy", REFUNDS);
    const { agent: local } = await (await call(s.app, "POST", "/api/agents", {
      cookie: s.cookie,
      body: { name: "Local bot" },
    })).json();
    const refused = await call(s.app, "PUT", `/api/agents/${local.id}/lyzr-knowledge`, {
      cookie: s.cookie,
      body: { store: "lyzr" },
    });
    assert.equal(refused.status, 400);
    const member = await addMember(s.app, s.t.dir, s.cookie, "member@a.test");
    const forbidden = await call(s.app, "PUT", `/api/agents/${s.agentId}/lyzr-knowledge`, {
      cookie: member.cookie,
      body: { store: "lyzr" },
    });
    assert.equal(forbidden.status, 403);
    const other = await signUp(s.app, { email: "admin@b.test" });
    for (const method of ["GET", "PUT"]) {
      const res = await call(s.app, method, `/api/agents/${s.agentId}/lyzr-knowledge`, {
        cookie: other.cookie,
        ...(method === "PUT" ? { body: { store: "lyzr" } } : {}),
      });
      assert.equal(res.status, 404, method);
    }

    await call(s.app, "PUT", `/api/agents/${s.agentId}/lyzr-knowledge`, { cookie: s.cookie, body: { store: "lyzr" } });
    assert.equal(s.fake.kbs.size, 1);
    const off = await call(s.app, "PUT", `/api/agents/${s.agentId}/lyzr-knowledge`, {
      cookie: s.cookie,
      body: { store: "frontdesk" },
    });
    assert.equal((await off.json()).lyzrKnowledge.status, "off");
    assert.equal(s.fake.kbs.size, 0);
    const [mirror] = [...s.fake.agents.values()];
    assert.deepEqual(mirror.features, [], "detached from the Lyzr agent");

    await call(s.app, "PUT", `/api/agents/${s.agentId}/lyzr-knowledge`, { cookie: s.cookie, body: { store: "lyzr" } });
    assert.equal(s.fake.kbs.size, 1);
    await call(s.app, "DELETE", `/api/agents/${s.agentId}`, { cookie: s.cookie });
    await s.t.ai.idle();
    assert.equal(s.fake.kbs.size, 0);
    assert.equal(s.fake.agents.size, 0);
  } finally {
    await s.close();
  }
});

Deno.test("a widget visitor's question is answered through Lyzr, from the Lyzr KB, with our citations", async () => {
  const s = await setup();
  try {
    await s.train("Refund policy", REFUNDS);
    await call(s.app, "PUT", `/api/agents/${s.agentId}/lyzr-knowledge`, { cookie: s.cookie, body: { store: "lyzr" } });
    const started = await call(s.app, "POST", "/api/widget/session", {
      origin: "https://shop.example",
      body: { agentId: s.agentId },
    });
    const { visitorId } = await started.json();
    const agent = (await s.t.deps.store.agents.findPublic(s.agentId))!;
    const visitor = (await s.t.deps.store.visitors.get(agent.workspaceId, visitorId))!;
    s.fake.options.text = "Refunds reach your card within five business days [S1].";
    const { conversation } = await visitorSend(s.t.deps, visitor, {
      clientId: "q-1",
      text: "how long do refunds take to reach my card?",
    });
    await s.t.ai.idle();
    const messages = await s.t.deps.store.conversations.messagesAfter(agent.workspaceId, conversation.id, 0, {
      limit: 50,
      includeInternal: false,
    });
    const ai = messages.find((m) => m.authorKind === "ai")!;
    assert.equal(ai.text, "Refunds reach your card within five business days.");
    assert.deepEqual(ai.citations.map((c) => c.title), ["Refund policy"]);
    const [ragId] = [...s.fake.kbs.keys()];
    assert.ok(s.fake.requests.some((r) => r.path === `/v3/rag/${ragId}/retrieve/`), "retrieved from the Lyzr KB");
    const inference = s.fake.requests.find((r) => r.path === "/v3/inference/stream/")!;
    const [mirrorId] = [...s.fake.agents.keys()];
    assert.equal((inference.body as { agent_id: string }).agent_id, mirrorId);
    // One session for the conversation's answers (the provider's sentiment scoring has its own).
    assert.equal(s.fake.sessionIds.filter((id) => !id.startsWith("sentiment-")).length, 1);
  } finally {
    await s.close();
  }
});
