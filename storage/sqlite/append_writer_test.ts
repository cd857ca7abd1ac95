import assert from "node:assert/strict";
import { NotFoundError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { messageCreated } from "../../models/chat/chat.ts";
import type { DomainEvent } from "../../models/events/event.ts";
import type { Store } from "../../models/ports/store.ts";
import { T0, twoWorkspaces } from "../contract_accounts.ts";
import { conversationIn } from "../contract_conversations.ts";
import { conversationsContract } from "../contract_conversations.ts";
import { eventsContract, visitorLine } from "../contract_events.ts";
import { languageContract } from "../contract_language.ts";
import { ticketOf, ticketsContract } from "../contract_tickets.ts";
import { createSqliteStore } from "./mod.ts";
import { processWriteLock } from "./db.ts";

// The contract suites that append, on a file, where appends that queue up are written by the worker thread.
const root = await Deno.makeTempDir({ prefix: "append-worker-" });
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));
const onFile = () => Promise.resolve(createSqliteStore(`${root}/${newId()}.db`, { appendWorker: true }));
conversationsContract("sqlite file, append worker", onFile);
eventsContract("sqlite file, append worker", onFile);
ticketsContract("sqlite file, append worker", onFile);
// Includes a customer's words scored by the thread that writes them (`PREPARERS`).
languageContract("sqlite file, append worker", onFile);

async function withStore(fn: (store: Store) => Promise<void>) {
  const store = await onFile();
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

Deno.test("appends queued together go to the worker; listeners get the same events the log holds", () =>
  withStore(async (store) => {
    const { a } = await twoWorkspaces(store);
    const convs = await Promise.all(Array.from({ length: 5 }, () => conversationIn(store, a.id)));
    const handed: DomainEvent[] = [];
    store.events.onAppend((events) => handed.push(...events));
    const head = await store.events.head();
    // 150 appends in one turn: batches of at most 64 (nothing is written on the loop unless a lone one with the
    // worker idle).
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) => {
        const c = convs[i % 5];
        return store.conversations.append(
          a.id,
          c.id,
          visitorLine(c.visitorId, `m${i}`, `cid-${i}`),
          T0,
          messageCreated,
        );
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    const logged = await store.events.after(head, { limit: 200 });
    assert.equal(logged.length, 150);
    assert.deepEqual(handed.toSorted((x, y) => x.position - y.position), logged, "handed exactly as logged");
    // Gapless seqs per conversation, each message's event naming it.
    for (const c of convs) {
      const seqs = results.filter((r) => r.conversation.id === c.id).map((r) => r.message.seq).sort((x, y) => x - y);
      assert.deepEqual(seqs, seqs.map((_, k) => seqs[0] + k));
    }
    assert.deepEqual(
      logged.map((e) => (e.payload as { message: { id: string } }).message.id).sort(),
      results.map((r) => r.message.id).sort(),
    );
  }));

Deno.test("a bad append in a worker batch fails alone, as the error class it was thrown as", () =>
  withStore(async (store) => {
    const { a, b } = await twoWorkspaces(store);
    const c = await conversationIn(store, a.id);
    const outcomes = await Promise.allSettled([
      store.conversations.append(a.id, c.id, visitorLine(c.visitorId, "one"), T0, messageCreated),
      store.conversations.append(b.id, c.id, visitorLine(c.visitorId, "another workspace's conversation"), T0),
      store.conversations.append(a.id, newId(), visitorLine(c.visitorId, "no such conversation"), T0, messageCreated),
      store.conversations.append(a.id, c.id, visitorLine(c.visitorId, "two"), T0, messageCreated),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status), ["fulfilled", "rejected", "rejected", "fulfilled"]);
    for (const o of outcomes.filter((o) => o.status === "rejected")) {
      assert.ok((o as PromiseRejectedResult).reason instanceof NotFoundError);
      assert.equal((o as PromiseRejectedResult).reason.status, 404);
    }
    const thread = await store.conversations.messagesAfter(a.id, c.id, 0, { includeInternal: true, limit: 10 });
    assert.deepEqual(thread.map((m) => [m.seq, m.text]), [[1, "one"], [2, "two"]]);
    assert.equal((await store.events.after(0, { limit: 10, types: ["message.created"] })).length, 2);
  }));

Deno.test("close writes what is queued before the worker stops", async () => {
  const path = `${root}/${newId()}.db`;
  const store = createSqliteStore(path, { appendWorker: true });
  const { a } = await twoWorkspaces(store);
  const c = await conversationIn(store, a.id);
  const pending = Array.from(
    { length: 10 },
    (_, i) => store.conversations.append(a.id, c.id, visitorLine(c.visitorId, `m${i}`), T0, messageCreated),
  );
  const closed = store.close();
  await Promise.all(pending);
  await closed;
  const again = createSqliteStore(path, { appendWorker: true });
  try {
    assert.equal((await again.conversations.get(a.id, c.id))?.lastSeq, 10);
  } finally {
    await again.close();
  }
});

Deno.test("a lone append while another thread holds the write lock goes to the worker: the event loop does not stop", () =>
  withStore(async (store) => {
    const { a } = await twoWorkspaces(store);
    const c = await conversationIn(store, a.id);
    assert.ok(
      await loopGoesOn(() => [
        store.conversations.append(a.id, c.id, visitorLine(c.visitorId, "hi"), T0, messageCreated),
      ]),
    );
    assert.equal((await store.conversations.get(a.id, c.id))?.lastSeq, 1);
  }));

Deno.test("a write of this thread's group commit (a hand-off) awaits a lock another thread holds: the event loop goes on", () =>
  withStore(async (store) => {
    const { a } = await twoWorkspaces(store);
    const c = await conversationIn(store, a.id);
    assert.ok(
      await loopGoesOn(() => [
        store.tickets.handOff({
          workspaceId: a.id,
          conversationId: c.id,
          at: T0,
          switched: () => [],
          ticket: ticketOf(c),
          opened: () => [],
          lines: () => [],
          appended: messageCreated,
        }),
      ]),
    );
    assert.equal((await store.conversations.get(a.id, c.id))?.handledBy, "human");
  }));

Deno.test("a read marker or a listener's checkpoint awaits a lock another thread holds: the event loop goes on", () =>
  withStore(async (store) => {
    const { a } = await twoWorkspaces(store);
    const c = await conversationIn(store, a.id);
    await store.conversations.append(a.id, c.id, visitorLine(c.visitorId, "hi"), T0, messageCreated);
    assert.ok(
      await loopGoesOn(() => [
        store.conversations.markRead(a.id, c.id, "staff", 1),
        store.events.saveCheckpoint("test", 1, T0),
      ]),
    );
    assert.equal((await store.conversations.get(a.id, c.id))?.staffReadSeq, 1);
    assert.equal((await store.events.checkpoint("test"))?.position, 1);
  }));

/**
 * Starts `writes` while another thread holds the write lock, and sets a timer after them: true when the timer ran
 * before any write settled (waiting for the lock in `Atomics.wait`, the loop would run nothing until it is free).
 */
async function loopGoesOn(writes: () => Promise<unknown>[]): Promise<boolean> {
  const holder = await holdWriteLock();
  try {
    const order: string[] = [];
    const done = writes().map((w) => w.then(() => order.push("written")));
    setTimeout(() => order.push("timer"), 0);
    await Promise.all([...done, holder.released]);
    return order[0] === "timer";
  } finally {
    holder.stop();
  }
}

/** Another thread (a listener thread's rollup, say) takes the process's write lock and holds it for 300 ms. */
async function holdWriteLock() {
  const holder = new Worker(
    URL.createObjectURL(
      new Blob([
        `self.onmessage = (e) => {
          const lock = e.data;
          while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) Atomics.wait(lock, 0, 1, 10);
          self.postMessage("held");
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
          Atomics.store(lock, 0, 0);
          Atomics.notify(lock, 0);
          self.postMessage("released");
        };`,
      ], { type: "text/javascript" }),
    ),
    { type: "module" },
  );
  const said = (word: string) =>
    new Promise<void>((r) => holder.addEventListener("message", (e) => e.data === word && r()));
  const held = said("held");
  const released = said("released");
  holder.postMessage(processWriteLock());
  await held;
  return { released, stop: () => holder.terminate() };
}
