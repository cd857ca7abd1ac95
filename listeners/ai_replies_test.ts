import assert from "node:assert/strict";
import { createApp } from "../app.ts";
import { visitorSend } from "../models/chat/chat.ts";
import { startWidgetSession } from "../models/chat/visitors.ts";
import { conversationTopic } from "../models/ports/live_bus.ts";
import type { Message } from "../models/chat/conversation.ts";
import { call, makeTestDeps, signUp } from "../tests/helpers.ts";
import { replyTo } from "./ai_replies.ts";

const FAQ = "# Help\n## Refunds\nRefunds are issued within 5 business days of receiving the returned item.";

/** A workspace whose built-in agent knows the FAQ, and a visitor's question it answered. */
async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test" });
  const { agent } = await (await call(app, "POST", "/api/agents", { cookie: a.cookie, body: { name: "Bot" } })).json();
  await call(app, "POST", `/api/agents/${agent.id}/train`, {
    cookie: a.cookie,
    body: { type: "text", content: FAQ, metadata: { title: "Help" } },
  });
  await ctx.runner.idle();
  const { visitor } = await startWidgetSession(ctx.deps, { agentId: agent.id });
  const wid = a.user.workspaceId;
  const seen: string[] = [];
  const { conversation, message: question } = await visitorSend(ctx.deps, visitor, {
    clientId: "client-000001",
    text: "how long do refunds take?",
  });
  ctx.deps.bus.subscribe(conversationTopic(conversation.id), (e) => {
    seen.push(
      e.type === "typing"
        ? `typing:${e.from}:${e.on}`
        : e.type === "message.created"
        ? `message:${e.message.authorKind}:${e.message.status}`
        : e.type,
    );
  });
  await ctx.ai.idle();
  const thread = async () =>
    await ctx.deps.store.conversations.messagesAfter(wid, conversation.id, 0, { limit: 100, includeInternal: true });
  const answersTo = async (q: Message) => (await thread()).filter((m) => m.clientId === `ai:${q.id}`);
  return { ...ctx, wid, conversation, question, seen, thread, answersTo };
}

Deno.test("the built-in responder's answer is written once, whole: no placeholder, one event, the same again on redelivery", async () => {
  const t = await setup();
  try {
    const [answer] = await t.answersTo(t.question);
    assert.equal(answer.status, "complete");
    assert.match(answer.text, /5 business days/);
    assert.deepEqual(answer.citations.map((c) => c.title), ["Help"]);
    const created = await t.deps.store.events.after(0, { limit: 100, types: ["message.created"] });
    assert.equal(created.filter((e) => (e.payload as { message: { id: string } }).message.id === answer.id).length, 1);
    // The question again (a redelivered event): composed again, but nothing new is written or shown.
    t.seen.length = 0;
    const conversation = (await t.deps.store.conversations.get(t.wid, t.conversation.id))!;
    await replyTo(t.deps, conversation, t.question);
    assert.deepEqual((await t.answersTo(t.question)).map((m) => m.id), [answer.id]);
    assert.deepEqual(t.seen, ["typing:ai:true"], "typing, then nothing: the answer was written before");
  } finally {
    await t.cleanup();
  }
});

Deno.test("a hand-off that a crash cut off after the answer is made when the question comes again", async () => {
  const t = await setup();
  try {
    // As if the responder had answered "I couldn't find anything" and the process died before handing off.
    const [answer] = await t.answersTo(t.question);
    await t.deps.store.conversations.updateMessage(t.wid, answer.id, {
      metadata: { ...answer.metadata, handoff: "low_confidence" },
    }, new Date());
    assert.equal((await t.deps.store.conversations.get(t.wid, t.conversation.id))?.handledBy, "ai");
    await replyTo(t.deps, (await t.deps.store.conversations.get(t.wid, t.conversation.id))!, t.question);
    assert.equal((await t.deps.store.conversations.get(t.wid, t.conversation.id))?.handledBy, "human");
    assert.ok(await t.deps.store.tickets.forConversation(t.wid, t.conversation.id), "a ticket for the team");
    assert.equal((await t.answersTo(t.question)).length, 1, "still one answer");
  } finally {
    await t.cleanup();
  }
});
