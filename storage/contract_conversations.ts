/**
 * The Store contract, conversations part: visitors, conversations, messages
 * (gapless seq, idempotent client ids, internal notes) and attachments.
 * Registered by `storeContract` in `contract.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { newId } from "../lib/ids.ts";
import { type Conversation, type MessageDraft, newConversation, type Visitor } from "../models/chat/conversation.ts";
import type { Emit } from "../models/events/event.ts";
import type { Store } from "../models/ports/store.ts";
import { contractTest, T0, twoWorkspaces } from "./contract_accounts.ts";

/** A visitor and an AI-handled conversation of theirs in `workspaceId`. */
export async function conversationIn(
  store: Store,
  workspaceId: string,
  emit?: Emit<Conversation>,
): Promise<Conversation> {
  const visitor: Visitor = {
    id: newId(),
    workspaceId,
    agentId: newId(),
    verified: false,
    createdAt: T0,
    lastSeenAt: T0,
  };
  await store.visitors.insert(visitor);
  const conv = newConversation(
    { workspaceId, agentId: visitor.agentId, visitorId: visitor.id, handledBy: "ai" },
    T0,
  );
  await store.conversations.insert(conv, emit);
  return conv;
}

const draft = (text: string, extra: Partial<MessageDraft> = {}): MessageDraft => ({
  sender: "user",
  authorKind: "visitor",
  text,
  attachmentIds: [],
  citations: [],
  status: "complete",
  internal: false,
  metadata: {},
  ...extra,
});

/** Registers the conversations part of the contract. */
export function conversationsContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("messages get gapless seqs even when appended concurrently", async (store) => {
    const { a } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.conversations.append(a.id, conv.id, draft(`m${i}`), T0)),
    );
    assert.deepEqual(
      results.map((r) => r.message.seq).sort((x, y) => x - y),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const stored = await store.conversations.messagesAfter(a.id, conv.id, 0, { limit: 100, includeInternal: true });
    assert.deepEqual(stored.map((m) => m.seq), Array.from({ length: 50 }, (_, i) => i + 1));
    assert.equal((await store.conversations.get(a.id, conv.id))?.lastSeq, 50);
    assert.deepEqual(
      (await store.conversations.messagesAfter(a.id, conv.id, 48, { limit: 10, includeInternal: true })).map((m) =>
        m.seq
      ),
      [49, 50],
    );
  });

  test("a conversation's first customer words: blank and others' messages passed over, per workspace", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    assert.equal(await store.conversations.firstCustomerText(a.id, conv.id), null);
    await store.conversations.append(
      a.id,
      conv.id,
      draft("Hi! How can I help?", { sender: "agent", authorKind: "ai" }),
      T0,
    );
    await store.conversations.append(a.id, conv.id, draft("  "), T0);
    await store.conversations.append(a.id, conv.id, draft("Where is my order?"), T0);
    await store.conversations.append(a.id, conv.id, draft("And my refund?"), T0);
    assert.equal(await store.conversations.firstCustomerText(a.id, conv.id), "Where is my order?");
    assert.equal(await store.conversations.firstCustomerText(b.id, conv.id), null, "another workspace's conversation");
  });

  test("a conversation's first customer words: line breaks, tabs and no-break spaces are blank too", async (store) => {
    const { a } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    // What a visitor sends with an attachment and no words (a textarea's newline, a pasted no-break space): the
    // ticket's title comes from the first message with words, as the transcript read with String.trim had it.
    for (const blank of ["\n", " \t\r\n", "\u00a0\u2003\ufeff"]) {
      await store.conversations.append(a.id, conv.id, draft(blank), T0);
    }
    await store.conversations.append(a.id, conv.id, draft("Where is my order?"), T0);
    assert.equal(await store.conversations.firstCustomerText(a.id, conv.id), "Where is my order?");
  });

  test("a repeated client id returns the original message and stores nothing new", async (store) => {
    const { a } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    const first = await store.conversations.append(a.id, conv.id, draft("hello", { clientId: "c-1" }), T0);
    const again = await store.conversations.append(a.id, conv.id, draft("hello again", { clientId: "c-1" }), T0);
    assert.equal(first.created, true);
    assert.equal(again.created, false);
    assert.equal(again.message.id, first.message.id);
    assert.equal(again.message.text, "hello");
    assert.equal((await store.conversations.get(a.id, conv.id))?.lastSeq, 1);
  });

  test("append returns the conversation as it now is; internal notes leave its activity alone", async (store) => {
    const { a } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    const T1 = new Date(T0.getTime() + 60_000);
    const first = await store.conversations.append(a.id, conv.id, draft("Where is my parcel?"), T1);
    assert.equal(first.conversation.lastSeq, 1);
    assert.equal(first.conversation.lastPublicSeq, 1);
    assert.equal(first.conversation.lastMessagePreview, "Where is my parcel?");
    assert.equal(first.conversation.lastMessageAt.getTime(), T1.getTime());
    const note = await store.conversations.append(
      a.id,
      conv.id,
      draft("VIP customer", { internal: true, sender: "agent", authorKind: "staff" }),
      new Date(T1.getTime() + 60_000),
    );
    assert.equal(note.conversation.lastSeq, 2);
    assert.equal(note.conversation.lastPublicSeq, 1);
    assert.equal(note.conversation.lastMessagePreview, "Where is my parcel?");
    assert.equal(note.conversation.lastMessageAt.getTime(), T1.getTime());
    assert.deepEqual(await store.conversations.get(a.id, conv.id), note.conversation);
  });

  test("what the team writes is not unread for the team, unless it had not caught up", async (store) => {
    const { a } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    const staff = { sender: "agent", authorKind: "staff" } as const;
    await store.conversations.append(a.id, conv.id, draft("Hello?"), T0);
    let c = (await store.conversations.append(a.id, conv.id, draft("Hi, Ada here", staff), T0)).conversation;
    assert.deepEqual([c.lastSeq, c.staffReadSeq], [2, 0], "the visitor's message is still unread");
    await store.conversations.markRead(a.id, conv.id, "staff", 2);
    c = (await store.conversations.append(a.id, conv.id, draft("Checking", staff), T0)).conversation;
    assert.deepEqual([c.lastSeq, c.staffReadSeq], [3, 3]);
    c = (await store.conversations.append(
      a.id,
      conv.id,
      draft("Status: resolved", { sender: "system", authorKind: "system", internal: true }),
      T0,
    )).conversation;
    assert.deepEqual([c.lastSeq, c.staffReadSeq], [4, 4], "a staff-only line neither");
    c = (await store.conversations.append(a.id, conv.id, draft("Thanks!"), T0)).conversation;
    assert.deepEqual([c.lastSeq, c.staffReadSeq], [5, 4], "the visitor's reply is news");
    c = (await store.conversations.append(a.id, conv.id, draft("You're welcome", staff), T0)).conversation;
    assert.deepEqual([c.lastSeq, c.staffReadSeq], [6, 4], "replying does not mark the visitor's message read");
  });

  test("appends made together settle one by one: a failing one loses nothing of the others", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const mine = await conversationIn(store, a.id);
    const other = await conversationIn(store, a.id);
    const settled = await Promise.allSettled([
      store.conversations.append(a.id, mine.id, draft("one", { clientId: "same-id-1" }), T0),
      store.conversations.append(b.id, mine.id, draft("from the wrong workspace"), T0),
      store.conversations.append(a.id, other.id, draft("elsewhere"), T0),
      store.conversations.append(a.id, newId(), draft("no such conversation"), T0),
      store.conversations.append(a.id, mine.id, draft("one, resent", { clientId: "same-id-1" }), T0),
      store.conversations.append(a.id, mine.id, draft("two"), T0),
    ]);
    assert.deepEqual(settled.map((s) => s.status), [
      "fulfilled",
      "rejected",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    const value = (i: number) =>
      (settled[i] as PromiseFulfilledResult<{ message: { id: string }; created: boolean }>).value;
    assert.equal(value(4).created, false);
    assert.equal(value(4).message.id, value(0).message.id);
    const stored = await store.conversations.messagesAfter(a.id, mine.id, 0, { limit: 10, includeInternal: true });
    assert.deepEqual(stored.map((m) => [m.seq, m.text]), [[1, "one"], [2, "two"]]);
    assert.equal((await store.conversations.get(a.id, other.id))?.lastSeq, 1);
  });

  test("conversations and messages are scoped to their workspace", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    const { message } = await store.conversations.append(a.id, conv.id, draft("secret"), T0);
    assert.equal(await store.conversations.get(b.id, conv.id), null);
    assert.deepEqual(
      await store.conversations.messagesAfter(b.id, conv.id, 0, { limit: 10, includeInternal: true }),
      [],
    );
    assert.equal(await store.conversations.getMessage(b.id, message.id), null);
    await assert.rejects(store.conversations.append(b.id, conv.id, draft("intrusion"), T0));
    assert.equal(await store.conversations.update(b.id, conv.id, { handledBy: "human", updatedAt: T0 }), null);
    assert.deepEqual(await store.conversations.list(b.id, { limit: 10 }), []);
    assert.equal((await store.conversations.list(a.id, { limit: 10 })).length, 1);
    // By ids (a page of tickets' conversations): only the workspace's own, only those asked for.
    const other = await conversationIn(store, a.id);
    assert.deepEqual(await store.conversations.list(b.id, { ids: [conv.id], limit: 10 }), []);
    assert.deepEqual((await store.conversations.list(a.id, { ids: [conv.id], limit: 10 })).map((c) => c.id), [conv.id]);
    assert.equal((await store.conversations.list(a.id, { ids: [conv.id, other.id], limit: 10 })).length, 2);
    assert.deepEqual(await store.conversations.list(a.id, { ids: [], limit: 10 }), []);
  });

  test("internal notes are kept apart from what a visitor may read", async (store) => {
    const { a } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    await store.conversations.append(a.id, conv.id, draft("visible"), T0);
    await store.conversations.append(
      a.id,
      conv.id,
      draft("staff only", { sender: "agent", authorKind: "staff", internal: true }),
      T0,
    );
    await store.conversations.append(a.id, conv.id, draft("visible again"), T0);
    const visitorView = await store.conversations.messagesAfter(a.id, conv.id, 0, {
      limit: 10,
      includeInternal: false,
    });
    assert.deepEqual(visitorView.map((m) => m.text), ["visible", "visible again"]);
    assert.deepEqual(visitorView.map((m) => m.publicSeq), [1, 2], "public seqs stay gapless around notes");
    assert.deepEqual(visitorView.map((m) => m.seq), [1, 3]);
    assert.equal(await store.conversations.seqOfPublic(a.id, conv.id, 2), 3);
    assert.equal(await store.conversations.publicOfSeq(a.id, conv.id, 2), 1);
    const resumed = await store.conversations.messagesAfter(a.id, conv.id, 1, { limit: 10, includeInternal: false });
    assert.deepEqual(resumed.map((m) => m.text), ["visible again"], "visitors resume by public seq");
    const staffView = await store.conversations.messagesAfter(a.id, conv.id, 0, { limit: 10, includeInternal: true });
    assert.deepEqual(staffView.map((m) => m.text), ["visible", "staff only", "visible again"]);
    assert.equal(staffView[1].publicSeq, null);
    const after = await store.conversations.get(a.id, conv.id);
    assert.equal(after?.lastMessagePreview, "visible again");
    assert.equal(after?.lastSeq, 3);
    assert.equal(after?.lastPublicSeq, 2);
  });

  test("read markers only move forward; streaming answers are found after a restart", async (store) => {
    const { a } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    await store.conversations.append(a.id, conv.id, draft("one"), T0);
    const { message } = await store.conversations.append(
      a.id,
      conv.id,
      draft("", { sender: "agent", authorKind: "ai", status: "streaming" }),
      T0,
    );
    assert.equal((await store.conversations.markRead(a.id, conv.id, "staff", 2))?.staffReadSeq, 2);
    assert.equal((await store.conversations.markRead(a.id, conv.id, "staff", 1))?.staffReadSeq, 2);
    assert.equal(
      (await store.conversations.markRead(a.id, conv.id, "visitor", 99))?.visitorReadSeq,
      2,
      "capped at lastSeq",
    );
    assert.deepEqual((await store.conversations.streamingMessages()).map((m) => m.id), [message.id]);
    const done = await store.conversations.updateMessage(a.id, message.id, { text: "answer", status: "complete" }, T0);
    assert.equal(done?.seq, 2);
    assert.deepEqual(await store.conversations.streamingMessages(), []);
  });

  test("visitors and attachments round-trip within their workspace", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const conv = await conversationIn(store, a.id);
    const v = await store.visitors.update(a.id, conv.visitorId, { email: "v@x.test", verified: true, lastSeenAt: T0 });
    assert.equal(v?.email, "v@x.test");
    assert.equal(v?.verified, true);
    assert.equal(v?.lang, undefined, "no language until the widget says one");
    const fr = await store.visitors.update(a.id, conv.visitorId, { lang: "fr" });
    assert.equal(fr?.lang, "fr");
    assert.equal(fr?.email, "v@x.test", "a patch keeps what it does not name");
    assert.equal((await store.visitors.get(a.id, conv.visitorId))?.lang, "fr");
    assert.equal(await store.visitors.get(b.id, conv.visitorId), null);
    const att = {
      id: newId(),
      workspaceId: a.id,
      ownerId: conv.visitorId,
      name: "a.png",
      contentType: "image/png",
      size: 3,
      createdAt: T0,
    };
    await store.attachments.insert(att);
    assert.deepEqual(await store.attachments.get(a.id, att.id), att);
    assert.equal(await store.attachments.get(b.id, att.id), null);
  });
}
