import assert from "node:assert/strict";
import { analyzeSentiment, rollAll } from "../../models/sentiment/sentiment.ts";
import { parseProviderSentiment, SENTIMENT_SYSTEM } from "../../models/sentiment/provider.ts";
import { startAnthropicFake } from "../fakes/anthropic_fake.ts";
import { openAiWorkspaces, type WorkspaceOptions } from "../fakes/openai_workspace.ts";
import { call } from "../helpers.ts";

/** Sarcasm the English lexicon reads as praise ("great", "thanks"): only a model hears the anger. */
const SARCASM = "Great, just great. Thanks a lot for nothing, the app crashed again and I lost my work";

/** Is this chat request the sentiment rating (by its system prompt)? */
const isRating = (body: Record<string, unknown>) => {
  const msgs = body.messages as { role: string; content: unknown }[];
  return JSON.stringify(body.system ?? msgs?.[0]?.content ?? "").includes("rate the sentiment");
};

async function setup() {
  const t = await openAiWorkspaces();
  const workspace = async (email: string, opts: WorkspaceOptions = {}) => {
    const w = await t.workspace(email, opts);
    /** A customer's message, and the conversation and message as staff read them once the listeners are done. */
    const chat = async (text: string) => {
      const { conversation, message } = await w.chat(text);
      const thread = await (await call(t.app, "GET", `/api/conversations/${conversation.id}`, {
        cookie: w.admin.cookie,
      })).json();
      const mine = (thread.messages as { id: string; sentiment?: { score: number; label: string } }[])
        .find((m) => m.id === message.id)!;
      return { conversation: thread.conversation, message: mine, id: conversation.id as string };
    };
    return { ...w, chat };
  };
  return { ...t, workspace, ratings: () => t.chatRequests(isRating) };
}

Deno.test("provider sentiment: the answer is strict JSON, validated; anything else is no answer", () => {
  assert.deepEqual(parseProviderSentiment('{"score": -0.8, "label": "negative"}'), { score: -0.8, label: "negative" });
  assert.deepEqual(parseProviderSentiment('```json\n{"score":0.5,"label":"positive"}\n```'), {
    score: 0.5,
    label: "positive",
  });
  // The label is ours by the score's band (a mild -0.2 is neutral here, as for the lexicon).
  assert.deepEqual(parseProviderSentiment('{"score":-0.2,"label":"negative"}'), { score: -0.2, label: "neutral" });
  for (
    const bad of [
      "negative",
      '{"score": -2, "label": "negative"}',
      '{"score": "-0.5", "label": "negative"}',
      '{"score": -0.5, "label": "angry"}',
      '{"score": -0.5, "label": "negative", "reason": "x"}',
      '{"score": -0.9, "label": "positive"}',
      "{score: -0.5}",
    ]
  ) assert.equal(parseProviderSentiment(bad), null, bad);
});

Deno.test("provider sentiment: the provider's score replaces the lexicon's, rules and analytics follow", async () => {
  const t = await setup();
  try {
    t.fakeOpts.textFor = (body) => isRating(body) ? '{"score": -0.85, "label": "negative"}' : undefined;
    const a = await t.workspace("admin@a.test");
    const rule = await call(t.app, "PUT", "/api/settings/sentiment", {
      cookie: a.admin.cookie,
      body: { threshold: -0.6, raisePriority: "urgent", handoff: true, byProvider: true },
    });
    assert.equal(rule.status, 200);
    assert.equal(analyzeSentiment(SARCASM).label, "positive", "the lexicon is fooled");

    const { conversation, message, id } = await a.chat(SARCASM);
    assert.deepEqual(message.sentiment, { score: -0.85, label: "negative" });
    assert.deepEqual(conversation.sentiment, { score: -0.85, label: "negative" });

    // One small structured request, checked.
    const [req] = t.ratings();
    const body = req.body as Record<string, unknown>;
    const msgs = body.messages as { role: string; content: string }[];
    assert.equal(msgs[0].role, "system");
    assert.equal(msgs[0].content, SENTIMENT_SYSTEM);
    assert.equal(msgs.at(-1)!.role, "user");
    assert.ok(msgs.at(-1)!.content.includes(SARCASM));
    assert.equal(msgs.length, 2, "no conversation history");
    assert.equal(body.temperature, 0);
    assert.ok(Number(body.max_tokens ?? body.max_completion_tokens) <= 40);

    // The event, for rules, analytics and webhooks.
    const events = await t.deps.store.events.after(0, { limit: 1000, types: ["message.sentiment_scored"] });
    assert.equal(events.length, 1);
    const p = events[0].payload as Record<string, unknown>;
    assert.equal(p.messageId, message.id);
    assert.deepEqual(p.previous, analyzeSentiment(SARCASM));
    assert.deepEqual(p.sentiment, { score: -0.85, label: "negative" });
    assert.equal(p.provider, "openai");

    // The rule: handed to a person (the lexicon alone would not have), ticket at the rule's priority.
    const ticket = await t.deps.store.tickets.forConversation(a.workspaceId, id);
    assert.ok(ticket, "a ticket was opened");
    assert.equal(ticket.source, "negative_sentiment");
    assert.equal(ticket.priority, "urgent");
    const fresh = await t.deps.store.conversations.get(a.workspaceId, id);
    assert.equal(fresh?.handledBy, "human");

    // Analytics count the provider's score, not the lexicon's.
    const summary = await (await call(t.app, "GET", "/api/analytics/summary", { cookie: a.admin.cookie })).json();
    assert.equal(summary.sentiment.messages, 1);
    assert.equal(summary.sentiment.average, -0.85);
    assert.equal(summary.sentiment.negativeMessages, 1);
    assert.equal(summary.sentiment.negativeConversations, 1);

    // Redelivered, the event changes nothing and asks nothing.
    const { sentiment } = await import("../../listeners/sentiment.ts");
    const created = (await t.deps.store.events.after(0, { limit: 1000, types: ["message.created"] }))
      .find((e) => (e.payload as { message: { id: string } }).message.id === message.id)!;
    await sentiment.handle(created, { deps: t.deps, signal: new AbortController().signal });
    assert.equal(t.ratings().length, 1);
    assert.equal((await t.deps.store.events.after(0, { limit: 1000, types: ["message.sentiment_scored"] })).length, 1);
  } finally {
    await t.close();
  }
});

Deno.test("provider sentiment: failures and odd answers leave the lexicon's score, quietly", async () => {
  const t = await setup();
  try {
    const warnings = t.watchWarnings();
    let answer = "It sounds rather negative to me.";
    t.fakeOpts.textFor = (body) => isRating(body) ? answer : undefined;
    const a = await t.workspace("admin@a.test");
    const text = "This is awful, I am very angry";
    const lexicon = analyzeSentiment(text);
    for (const reply of [answer, '{"score": -7, "label": "negative"}', '{"score": 0.9, "label": "negative"}']) {
      answer = reply;
      const { message, conversation } = await a.chat(text);
      assert.deepEqual(message.sentiment, lexicon, reply);
      assert.deepEqual(conversation.sentiment, lexicon);
    }
    assert.ok(warnings.includes("sentiment: provider's answer was not the JSON asked for, lexicon score kept"));

    // The provider refuses (a revoked key): the lexicon's score, no error anywhere.
    const b = await t.workspace("admin@b.test", { key: "sk-revoked" });
    const { message } = await b.chat(text);
    assert.deepEqual(message.sentiment, lexicon);
    assert.ok(warnings.includes("sentiment: provider failed, lexicon score kept"));
    assert.equal((await t.deps.store.events.after(0, { limit: 1000, types: ["message.sentiment_scored"] })).length, 0);
    const dead = await t.deps.store.events.deadLetters?.("sentiment");
    assert.ok(!dead || dead.length === 0);
  } finally {
    await t.close();
  }
});

Deno.test("provider sentiment: only the workspace's own agent's provider scores, and only when allowed", async () => {
  const t = await setup();
  try {
    t.fakeOpts.textFor = (body) => isRating(body) ? '{"score": -0.9, "label": "negative"}' : undefined;
    const a = await t.workspace("admin@a.test");
    const b = await t.workspace("admin@b.test", { provider: "local" });
    const c = await t.workspace("admin@c.test");
    assert.equal(
      (await call(t.app, "PUT", "/api/settings/sentiment", {
        cookie: c.admin.cookie,
        body: { threshold: -0.6, raisePriority: "high", handoff: false, byProvider: false },
      })).status,
      200,
    );
    const textA = "Where is my order? It is late";
    const textB = "Where is my parcel? It is late";
    const textC = "Where is my package? It is late";
    const inA = await a.chat(textA);
    const inB = await b.chat(textB);
    const inC = await c.chat(textC);
    assert.equal(inA.message.sentiment?.score, -0.9);
    // B (the built-in responder) and C (setting off) keep the lexicon; their texts never reached the provider.
    assert.deepEqual(inB.message.sentiment, analyzeSentiment(textB));
    assert.deepEqual(inC.message.sentiment, analyzeSentiment(textC));
    const sent = JSON.stringify(t.ratings().map((r) => r.body));
    assert.ok(sent.includes(textA));
    assert.ok(!sent.includes(textB) && !sent.includes(textC));
    // Another workspace's conversation is not found by staff of A.
    const other = await call(t.app, "GET", `/api/conversations/${inB.id}`, { cookie: a.admin.cookie });
    assert.equal(other.status, 404);
    // The events are A's only.
    const events = await t.deps.store.events.after(0, { limit: 1000, types: ["message.sentiment_scored"] });
    assert.deepEqual(events.map((e) => e.workspaceId), [a.workspaceId]);
  } finally {
    await t.close();
  }
});

Deno.test("provider sentiment: an agent on Anthropic scores too (its request checked)", async () => {
  const anthropic = startAnthropicFake({
    textFor: (body) =>
      JSON.stringify(body.system ?? "").includes("rate the sentiment") ? '{"score":0.7,"label":"positive"}' : undefined,
  });
  const t = await openAiWorkspaces();
  try {
    const a = await t.workspace("admin@a.test", { provider: "anthropic" });
    const saved = await call(t.app, "PUT", "/api/settings/providers/anthropic", {
      cookie: a.admin.cookie,
      body: { apiKey: "sk-ant-test", baseUrl: anthropic.url },
    });
    assert.equal(saved.status, 200);
    const { message } = await a.chat("Merci, c'était parfait, vous êtes formidables");
    const stored = await t.deps.store.conversations.getMessage(a.workspaceId, message.id);
    assert.deepEqual(stored?.metadata.sentiment, { score: 0.7, label: "positive" });
    const rating = anthropic.requests.find((r) =>
      JSON.stringify((r.body as { system?: unknown }).system ?? "").includes("rate the sentiment")
    )!;
    const body = rating.body as { messages: { role: string; content: unknown }[]; temperature: number };
    assert.equal(body.messages.length, 1);
    assert.ok(JSON.stringify(body.messages[0].content).includes("formidables"));
    assert.equal(body.temperature, 0);
  } finally {
    await t.close();
    await anthropic.close();
  }
});

Deno.test("provider sentiment: a message the customer sends while the listener writes the score is not left out", async () => {
  const t = await setup();
  try {
    // First the provider gives no usable answer: the lexicon's score stays and the event can be handled again.
    t.fakeOpts.textFor = (body) => isRating(body) ? "Hard to say." : undefined;
    const a = await t.workspace("admin@a.test");
    const { message, id: conversationId } = await a.chat(SARCASM);
    assert.equal(t.ratings().length, 1);
    t.fakeOpts.textFor = (body) => isRating(body) ? '{"score": -0.9, "label": "negative"}' : undefined;

    // The race: the customer's next message is written (as the chat path writes it: its lexicon score rolled into
    // the conversation's in the same write) once the listener has its score and is about to store the
    // conversation's. A listener that reads the messages, then writes their roll, drops this one.
    const thanks = "Thank you so much, that is wonderful, great help";
    const store = t.deps.store;
    let appended = false;
    const appendOnce = async () => {
      if (appended) return;
      appended = true;
      const { visitorId } = (await store.conversations.get(a.workspaceId, conversationId))!;
      await store.conversations.append(a.workspaceId, conversationId, {
        sender: "user",
        authorKind: "visitor",
        authorId: visitorId,
        text: thanks,
        attachmentIds: [],
        citations: [],
        status: "complete",
        internal: false,
        metadata: { sentiment: analyzeSentiment(thanks) },
      }, t.deps.clock.now());
    };
    const conversations = {
      ...store.conversations,
      async update(...args: Parameters<typeof store.conversations.update>) {
        if (args[2].sentimentScore !== undefined) await appendOnce();
        return store.conversations.update(...args);
      },
      async rescoreMessage(...args: Parameters<typeof store.conversations.rescoreMessage>) {
        await appendOnce();
        return store.conversations.rescoreMessage(...args);
      },
    };
    const deps = { ...t.deps, store: { ...store, conversations } };
    const published: { type: string; staffOnly?: boolean }[] = [];
    const off = t.deps.bus.subscribe(`conversation:${conversationId}`, (e) => published.push(e));
    const { sentiment } = await import("../../listeners/sentiment.ts");
    const created = (await store.events.after(0, { limit: 1000, types: ["message.created"] }))
      .find((e) => (e.payload as { message: { id: string } }).message.id === message.id)!;
    await sentiment.handle(created, { deps, signal: new AbortController().signal });
    off();
    assert.ok(appended);

    // The conversation's score rolls both messages, in order: the provider's score, then the thanks.
    const conv = (await store.conversations.get(a.workspaceId, conversationId))!;
    assert.equal(conv.sentimentScore, rollAll([-0.9, analyzeSentiment(thanks).score]));
    const [scored] = await store.events.after(0, { limit: 1000, types: ["message.sentiment_scored"] });
    assert.equal((scored.payload as { messageId: string }).messageId, message.id);
    // The message's new score is news for the team only: the visitors' sockets pass its update over.
    assert.deepEqual(published.filter((e) => e.type === "message.updated").map((e) => e.staffOnly), [true]);
  } finally {
    await t.close();
  }
});
