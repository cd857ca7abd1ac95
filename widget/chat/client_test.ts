import assert from "node:assert/strict";
import { FakeSocket } from "../../tests/fakes/fake_websocket.ts";
import type { ClientFrame, WireConversation, WireMessage } from "../../realtime/protocol.ts";
import type { WidgetSession } from "../types.ts";
import { ChatClient } from "./client.ts";
import { type HttpError, newId } from "./http.ts";

const C = "c".repeat(24);
const V = "v".repeat(24);

function conversation(over: Partial<WireConversation> = {}): WireConversation {
  return {
    id: C,
    agentId: "a".repeat(24),
    visitorId: V,
    status: "open",
    handledBy: "ai",
    lastSeq: 0,
    lastMessageAt: "2026-01-01T00:00:00.000Z",
    lastMessagePreview: "",
    visitorReadSeq: 0,
    staffReadSeq: 0,
    createdAt: "2026-01-01T00:00:00.000Z",
    ...over,
  };
}

function msg(seq: number, over: Partial<WireMessage> = {}): WireMessage {
  return {
    id: `m${seq}`.padEnd(24, "0"),
    conversationId: C,
    seq,
    sender: "agent",
    author: { kind: "ai" },
    text: `answer ${seq}`,
    attachments: [],
    citations: [],
    status: "complete",
    createdAt: "2026-01-01T00:00:00.000Z",
    ...over,
  };
}

function setup(conversations: WireConversation[] = []) {
  FakeSocket.all = [];
  const session: WidgetSession = {
    token: "tok",
    visitorId: V,
    agent: {
      id: "a".repeat(24),
      name: "Bot",
      welcomeMessage: "Hi!",
      widgetConfig: { primaryColor: "#123456", position: "right", title: "Help", subtitle: "" },
      texts: Object.fromEntries(
        (["en", "fr", "de", "es"] as const).map((l) => [l, { welcomeMessage: "Hi!", title: "Help", subtitle: "" }]),
      ) as WidgetSession["agent"]["texts"],
    },
    conversations,
    heartbeatMs: 60_000,
  };
  const announced: WireMessage[] = [];
  const client = new ChatClient({
    origin: "https://app.example",
    agentId: session.agent.id,
    session,
    pageUrl: () => "https://shop.example/cart",
    onSupportMessage: (m) => announced.push(m),
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    baseMs: 1,
    random: () => 0,
  });
  client.start();
  const socket = () => FakeSocket.all.at(-1)!;
  const welcome = (convs = conversations) =>
    socket().push({ type: "welcome", visitorId: V, heartbeatMs: 60_000, conversations: convs });
  return { client, socket, welcome, announced };
}

/** Removes the per-ticket flags a test left in `localStorage`. */
const forget = (kind: string, ...ids: string[]) => {
  for (const id of ids) globalThis.localStorage?.removeItem(`frontdesk:${"a".repeat(24)}:${kind}:${id}`);
};

const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));
const texts = (c: ChatClient) => c.state.items.map((i) => [i.message.text, i.receipt ?? null]);

Deno.test("a first message waits for the welcome, starts the conversation, and the AI answer streams in", () => {
  const { client, socket, welcome, announced } = setup();
  try {
    assert.equal(socket().url, "wss://app.example/api/widget/ws");
    client.send("  Where is my order?  ");
    assert.deepEqual(texts(client), [["Where is my order?", "sending"]], "shown at once, as sending");
    assert.equal(client.state.connection, "connecting");
    socket().open();
    assert.deepEqual(socket().sent, [{ type: "hello", token: "tok", resume: [] }]);
    welcome();
    assert.equal(client.state.connection, "online");
    const [send] = socket().sends() as Array<Extract<ClientFrame, { type: "send" }>>;
    assert.deepEqual(send, {
      type: "send",
      clientId: send.clientId,
      text: "Where is my order?",
      pageUrl: "https://shop.example/cart",
    });
    assert.match(send.clientId, /^[0-9a-f]{32}$/);
    socket().push({
      type: "ack",
      clientId: send.clientId,
      message: msg(1, {
        sender: "user",
        author: { kind: "visitor" },
        clientId: send.clientId,
        text: "Where is my order?",
      }),
    });
    assert.equal(client.state.conversation?.id, C);
    assert.deepEqual(texts(client), [["Where is my order?", "delivered"]]);

    socket().push({ type: "typing", conversationId: C, from: "ai", on: true });
    assert.deepEqual(client.state.typing, { from: "ai", name: undefined });
    socket().push({ type: "message", message: msg(2, { status: "streaming", text: "" }) });
    socket().push({ type: "ai.token", conversationId: C, messageId: msg(2).id, text: "It ships " });
    socket().push({ type: "ai.token", conversationId: C, messageId: msg(2).id, text: "<b>today</b>" });
    assert.equal(client.state.typing, null, "the first token replaces the typing dots");
    assert.equal(client.state.items[1].message.text, "It ships <b>today</b>");
    assert.equal(announced.length, 0, "announced when complete");
    socket().push({
      type: "message.updated",
      message: msg(2, { text: "It ships today.", html: "<p>It ships today.</p>", citations: [{ title: "FAQ" }] }),
    });
    assert.deepEqual(texts(client), [["Where is my order?", "delivered"], ["It ships today.", null]]);
    assert.deepEqual(announced.map((m) => m.seq), [2]);
    socket().push({ type: "read", conversationId: C, by: "staff", seq: 1 });
    assert.equal(client.state.items[0].receipt, "read");
  } finally {
    client.stop();
  }
});

Deno.test("after a drop: resume from the last seq, re-send unacked messages with the same clientId, nothing doubled", async () => {
  const { client, socket, welcome } = setup();
  try {
    socket().open();
    welcome();
    client.send("first");
    const first = socket().sends()[0] as Extract<ClientFrame, { type: "send" }>;
    socket().push({
      type: "ack",
      clientId: first.clientId,
      message: msg(1, { sender: "user", author: { kind: "visitor" }, clientId: first.clientId, text: "first" }),
    });
    socket().push({ type: "message", message: msg(2) });
    client.send("second"); // written, but the socket dies before the ack
    const second = socket().sends()[1] as Extract<ClientFrame, { type: "send" }>;
    assert.equal(second.conversationId, C);
    socket().drop();
    assert.equal(client.state.connection, "reconnecting");
    client.send("third"); // typed while offline
    assert.deepEqual(texts(client).slice(-2), [["second", "sending"], ["third", "sending"]]);
    const old = socket();
    await tick();
    assert.notEqual(socket(), old, "reconnected");
    socket().open();
    assert.deepEqual(socket().sent[0], { type: "hello", token: "tok", resume: [{ conversationId: C, afterSeq: 2 }] });
    welcome([conversation({ lastSeq: 4 })]);
    const resent = socket().sends() as Array<Extract<ClientFrame, { type: "send" }>>;
    assert.deepEqual(resent.map((f) => [f.clientId === second.clientId, f.text]), [[true, "second"], [false, "third"]]);
    // The server had stored "second" (seq 3) and an answer (4) before the drop: it resumes, then acks the resend.
    const stored = msg(3, { sender: "user", author: { kind: "visitor" }, clientId: second.clientId, text: "second" });
    socket().push({ type: "message", message: stored });
    socket().push({ type: "message", message: msg(4) });
    socket().push({ type: "ack", clientId: second.clientId, message: stored });
    socket().push({ type: "message", message: msg(2) }); // a repeat
    assert.deepEqual(texts(client), [
      ["first", null],
      ["answer 2", null],
      ["second", "delivered"],
      ["answer 4", null],
      ["third", "sending"],
    ]);
    assert.deepEqual(client.state.items.map((i) => i.message.seq), [1, 2, 3, 4, Infinity]);
  } finally {
    client.stop();
  }
});

Deno.test("a returning visitor gets the history back without it counting as new or unread", () => {
  const conv = conversation({ lastSeq: 2, visitorReadSeq: 2 });
  const { client, socket, welcome, announced } = setup([conv]);
  const unread: number[] = [];
  client.subscribe(() => unread.push(client.state.unread));
  try {
    socket().open();
    assert.deepEqual(socket().sent[0], { type: "hello", token: "tok", resume: [{ conversationId: C, afterSeq: 0 }] });
    welcome();
    socket().push({ type: "message", message: msg(1, { sender: "user", author: { kind: "visitor" }, text: "q" }) });
    socket().push({ type: "message", message: msg(2) });
    assert.deepEqual(texts(client), [["q", "delivered"], ["answer 2", null]]);
    assert.equal(announced.length, 0);
    assert.equal(client.state.unread, 0);
    // A staff reply while the panel is closed is new and unread; opening reads it.
    socket().push({ type: "message", message: msg(3, { author: { kind: "staff", name: "Grace" }, text: "Hello!" }) });
    assert.deepEqual(announced.map((m) => m.text), ["Hello!"]);
    assert.equal(client.state.unread, 1);
    client.setVisible(true);
    assert.equal(client.state.unread, 0);
    assert.deepEqual(socket().sent.at(-1), { type: "read", conversationId: C, seq: 3 });
  } finally {
    client.stop();
  }
});

Deno.test("a gap in seq asks the server for a sync once", () => {
  const { client, socket, welcome } = setup([conversation({ lastSeq: 1 })]);
  try {
    socket().open();
    welcome();
    socket().push({ type: "message", message: msg(1) });
    socket().push({ type: "message", message: msg(4) });
    socket().push({ type: "message", message: msg(5) });
    const syncs = socket().sent.filter((f) => f.type === "sync");
    assert.deepEqual(syncs, [{ type: "sync", conversationId: C, afterSeq: 1 }]);
  } finally {
    client.stop();
  }
});

Deno.test("Talk to a human before any message starts the conversation, then hands it off", () => {
  const { client, socket, welcome } = setup();
  try {
    socket().open();
    welcome();
    client.requestHuman("I'd like to talk to a person, please.");
    assert.equal(client.state.handoff, true);
    const [send] = socket().sends() as Array<Extract<ClientFrame, { type: "send" }>>;
    assert.equal(send.text, "I'd like to talk to a person, please.");
    assert.equal(socket().sent.some((f) => f.type === "handoff"), false);
    socket().push({
      type: "ack",
      clientId: send.clientId,
      message: msg(1, { sender: "user", clientId: send.clientId }),
    });
    assert.deepEqual(socket().sent.at(-1), { type: "handoff", conversationId: C });
  } finally {
    client.stop();
  }
});

Deno.test("a refused send is marked not sent and can be retried with the same clientId", () => {
  const { client, socket, welcome } = setup([conversation()]);
  try {
    socket().open();
    welcome();
    client.send("x".repeat(10));
    const [send] = socket().sends() as Array<Extract<ClientFrame, { type: "send" }>>;
    socket().push({ type: "error", code: "too_large", message: "too big", clientId: send.clientId });
    assert.deepEqual(texts(client), [["xxxxxxxxxx", "failed"]]);
    assert.equal(client.state.notice, "too_large");
    client.retry(send.clientId);
    assert.equal((socket().sends()[1] as { clientId: string }).clientId, send.clientId);
    assert.deepEqual(texts(client), [["xxxxxxxxxx", "sending"]]);
  } finally {
    client.stop();
  }
});

Deno.test("the handoff notice shows once staff take the conversation over", () => {
  const { client, socket, welcome } = setup([conversation()]);
  try {
    socket().open();
    welcome();
    assert.equal(client.state.handoff, false);
    socket().push({ type: "conversation", conversation: conversation({ handledBy: "human" }) });
    assert.equal(client.state.handoff, true);
  } finally {
    client.stop();
  }
});

Deno.test("show: an emailed link's conversation is shown (its history asked for); someone else's is ignored", () => {
  const D = "d".repeat(24);
  const { client, socket, welcome } = setup([
    conversation({ lastMessageAt: "2026-01-02T00:00:00.000Z" }),
    conversation({ id: D, status: "closed", lastSeq: 3 }),
  ]);
  try {
    assert.equal(client.state.conversation?.id, C, "the most recent open one by default");
    // At page load the chat is mounted before the socket opens: the hello resumes it from 0.
    assert.equal(client.show(D), true);
    assert.equal(client.state.conversation?.id, D);
    socket().open();
    assert.deepEqual(socket().sent[0], {
      type: "hello",
      token: "tok",
      resume: [{ conversationId: C, afterSeq: 0 }, { conversationId: D, afterSeq: 0 }],
    });
    welcome();
    socket().push({ type: "message", message: msg(1, { conversationId: D, author: { kind: "staff" } }) });
    // Later (a link followed on the same page), online: a sync for what is missing.
    assert.equal(client.show(C), true);
    assert.deepEqual(socket().sent.at(-1), { type: "sync", conversationId: C, afterSeq: 0 });
    assert.equal(client.show("e".repeat(24)), false);
    assert.equal(client.state.conversation?.id, C);
  } finally {
    client.stop();
  }
});

Deno.test("rate: POSTs the score with the visitor token and remembers the ticket; a refusal is an HttpError", async () => {
  const T = newId(); // localStorage outlives a test run: fresh ids, removed at the end
  const U = newId();
  const { client } = setup([conversation()]);
  const calls: Array<{ url: string; init: RequestInit }> = [];
  let answer = new Response(JSON.stringify({ ok: true }), { status: 200 });
  const realFetch = globalThis.fetch;
  globalThis.fetch = (url, init) => {
    calls.push({ url: String(url), init: init ?? {} });
    return Promise.resolve(answer);
  };
  try {
    assert.equal(client.rated(T), false);
    await client.rate(C, T, 5, "Great");
    assert.equal(calls[0].url, `https://app.example/api/widget/conversations/${C}/rating`);
    assert.equal(calls[0].init.method, "POST");
    assert.equal(calls[0].init.credentials, "omit");
    assert.equal((calls[0].init.headers as Record<string, string>).authorization, "Bearer tok");
    assert.deepEqual(JSON.parse(String(calls[0].init.body)), { score: 5, comment: "Great" });
    assert.equal(client.rated(T), true);

    answer = new Response(JSON.stringify({ error: { code: "not_resolved", message: "no" } }), { status: 409 });
    await assert.rejects(
      () => client.rate(C, U, 3),
      (err: HttpError) => err.status === 409 && err.code === "not_resolved",
    );
    assert.deepEqual(JSON.parse(String(calls[1].init.body)), { score: 3 });
    assert.equal(client.rated(U), false);
  } finally {
    globalThis.fetch = realFetch;
    forget("rated", T, U);
    client.stop();
  }
});

Deno.test("decline: 'No thanks' to an email request is remembered", () => {
  const [r1, r2] = [newId(), newId()];
  const { client } = setup([conversation()]);
  let changes = 0;
  client.subscribe(() => changes++);
  try {
    assert.equal(client.declined(r1), false);
    client.decline(r1);
    assert.equal(client.declined(r1), true);
    assert.equal(client.declined(r2), false);
    assert.equal(changes, 1, "the panel redraws");
  } finally {
    forget("noemail", r1);
    client.stop();
  }
});
