import assert from "node:assert/strict";
import type { ServerFrame, WireMessage } from "../../realtime/protocol.ts";
import { makeTestDeps, signUp, startServer } from "../helpers.ts";
import { connect, type TestSocket } from "./ws_client.ts";

const FAQ = "## Refunds\nRefunds are issued within 5 business days of receiving the returned item.";

async function setup() {
  const ctx = await makeTestDeps();
  const server = await startServer(ctx.deps);
  const origin = server.url;
  const admin = await signUp({
    request: (p, i) => fetch(server.url + p, { ...i, headers: { ...i.headers as Record<string, string>, origin } }),
  }, { email: "admin@a.test" });
  const post = (path: string, body: unknown, cookie = admin.cookie) =>
    fetch(server.url + path, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin },
      body: JSON.stringify(body),
    });
  const agent = (await (await post("/api/agents", { name: "Bot" })).json()).agent;
  await post(`/api/agents/${agent.id}/train`, { type: "text", content: FAQ, metadata: { title: "Help" } });
  await ctx.runner.idle();
  const session = async (token?: string) =>
    await (await fetch(`${server.url}/api/widget/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://customer.example" },
      body: JSON.stringify({ agentId: agent.id, token }),
    })).json();
  const visitor = async (token?: string) => {
    const s = await session(token);
    const ws = await connect(`${server.url}/api/widget/ws`);
    return { ws, token: s.token as string, visitorId: s.visitorId as string };
  };
  const staff = () => connect(`${server.url}/api/realtime`, { cookie: admin.cookie, origin });
  return {
    ...ctx,
    server,
    admin,
    agent,
    post,
    visitor,
    staff,
    async close(...sockets: TestSocket[]) {
      await Promise.all(sockets.map((s) => s.close()));
      await server.close();
      await ctx.cleanup();
    },
  };
}

/** Says hello on each socket (visitors with their token) and waits for its welcome. */
async function greet(...sockets: Array<{ ws: TestSocket; token?: string }>) {
  for (const { ws, token } of sockets) {
    ws.send(token ? { type: "hello", token } : { type: "hello" });
    await ws.next(isType("welcome"));
  }
}

const isType = <T extends ServerFrame["type"]>(type: T) => (f: ServerFrame): f is Extract<ServerFrame, { type: T }> =>
  f.type === type;
const ackOf = (clientId: string) => (f: ServerFrame): f is Extract<ServerFrame, { type: "ack" }> =>
  f.type === "ack" && f.clientId === clientId;

Deno.test("a visitor's message is acknowledged after it is stored, then the agent types and answers", async () => {
  const t = await setup();
  const v = await t.visitor();
  try {
    v.ws.send({ type: "hello", token: v.token });
    await v.ws.next(isType("welcome"));
    v.ws.send({
      type: "send",
      clientId: "client-0001",
      text: "how long do refunds take?",
      pageUrl: "https://customer.example/help",
    });
    const ack = await v.ws.next(ackOf("client-0001"));
    assert.equal(ack.message.seq, 1);
    const stored = await t.deps.store.conversations.getMessage(t.admin.user.workspaceId, ack.message.id);
    assert.equal(stored?.text, "how long do refunds take?");
    // The built-in responder's answer comes whole: the agent is shown typing until it is written.
    const typing = await v.ws.next(isType("typing")) as { from: string; on: boolean; name?: string };
    assert.deepEqual([typing.from, typing.on, typing.name], ["ai", true, "Bot"]);
    const done = await v.ws.waitFor((f) => f.type === "message" && f.message.author.kind === "ai") as {
      message: WireMessage;
    };
    assert.equal(done.message.status, "complete");
    assert.match(done.message.text, /5 business days/);
    assert.equal(done.message.seq, 2);
    assert.deepEqual(done.message.citations.map((c) => c.title), ["Help"]);
    assert.ok(done.message.html);
  } finally {
    await t.close(v.ws);
  }
});

Deno.test("a resend with the same client id returns the original and never stores a second message", async () => {
  const t = await setup();
  const v = await t.visitor();
  try {
    v.ws.send({ type: "hello", token: v.token });
    await v.ws.next(isType("welcome"));
    v.ws.send({ type: "send", clientId: "client-dup-1", text: "hi there" });
    const first = await v.ws.next(ackOf("client-dup-1"));
    v.ws.frames.length = 0;
    v.ws.send({ type: "send", clientId: "client-dup-1", text: "hi there" });
    const second = await v.ws.next(ackOf("client-dup-1"));
    assert.equal(second.message.id, first.message.id);
    const convs = await t.deps.store.conversations.listForVisitor(t.admin.user.workspaceId, v.visitorId);
    assert.equal(convs.length, 1, "a resent first message does not start a second conversation");
    const all = await t.deps.store.conversations.messagesAfter(t.admin.user.workspaceId, convs[0].id, 0, {
      limit: 50,
      includeInternal: true,
    });
    assert.equal(all.filter((m) => m.text === "hi there").length, 1);
  } finally {
    await t.close(v.ws);
  }
});

Deno.test("after a reconnect the visitor gets what was sent while away, in gapless order, nothing doubled", async () => {
  const t = await setup();
  const v = await t.visitor();
  try {
    v.ws.send({ type: "hello", token: v.token });
    await v.ws.next(isType("welcome"));
    v.ws.send({ type: "send", clientId: "client-r-1", text: "I need a person" });
    const ack = await v.ws.next(ackOf("client-r-1"));
    const conversationId = ack.message.conversationId;
    await v.ws.waitFor((f) => f.type === "conversation" && f.conversation.handledBy === "human");
    const seen = Math.max(
      ...v.ws.frames.filter((f) => f.type === "message" || f.type === "ack").map((f) =>
        (f as { message: WireMessage }).message.seq
      ),
    );
    await v.ws.close();
    for (const text of ["Hello from staff", "Are you there?"]) {
      const res = await t.post(`/api/conversations/${conversationId}/messages`, {
        clientId: crypto.randomUUID(),
        text,
      });
      assert.equal(res.status, 201);
    }
    const again = await connect(`${t.server.url}/api/widget/ws`);
    again.send({ type: "hello", token: v.token, resume: [{ conversationId, afterSeq: seen }] });
    await again.waitFor((f) => f.type === "message" && f.message.text === "Are you there?");
    const replayed = again.frames.filter((f) => f.type === "message").map((f) =>
      (f as { message: WireMessage }).message
    );
    const seqs = replayed.map((m) => m.seq);
    assert.deepEqual(
      seqs,
      Array.from({ length: seqs.length }, (_, i) => seen + 1 + i),
      "gapless, in order, from seen+1",
    );
    assert.equal(new Set(replayed.map((m) => m.id)).size, replayed.length, "nothing doubled");
    assert.ok(replayed.some((m) => m.text === "Hello from staff" && m.author.kind === "staff"));
    await again.close();
  } finally {
    await t.close();
  }
});

Deno.test("a visitor token reaches only that visitor's conversations", async () => {
  const t = await setup();
  const a = await t.visitor();
  const b = await t.visitor();
  try {
    a.ws.send({ type: "hello", token: a.token });
    b.ws.send({ type: "hello", token: b.token });
    await a.ws.next(isType("welcome"));
    await b.ws.next(isType("welcome"));
    a.ws.send({ type: "send", clientId: "client-a-1", text: "my secret order 4711" });
    const ack = await a.ws.next(ackOf("client-a-1"));
    const theirs = ack.message.conversationId;
    b.ws.send({ type: "sync", conversationId: theirs, afterSeq: 0 });
    b.ws.send({ type: "send", clientId: "client-b-1", conversationId: theirs, text: "intrusion" });
    b.ws.send({ type: "subscribe", conversationId: theirs });
    await b.ws.waitFor((f) => f.type === "error" && f.clientId === "client-b-1");
    await b.ws.waitFor((f) => f.type === "error" && f.code === "forbidden");
    assert.ok(b.ws.frames.filter((f) => f.type === "error").some((f) => (f as { code: string }).code === "not_found"));
    assert.ok(!JSON.stringify(b.ws.frames).includes("4711"), "nothing of A's conversation reached B");
    const hello = await connect(`${t.server.url}/api/widget/ws`);
    hello.send({ type: "hello", token: b.token, resume: [{ conversationId: theirs, afterSeq: 0 }] });
    await hello.waitFor((f) => f.type === "error");
    assert.ok(!JSON.stringify(hello.frames).includes("4711"));
    const forged = await connect(`${t.server.url}/api/widget/ws`);
    forged.send({ type: "hello", token: a.token.slice(0, -4) + "AAAA" });
    const closed = await forged.closed;
    assert.equal(closed.code, 4401);
    await hello.close();
  } finally {
    await t.close(a.ws, b.ws);
  }
});

Deno.test("the staff socket refuses a foreign Origin and anonymous callers", async () => {
  const t = await setup();
  try {
    await assert.rejects(
      connect(`${t.server.url}/api/realtime`, { cookie: t.admin.cookie, origin: "https://evil.example" }),
    );
    await assert.rejects(connect(`${t.server.url}/api/realtime`, { origin: t.server.url }));
    const ok = await t.staff();
    ok.send({ type: "hello" });
    await ok.next(isType("welcome"));
    await ok.close();
  } finally {
    await t.close();
  }
});

Deno.test("oversize and flooding visitors get error frames", async () => {
  const t = await setup();
  const v = await t.visitor();
  try {
    v.ws.send({ type: "hello", token: v.token });
    await v.ws.next(isType("welcome"));
    v.ws.send(JSON.stringify({ type: "send", clientId: "client-big-1", text: "x".repeat(20_000) }));
    const big = await v.ws.waitFor((f) => f.type === "error" && f.code === "too_large");
    assert.ok(big);
    v.ws.send("{not json");
    await v.ws.waitFor((f) => f.type === "error" && f.code === "invalid_frame");
    for (let i = 0; i < 40; i++) v.ws.send({ type: "ping" });
    await v.ws.waitFor((f) => f.type === "error" && f.code === "rate_limited");
  } finally {
    await t.close(v.ws);
  }
});

Deno.test("staff see a visitor's conversation live and their reply reaches the visitor", async () => {
  const t = await setup();
  const v = await t.visitor();
  const s = await t.staff();
  try {
    await greet({ ws: s }, v);
    v.ws.send({ type: "send", clientId: "client-s-1", text: "Talk to a human please" });
    const ack = await v.ws.next(ackOf("client-s-1"));
    const cid = ack.message.conversationId;
    await s.waitFor((f) => f.type === "conversation" && f.conversation.id === cid);
    s.send({ type: "subscribe", conversationId: cid });
    s.send({ type: "typing", conversationId: cid, on: true });
    await v.ws.waitFor((f) => f.type === "typing" && f.from === "staff" && f.on);
    s.send({ type: "send", clientId: "staff-0001", conversationId: cid, text: "Hi, I'm Ada from support." });
    await s.next(ackOf("staff-0001"));
    const got = await v.ws.waitFor((f) => f.type === "message" && f.message.author.kind === "staff");
    assert.equal((got as { message: WireMessage }).message.text, "Hi, I'm Ada from support.");
    v.ws.send({ type: "read", conversationId: cid, seq: (got as { message: WireMessage }).message.seq });
    await s.waitFor((f) => f.type === "read" && f.by === "visitor");
  } finally {
    await t.close(v.ws, s);
  }
});

Deno.test("the sending socket gets its message once (the ack), the visitor's other tab and staff get it live", async () => {
  const t = await setup();
  const v = await t.visitor();
  const tab2 = await connect(`${t.server.url}/api/widget/ws`);
  const s = await t.staff();
  try {
    await greet({ ws: s }, v);
    v.ws.send({ type: "send", clientId: "client-tab-1", text: "Talk to a human please" });
    const cid = (await v.ws.next(ackOf("client-tab-1"))).message.conversationId;
    await t.post(`/api/conversations/${cid}/takeover`, {});
    await greet({ ws: tab2, token: v.token });
    s.send({ type: "subscribe", conversationId: cid });
    v.ws.send({ type: "send", clientId: "client-tab-2", conversationId: cid, text: "Is anyone there?" });
    const ack = await v.ws.next(ackOf("client-tab-2"));
    const onTab2 = await tab2.waitFor((f) => f.type === "message" && f.message.clientId === "client-tab-2");
    assert.equal((onTab2 as { message: WireMessage }).message.id, ack.message.id);
    const onStaff = await s.waitFor((f) => f.type === "message" && f.message.clientId === "client-tab-2");
    assert.equal((onStaff as { message: WireMessage }).message.id, ack.message.id);
    // Later frames prove each socket had its chance to get a copy.
    v.ws.send({ type: "ping" });
    await v.ws.next(isType("pong"));
    s.send({ type: "ping" });
    await s.next(isType("pong"));
    const onStaffAll = s.frames.filter((f) =>
      (f.type === "message" && f.message.clientId === "client-tab-2") ||
      (f.type === "conversation" && f.conversation.id === cid &&
        f.conversation.lastMessagePreview === "Is anyone there?")
    );
    assert.deepEqual(
      onStaffAll.map((f) => f.type),
      ["message"],
      "once: the message moves the inbox row as well",
    );
    const copies = v.ws.frames.filter((f) =>
      (f.type === "ack" || f.type === "message") && f.message.clientId === "client-tab-2"
    );
    assert.deepEqual(copies.map((f) => f.type), ["ack"]);
  } finally {
    await t.close(v.ws, tab2, s);
  }
});

Deno.test("a visitor identifying themselves shows up in the staff inbox at once", async () => {
  const t = await setup();
  const v = await t.visitor();
  const s = await t.staff();
  try {
    v.ws.send({ type: "hello", token: v.token });
    await v.ws.next(isType("welcome"));
    v.ws.send({ type: "send", clientId: "client-id-1", text: "Hello there" });
    const cid = (await v.ws.next(ackOf("client-id-1"))).message.conversationId;
    s.send({ type: "hello" });
    await s.next(isType("welcome"));
    const res = await fetch(`${t.server.url}/api/widget/identify`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${v.token}`,
        origin: "https://customer.example",
      },
      body: JSON.stringify({ email: "grace@customer.example", name: "Grace Hopper" }),
    });
    assert.equal(res.status, 200, await res.text());
    // Frames shaped before the identify (the AI's answer to "Hello there") may still arrive first: the inbox
    // row must turn to the new name without another message from the visitor.
    const seen = await s.waitFor((f) =>
      f.type === "conversation" && f.conversation.id === cid && f.conversation.visitorName === "Grace Hopper"
    );
    assert.equal((seen as Extract<ServerFrame, { type: "conversation" }>).conversation.visitorName, "Grace Hopper");
  } finally {
    await t.close(v.ws, s);
  }
});

Deno.test("messages a visitor sends after identifying carry the new name, without reconnecting", async () => {
  const t = await setup();
  const v = await t.visitor();
  const s = await t.staff();
  try {
    await greet(v, { ws: s });
    v.ws.send({ type: "send", clientId: "before-identify", text: "Hello there" });
    const first = (await v.ws.next(ackOf("before-identify"))).message;
    assert.equal(first.author.name, undefined);
    s.send({ type: "subscribe", conversationId: first.conversationId });
    const res = await fetch(`${t.server.url}/api/widget/identify`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${v.token}`,
        origin: "https://customer.example",
      },
      body: JSON.stringify({ email: "ada@customer.example", name: "Ada Lovelace" }),
    });
    assert.equal(res.status, 200, await res.text());
    v.ws.send({ type: "send", clientId: "after-identify", text: "It's me", conversationId: first.conversationId });
    const ack = (await v.ws.next(ackOf("after-identify"))).message;
    assert.equal(ack.author.name, "Ada Lovelace");
    const seen = await s.waitFor((f) => f.type === "message" && f.message.id === ack.id);
    assert.equal((seen as Extract<ServerFrame, { type: "message" }>).message.author.name, "Ada Lovelace");
    const stored = await t.deps.store.conversations.getMessage(t.admin.user.workspaceId, ack.id);
    assert.equal(stored?.authorName, "Ada Lovelace");
  } finally {
    await t.close(v.ws, s);
  }
});

Deno.test("a staff-only message update (a provider's sentiment score) reaches the team's sockets, not the visitor's", async () => {
  const t = await setup();
  const v = await t.visitor();
  const s = await t.staff();
  try {
    await greet({ ws: s }, v);
    v.ws.send({ type: "send", clientId: "client-so-1", text: "Talk to a human please" });
    const ack = await v.ws.next(ackOf("client-so-1"));
    const cid = ack.message.conversationId;
    s.send({ type: "subscribe", conversationId: cid });
    s.send({ type: "ping" });
    await s.next(isType("pong"));
    const stored = (await t.deps.store.conversations.getMessage(t.admin.user.workspaceId, ack.message.id))!;
    const topic = `conversation:${cid}`;
    t.deps.bus.publish(topic, { type: "message.updated", message: stored, staffOnly: true });
    // Then an update everyone gets: once the visitor has it, they would have had the first one too.
    t.deps.bus.publish(topic, { type: "message.updated", message: { ...stored, text: "Talk to a person please" } });
    await v.ws.waitFor((f) => f.type === "message.updated" && f.message.text === "Talk to a person please");
    const updates = (frames: ServerFrame[]) =>
      frames.filter((f) => f.type === "message.updated").map((f) => (f as { message: WireMessage }).message.text);
    assert.deepEqual(updates(v.ws.frames), ["Talk to a person please"]);
    await s.waitFor((f) => f.type === "message.updated" && f.message.text === "Talk to a person please");
    assert.deepEqual(updates(s.frames), ["Talk to a human please", "Talk to a person please"]);
  } finally {
    await t.close(v.ws, s);
  }
});
