import assert from "node:assert/strict";
import { join } from "node:path";
import { newId } from "../../lib/ids.ts";
import { blankFact } from "../../models/analytics/rollup_facts.ts";
import type { RollupTx } from "../../models/analytics/rollup_types.ts";
import { MIN_CHUNK, sqliteAnalytics } from "./analytics.ts";
import { openDatabase, processWriteLock } from "./db.ts";
import { migrate } from "./migrations.ts";

Deno.test("the rollups' transaction ends early for another thread waiting to write (a visitor's message)", async () => {
  const dir = await Deno.makeTempDir();
  const db = openDatabase(join(dir, "a.db"));
  migrate(db);
  // flags[0]: go (the other thread starts wanting the lock); flags[1]: it got the lock.
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const source = `
    self.onmessage = (e) => {
      const { lock, flags } = e.data;
      self.postMessage("ready");
      Atomics.wait(flags, 0, 0);
      // As db.ts's withWriteLock: counted among the waiters while it waits.
      while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) {
        Atomics.add(lock, 1, 1);
        Atomics.wait(lock, 0, 1, 10);
        Atomics.sub(lock, 1, 1);
      }
      Atomics.store(flags, 1, 1);
      Atomics.store(lock, 0, 0);
      if (Atomics.load(lock, 1) > 0) Atomics.notify(lock, 0);
      self.postMessage("wrote");
    };`;
  const worker = new Worker(`data:application/javascript,${encodeURIComponent(source)}`, { type: "module" });
  try {
    const ready = new Promise((r) => worker.addEventListener("message", (e) => e.data === "ready" && r(0)));
    const wrote = new Promise((r) => worker.addEventListener("message", (e) => e.data === "wrote" && r(0)));
    worker.postMessage({ lock: processWriteLock(), flags });
    await ready;
    const analytics = sqliteAnalytics(db);
    const key = { workspaceId: newId(), day: "2026-03-01", agentId: newId() };
    const sawItWrite: boolean[] = [];
    // 90 effects queued together (one chunk's worth), each ~1 ms; the first lets the other thread start waiting.
    await Promise.all(Array.from({ length: 90 }, (_, i) =>
      analytics.apply(newId(), (tx) => {
        if (i === 0) {
          Atomics.store(flags, 0, 1);
          Atomics.notify(flags, 0);
        }
        for (const until = performance.now() + 1; performance.now() < until;);
        sawItWrite.push(Atomics.load(flags, 1) === 1);
        tx.add(key, { conversations: 1 });
      })));
    await wrote;
    assert.ok(sawItWrite.includes(true), "the other thread wrote before the batch was done");
    assert.ok(sawItWrite.indexOf(true) >= MIN_CHUNK, "after the least a chunk holds");
    const range = { workspaceId: key.workspaceId, from: "2026-03-01", to: "2026-03-01" };
    assert.equal((await analytics.totals(range)).conversations, 90);
  } finally {
    worker.terminate();
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a rollup written by another connection between a batch's transactions is read again, not overwritten", async () => {
  const dir = await Deno.makeTempDir();
  const [dbA, dbB] = [openDatabase(join(dir, "a.db")), openDatabase(join(dir, "a.db"))];
  migrate(dbA);
  try {
    // A batch on one connection (a listener), and one write on another (an instance that took the lease over)
    // landing between the batch's first transaction and its second.
    const [a, b] = [sqliteAnalytics(dbA), sqliteAnalytics(dbB)];
    const w = newId();
    const fact = { ...blankFact(w, newId(), newId(), "v1"), startedAt: new Date(), day: "2026-03-01" };
    await a.apply(newId(), (tx) => tx.putFact(fact));
    const more = (tx: RollupTx) => {
      const f = tx.fact(fact.conversationId)!;
      tx.putFact({ ...f, messagesCustomer: f.messagesCustomer + 1 });
    };
    let theirs: Promise<boolean> | null = null;
    await Promise.all(Array.from({ length: 150 }, (_, i) =>
      a.apply(newId(), (tx) => {
        more(tx);
        // Queued now, it runs in the pause after this transaction commits (a timer set before the pause's).
        if (i === 0) setTimeout(() => (theirs = b.apply(newId(), more)), 0);
      })));
    assert.equal(await theirs, true);
    const range = { workspaceId: w, from: "2026-03-01", to: "2026-03-01" };
    assert.equal((await a.facts(range, { limit: 1 })).facts[0].messagesCustomer, 151);
  } finally {
    dbA.close();
    dbB.close();
    await Deno.remove(dir, { recursive: true });
  }
});
