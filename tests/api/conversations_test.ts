import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { startWidgetSession } from "../../models/chat/visitors.ts";
import { addMember, call, makeTestDeps, signUp } from "../helpers.ts";

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test" });
  const b = await signUp(app, { email: "admin@b.test" });
  const { agent } = await (await call(app, "POST", "/api/agents", { cookie: b.cookie, body: { name: "B bot" } }))
    .json();
  const { visitor } = await startWidgetSession(ctx.deps, { agentId: agent.id });
  const { conversation } = await visitorSend(ctx.deps, visitor, {
    clientId: "client-000001",
    text: "order 4711 is late",
  });
  await ctx.ai.idle();
  return { ...ctx, app, a, b, agent, conversation };
}

Deno.test("every conversation endpoint answers another workspace's conversation with 404", async () => {
  const t = await setup();
  try {
    const id = t.conversation.id;
    const before = await t.deps.store.conversations.get(t.b.user.workspaceId, id);
    const calls: Array<[string, string, unknown?]> = [
      ["GET", `/api/conversations/${id}`],
      ["POST", `/api/conversations/${id}/messages`, { clientId: "client-xyz-1", text: "hi" }],
      ["POST", `/api/conversations/${id}/takeover`],
      ["POST", `/api/conversations/${id}/handback`],
      ["POST", `/api/conversations/${id}/read`, { seq: 1 }],
    ];
    for (const [method, path, body] of calls) {
      const res = await call(t.app, method, path, { cookie: t.a.cookie, body });
      assert.equal(res.status, 404, `${method} ${path}`);
    }
    const list = await (await call(t.app, "GET", "/api/conversations", { cookie: t.a.cookie })).json();
    assert.deepEqual(list.conversations, []);
    const theirs = await (await call(t.app, "GET", `/api/conversations/${id}`, { cookie: t.b.cookie })).json();
    assert.equal(theirs.messages.length >= 1, true);
    assert.equal(theirs.conversation.handledBy, before!.handledBy, "nothing changed");
    assert.equal(theirs.conversation.lastSeq, before!.lastSeq, "nothing added");
    for (const [method, path, body] of calls) {
      assert.equal((await call(t.app, method, path, { body })).status, 401, `anonymous ${method} ${path}`);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("members work the inbox: reply (taking over), hand back, read markers", async () => {
  const t = await setup();
  try {
    const m = await addMember(t.app, t.dir, t.b.cookie, "m@b.test");
    const id = t.conversation.id;
    // The AI (with no knowledge) handed off already; hand back so the reply is what takes over.
    await call(t.app, "POST", `/api/conversations/${id}/handback`, { cookie: m.cookie });
    await t.ai.idle();
    const reply = await call(t.app, "POST", `/api/conversations/${id}/messages`, {
      cookie: m.cookie,
      body: { clientId: "staff-reply-1", text: "We are on it." },
    });
    assert.equal(reply.status, 201);
    const { message } = await reply.json();
    assert.equal(message.author.kind, "staff");
    const again = await call(t.app, "POST", `/api/conversations/${id}/messages`, {
      cookie: m.cookie,
      body: { clientId: "staff-reply-1", text: "We are on it." },
    });
    assert.equal((await again.json()).message.id, message.id, "idempotent");
    const thread = await (await call(t.app, "GET", `/api/conversations/${id}`, { cookie: m.cookie })).json();
    assert.equal(thread.conversation.handledBy, "human", "a reply takes over");
    assert.ok(
      thread.messages.some((x: { sender: string; text: string }) => x.sender === "system" && /joined/.test(x.text)),
    );
    const seqs = thread.messages.map((x: { seq: number }) => x.seq);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1));
    const back = await call(t.app, "POST", `/api/conversations/${id}/handback`, { cookie: m.cookie });
    assert.equal((await back.json()).conversation.handledBy, "ai");
    await t.ai.idle();
    const read = await call(t.app, "POST", `/api/conversations/${id}/read`, { cookie: m.cookie, body: { seq: 999 } });
    const conv = (await read.json()).conversation;
    assert.equal(conv.staffReadSeq, conv.lastSeq, "capped at the last message");
    const bad = await call(t.app, "POST", `/api/conversations/${id}/messages`, {
      cookie: m.cookie,
      body: { clientId: "x", text: "" },
    });
    assert.equal(bad.status, 400);
  } finally {
    await t.cleanup();
  }
});

Deno.test("an AI answer cut by a restart is marked interrupted, never left streaming", async () => {
  const t = await setup();
  try {
    const { recoverInterrupted } = await import("../../listeners/ai_replies.ts");
    const wid = t.b.user.workspaceId;
    const { message } = await t.deps.store.conversations.append(wid, t.conversation.id, {
      sender: "agent",
      authorKind: "ai",
      text: "Refunds are",
      attachmentIds: [],
      citations: [],
      status: "streaming",
      internal: false,
      metadata: {},
    }, new Date());
    assert.equal(await recoverInterrupted(t.deps), 1);
    const after = await t.deps.store.conversations.getMessage(wid, message.id);
    assert.equal(after?.status, "interrupted");
    assert.match(after!.text, /^Refunds are/);
  } finally {
    await t.cleanup();
  }
});

Deno.test("questions left unanswered by a stop are answered at start-up, once", async () => {
  const t = await setup();
  try {
    const { startListeners } = await import("../../listeners/mod.ts");
    const { messageCreated } = await import("../../models/chat/chat.ts");
    const wid = t.b.user.workspaceId;
    await call(t.app, "POST", `/api/conversations/${t.conversation.id}/handback`, { cookie: t.b.cookie });
    await t.ai.idle();
    await t.ai.stop();
    // A question stored (with its event) while no responder ran, as after a kill:
    await t.deps.store.conversations.append(
      wid,
      t.conversation.id,
      {
        sender: "user",
        authorKind: "visitor",
        authorId: t.conversation.visitorId,
        text: "hello again?",
        attachmentIds: [],
        citations: [],
        status: "complete",
        internal: false,
        metadata: {},
      },
      new Date(),
      messageCreated,
    );
    const aiAnswers = async () =>
      (await t.deps.store.conversations.messagesAfter(wid, t.conversation.id, 0, { limit: 100, includeInternal: true }))
        .filter((m) => m.authorKind === "ai");
    const before = (await aiAnswers()).length;
    for (let restart = 0; restart < 2; restart++) {
      const listeners = await startListeners(t.deps, { ingestion: "lazy", escalationEveryMs: 0 });
      await listeners.idle();
      await listeners.stop();
    }
    const after = await aiAnswers();
    assert.equal(after.length, before + 1, "answered once, across two restarts");
    assert.equal(after.at(-1)?.status, "complete");
  } finally {
    await t.cleanup();
  }
});
