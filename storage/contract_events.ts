/**
 * The Store contract, event log part: events commit with their change or not
 * at all, in one order, readable by type and workspace; listener checkpoints,
 * effects and dead letters. Registered by `storeContract` in `contract.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { newId } from "../lib/ids.ts";
import { messageCreated } from "../models/chat/chat.ts";
import type { Conversation, MessageDraft } from "../models/chat/conversation.ts";
import { newEvent, SYSTEM } from "../models/events/event.ts";
import type { Store } from "../models/ports/store.ts";
import { contractTest, T0, twoWorkspaces } from "./contract_accounts.ts";
import { conversationIn } from "./contract_conversations.ts";

/** A customer's line, ready to append. */
export const visitorLine = (visitorId: string, text: string, clientId?: string): MessageDraft => ({
  ...(clientId ? { clientId } : {}),
  sender: "user",
  authorKind: "visitor",
  authorId: visitorId,
  text,
  attachmentIds: [],
  citations: [],
  status: "complete",
  internal: false,
  metadata: {},
});

const started = (c: Conversation) => [
  newEvent("conversation.started", {
    workspaceId: c.workspaceId,
    aggregateId: c.id,
    actor: SYSTEM,
    at: T0,
    payload: { conversationId: c.id, agentId: c.agentId, visitorId: c.visitorId, handledBy: c.handledBy },
  }),
];

/** The event-log part of the contract. */
export function eventsContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);

  test("a change's events are written with it, in order, with their envelope", async (store) => {
    const { a } = await twoWorkspaces(store);
    assert.equal(await store.events.head(), 0);
    const c = await conversationIn(store, a.id, started);
    const { message } = await store.conversations.append(
      a.id,
      c.id,
      visitorLine(c.visitorId, "hi"),
      T0,
      messageCreated,
    );
    const events = await store.events.after(0, { limit: 10 });
    assert.deepEqual(events.map((e) => e.type), ["conversation.started", "message.created"]);
    assert.ok(events[0].position < events[1].position);
    assert.equal(await store.events.head(), events[1].position);
    const e = events[1];
    assert.match(e.id, /^[0-9a-f]{24}$/);
    assert.equal(e.workspaceId, a.id);
    assert.equal(e.aggregateId, c.id);
    assert.deepEqual(e.actor, { kind: "customer", id: c.visitorId });
    assert.equal(e.version, 1);
    assert.ok(e.occurredAt instanceof Date);
    assert.equal((e.payload as { message: { id: string } }).message.id, message.id);
  });

  test("a change that fails writes no event, and an event that cannot be built undoes its change", async (store) => {
    const { a } = await twoWorkspaces(store);
    const c = await conversationIn(store, a.id);
    await assert.rejects(
      store.conversations.append(a.id, newId(), visitorLine(c.visitorId, "lost"), T0, messageCreated),
    );
    assert.equal(await store.events.head(), 0, "no event for a message that was never stored");
    await assert.rejects(
      store.conversations.update(a.id, c.id, { handledBy: "human", updatedAt: T0 }, () => {
        throw new Error("the event could not be built");
      }),
    );
    assert.equal((await store.conversations.get(a.id, c.id))?.handledBy, "ai", "no change without its event");
    assert.equal(await store.events.head(), 0);
  });

  test("a resent message (same client id) records no second event", async (store) => {
    const { a } = await twoWorkspaces(store);
    const c = await conversationIn(store, a.id);
    await store.conversations.append(a.id, c.id, visitorLine(c.visitorId, "once", "cid-1"), T0, messageCreated);
    await store.conversations.append(a.id, c.id, visitorLine(c.visitorId, "once", "cid-1"), T0, messageCreated);
    assert.equal((await store.events.after(0, { limit: 10 })).length, 1);
  });

  test("events are read after a position, by type and by workspace", async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const ca = await conversationIn(store, a.id, started);
    const cb = await conversationIn(store, b.id, started);
    await store.conversations.append(a.id, ca.id, visitorLine(ca.visitorId, "a"), T0, messageCreated);
    const all = await store.events.after(0, { limit: 10 });
    assert.equal(all.length, 3);
    assert.deepEqual(
      (await store.events.after(0, { limit: 10, types: ["message.created"] })).map((e) => e.aggregateId),
      [ca.id],
    );
    assert.deepEqual((await store.events.after(0, { limit: 10, workspaceId: b.id })).map((e) => e.aggregateId), [
      cb.id,
    ]);
    assert.deepEqual((await store.events.after(all[0].position, { limit: 1 })).map((e) => e.position), [
      all[1].position,
    ]);
  });

  test("listener checkpoints only move forward; effects are done once; dead letters are kept", async (store) => {
    assert.equal(await store.events.checkpoint("mailer"), null, "never ran");
    await store.events.saveCheckpoint("mailer", 7, T0);
    await store.events.saveCheckpoint("mailer", 3, T0);
    assert.equal((await store.events.checkpoint("mailer"))?.position, 7);
    assert.equal(await store.events.checkpoint("other"), null);
    assert.equal(await store.events.markDone("mailer", "evt-1", T0), true);
    assert.equal(await store.events.markDone("mailer", "evt-1", T0), false);
    assert.equal(await store.events.isDone("mailer", "evt-1"), true);
    assert.equal(await store.events.isDone("other", "evt-1"), false);
    await store.events.deadLetter({
      listener: "mailer",
      eventId: "evt-2",
      position: 9,
      type: "ticket.rated",
      error: "smtp down",
      attempts: 12,
      at: T0,
    });
    const letters = await store.events.deadLetters("mailer");
    assert.equal(letters.length, 1);
    assert.equal(letters[0].error, "smtp down");
    assert.deepEqual(await store.events.deadLetters("other"), []);
  });
}
