/**
 * The Store contract, language part: a conversation keeps the language it started with (the browser's)
 * and takes the one a customer's message carries (set when the detector was sure), in the message's own
 * write; staff's words and messages without one leave it alone. A draft's preparation (a customer's words
 * scored) is run where the message is written, once. Registered by `storeContract`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { scoreCustomerText } from "../models/chat/chat.ts";
import { newConversation } from "../models/chat/conversation.ts";
import type { Store } from "../models/ports/store.ts";
import { contractTest, T0, twoWorkspaces } from "./contract_accounts.ts";
import { conversationIn } from "./contract_conversations.ts";

/** Registers the language part of the contract. */
export function languageContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("a conversation starts in the browser's language and follows the customer's sure messages", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const plain = await conversationIn(store, a.id);
    assert.equal((await store.conversations.get(a.id, plain.id))?.language, undefined, "unknown until said");
    const conv = newConversation(
      { workspaceId: a.id, agentId: plain.agentId, visitorId: plain.visitorId, handledBy: "ai", language: "en" },
      T0,
    );
    await store.conversations.insert(conv);
    assert.equal((await store.conversations.get(a.id, conv.id))?.language, "en");
    const send = (text: string, language: string | null, authorKind: "visitor" | "staff" = "visitor") =>
      store.conversations.append(a.id, conv.id, {
        sender: authorKind === "visitor" ? "user" : "agent",
        authorKind,
        text,
        attachmentIds: [],
        citations: [],
        status: "complete",
        internal: false,
        metadata: language === null ? {} : { language },
      }, T0);
    assert.equal((await send("Bonjour, ma commande n'est pas arrivée", "fr")).conversation.language, "fr");
    // Staff's words, and a customer's message the detector was not sure of, leave it alone.
    assert.equal((await send("Hello, let me check", "en", "staff")).conversation.language, "fr");
    assert.equal((await send("ok", null)).conversation.language, "fr");
    assert.equal((await store.conversations.get(a.id, conv.id))?.language, "fr");
    assert.equal((await send("Wo finde ich meine Rechnungen?", "de")).conversation.language, "de");
    assert.equal((await store.conversations.get(a.id, conv.id))?.language, "de");
    assert.equal((await store.conversations.list(a.id, { limit: 10 })).find((c) => c.id === conv.id)?.language, "de");
    assert.equal(await store.conversations.get(b.id, conv.id), null);
  });

  test("a prepared draft is scored where it is written, and a resend is not written again", async (store) => {
    const { a } = await twoWorkspaces(store);
    const convs = await Promise.all([1, 2, 3].map(() => conversationIn(store, a.id)));
    const draft = (text: string, clientId: string) => ({
      clientId,
      sender: "user" as const,
      authorKind: "visitor" as const,
      text,
      attachmentIds: [],
      citations: [],
      status: "complete" as const,
      internal: false,
      metadata: {},
    });
    const texts = [
      "Bonjour, ma commande n'est pas arrivée et je suis très déçu",
      "Wo finde ich meine Rechnungen für das letzte Jahr?",
      "This is terrible, my order never arrived and nobody answers",
    ];
    // Appended in one turn: with an append worker, they are written there as one batch.
    const sent = await Promise.all(
      convs.map((c, i) =>
        store.conversations.append(a.id, c.id, draft(texts[i], `c${i}`), T0, undefined, scoreCustomerText)
      ),
    );
    assert.deepEqual(sent.map((r) => r.message.metadata.language), ["fr", "de", "en"]);
    assert.deepEqual(sent.map((r) => r.conversation.language), ["fr", "de", "en"]);
    assert.ok((sent[2].message.metadata.sentiment as { score: number }).score < 0);
    assert.equal(sent[2].conversation.sentimentScore, (sent[2].message.metadata.sentiment as { score: number }).score);
    const stored = await store.conversations.getMessage(a.id, sent[0].message.id);
    assert.deepEqual(stored?.metadata, sent[0].message.metadata);
    // The same client id again: the stored message, not a second one.
    const again = await store.conversations.append(
      a.id,
      convs[0].id,
      draft("autre chose", "c0"),
      T0,
      undefined,
      scoreCustomerText,
    );
    assert.equal(again.created, false);
    assert.equal(again.message.id, sent[0].message.id);
    assert.equal(again.conversation.lastSeq, sent[0].conversation.lastSeq);
  });

  test("a visitor keeps their browser's own language (locale) beside the widget's", async (store) => {
    const { a } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    assert.equal((await store.visitors.get(a.id, conv.visitorId))?.locale, undefined);
    const it = await store.visitors.update(a.id, conv.visitorId, { locale: "it", lang: "fr" });
    assert.equal(it?.locale, "it");
    assert.equal((await store.visitors.update(a.id, conv.visitorId, { lastSeenAt: T0 }))?.locale, "it", "kept");
    const read = await store.visitors.get(a.id, conv.visitorId);
    assert.equal(read?.locale, "it");
    assert.equal(read?.lang, "fr");
  });
}
