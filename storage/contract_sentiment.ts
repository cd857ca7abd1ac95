/**
 * The Store contract, sentiment part: `rescoreMessage` replaces a customer message's score and recomputes the
 * conversation's rolling one from every scored customer message, in order, with its events; once per message; in
 * the message's own workspace only. Registered by `storeContract`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { newEvent, SYSTEM } from "../models/events/event.ts";
import type { Store } from "../models/ports/store.ts";
import { analyzeSentiment, rollAll } from "../models/sentiment/sentiment.ts";
import { contractTest, T0, twoWorkspaces } from "./contract_accounts.ts";
import { conversationIn } from "./contract_conversations.ts";

/** Registers the sentiment part of the contract. */
export function sentimentContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("a rescored message rolls into the conversation's score with every other, once", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    const send = (text: string, sender: "user" | "agent" = "user") =>
      store.conversations.append(a.id, conv.id, {
        sender,
        authorKind: sender === "user" ? "visitor" : "ai",
        text,
        attachmentIds: [],
        citations: [],
        status: "complete",
        internal: false,
        metadata: sender === "user" ? { sentiment: analyzeSentiment(text), language: "en" } : {},
      }, T0);
    const texts = ["This is awful, I am angry", "ok then", "Thanks, that is great"];
    const first = await send(texts[0]);
    await send("Sorry to hear that.", "agent");
    for (const text of texts.slice(1)) await send(text);
    const scores = texts.map((t) => analyzeSentiment(t).score);
    assert.equal((await store.conversations.get(a.id, conv.id))?.sentimentScore, rollAll(scores));

    const at = new Date(T0.getTime() + 1000);
    const emitted: string[] = [];
    const rescored = await store.conversations.rescoreMessage(
      a.id,
      first.message.id,
      { score: 0.5, label: "positive" },
      "openai",
      at,
      ({ message, conversation }) => {
        emitted.push(`${message.id}:${conversation.sentimentScore}`);
        return [newEvent("message.sentiment_scored", {
          workspaceId: a.id,
          aggregateId: conversation.id,
          actor: SYSTEM,
          at,
          payload: {
            conversationId: conversation.id,
            agentId: conversation.agentId,
            visitorId: conversation.visitorId,
            messageId: message.id,
            messageCreatedAt: message.createdAt.toISOString(),
            previous: analyzeSentiment(texts[0]),
            sentiment: { score: 0.5, label: "positive" },
            conversationSentiment: { score: conversation.sentimentScore!, label: "neutral" },
            provider: "openai",
          },
        })];
      },
    );
    const expected = rollAll([0.5, ...scores.slice(1)]);
    assert.ok(rescored);
    assert.deepEqual(rescored.message.metadata, {
      sentiment: { score: 0.5, label: "positive" },
      sentimentBy: "openai",
      language: "en",
    });
    assert.equal(rescored.conversation.sentimentScore, expected);
    assert.deepEqual(emitted, [`${first.message.id}:${expected}`]);
    const events = await store.events.after(0, { limit: 100, types: ["message.sentiment_scored"] });
    assert.deepEqual(events.map((e) => e.aggregateId), [conv.id]);
    assert.equal((await store.conversations.get(a.id, conv.id))?.sentimentScore, expected);
    assert.deepEqual((await store.conversations.getMessage(a.id, first.message.id))?.metadata.sentimentBy, "openai");
    // Once: a second rescore (a redelivered event) changes nothing.
    assert.equal(
      await store.conversations.rescoreMessage(a.id, first.message.id, { score: -1, label: "negative" }, "openai", at),
      null,
    );
    assert.equal((await store.conversations.get(a.id, conv.id))?.sentimentScore, expected);
    // Another workspace's id is not found.
    const second = (await store.conversations.messagesAfter(a.id, conv.id, 0, { limit: 10, includeInternal: true }))
      .at(-1)!;
    assert.equal(
      await store.conversations.rescoreMessage(b.id, second.id, { score: -1, label: "negative" }, "openai", at),
      null,
    );
    assert.equal((await store.conversations.get(a.id, conv.id))?.sentimentScore, expected);
  });
}
