import assert from "node:assert/strict";
import { newId } from "../lib/ids.ts";
import { newConversation } from "../models/chat/conversation.ts";
import type { EventPayload } from "../models/events/catalog.ts";
import { type DomainEvent, newEvent, SYSTEM } from "../models/events/event.ts";
import type { Deps } from "../models/ports/deps.ts";
import { makeTestDeps } from "../tests/helpers.ts";
import { createSqliteStore } from "../storage/sqlite/mod.ts";
import { join } from "node:path";
import { type Listener, ListenerRunner, type RunnerOptions } from "./runner.ts";

const FAST: RunnerOptions = {
  pollMs: 50,
  retry: { baseMs: 5, maxMs: 40, attempts: 4 },
  maxInFlight: 64,
  checkpointEveryMs: 5,
  gapWaitMs: 20,
};

/** Writes events through a real change (a visitor's conversation), one per `aggregates` entry, in that order. */
async function writeEvents(deps: Deps, aggregates: string[]): Promise<void> {
  const workspaceId = newId();
  const visitorId = newId();
  const agentId = newId();
  const at = new Date();
  await deps.store.workspaces.createWithOwner(
    { id: workspaceId, name: "W", createdAt: at, updatedAt: at },
    {
      id: newId(),
      workspaceId,
      name: "Ada",
      email: `ada-${workspaceId}@example.com`,
      passwordHash: "x",
      company: "W",
      role: "admin",
      tokenVersion: 0,
      createdAt: at,
      updatedAt: at,
    },
  );
  await deps.store.visitors.insert({
    id: visitorId,
    workspaceId,
    agentId,
    verified: false,
    createdAt: at,
    lastSeenAt: at,
  });
  await deps.store.conversations.insert(
    newConversation({ workspaceId, agentId, visitorId, handledBy: "ai" }, at),
    () =>
      aggregates.map((aggregateId, i) =>
        newEvent("ticket.rated", {
          workspaceId,
          aggregateId,
          actor: SYSTEM,
          at,
          payload: { ticketId: aggregateId, conversationId: aggregateId, score: 1 + (i % 5) },
        })
      ),
  );
}

const score = (e: DomainEvent) => (e.payload as EventPayload<"ticket.rated">).score;

Deno.test("a listener gets every event once, in order per aggregate, aggregates side by side", async () => {
  const t = await makeTestDeps();
  const seen: DomainEvent[] = [];
  let running = 0;
  let overlap = 0;
  const listener: Listener = {
    name: "test-order",
    types: ["ticket.rated"],
    async handle(e) {
      running++;
      overlap = Math.max(overlap, running);
      await new Promise((r) => setTimeout(r, 2));
      seen.push(e);
      running--;
    },
  };
  const runner = new ListenerRunner(t.deps, listener, FAST);
  try {
    const a = newId();
    const b = newId();
    await runner.start();
    await writeEvents(t.deps, [a, b, a, b, a, b]);
    await runner.idle();
    assert.equal(seen.length, 6);
    for (const id of [a, b]) {
      const mine = seen.filter((e) => e.aggregateId === id).map((e) => e.position);
      assert.deepEqual(mine, [...mine].sort((x, y) => x - y), "in log order within an aggregate");
    }
    assert.ok(overlap >= 2, "two aggregates were handled at the same time");
    const status = await runner.status();
    assert.equal(status.lag, 0);
    assert.equal((await t.deps.store.events.checkpoint("test-order"))?.position, status.head);
  } finally {
    await runner.stop();
    await t.cleanup();
  }
});

Deno.test("a waiting listener passes over what it does not want without losing what it does", async () => {
  const t = await makeTestDeps();
  const wanted = new Set<string>();
  const seen: string[] = [];
  let asked = 0;
  const listener: Listener = {
    name: "test-pass",
    types: ["ticket.rated"],
    wants(e) {
      asked++;
      return wanted.has(e.aggregateId);
    },
    handle(e) {
      seen.push(e.aggregateId);
      return Promise.resolve();
    },
  };
  const runner = new ListenerRunner(t.deps, listener, FAST);
  try {
    await runner.start();
    // One commit at a time, the listener waiting in between, wanted and unwanted in turn; then a mixed commit.
    const ids = Array.from({ length: 9 }, () => newId());
    ids.forEach((id, i) => i % 2 === 0 && wanted.add(id));
    for (const id of ids.slice(0, 6)) {
      await writeEvents(t.deps, [id]);
      await runner.idle();
    }
    await writeEvents(t.deps, ids.slice(6));
    await runner.idle();
    assert.deepEqual(seen, ids.filter((id) => wanted.has(id)));
    assert.ok(asked >= ids.length, "every event was looked at");
    const status = await runner.status();
    assert.equal(status.lag, 0, "the checkpoint is past the events passed over");
    await runner.stop();
    assert.equal((await t.deps.store.events.checkpoint("test-pass"))?.position, status.head);
  } finally {
    await runner.stop();
    await t.cleanup();
  }
});

Deno.test("events another process writes are read from the log while this one keeps handing its own over", async () => {
  const t = await makeTestDeps();
  if (Deno.env.get("TEST_STORE")) return await t.cleanup(); // two connections to one SQLite file
  // Another process's store on the same file: its commits are never handed to this process's listeners.
  const other = { ...t.deps, store: createSqliteStore(join(t.dir, "frontdesk.db"), { checkpoints: false }) };
  const seen: string[] = [];
  const listener: Listener = {
    name: "test-other",
    types: ["ticket.rated"],
    handle(e) {
      seen.push(e.aggregateId);
      return Promise.resolve();
    },
  };
  const runner = new ListenerRunner(t.deps, listener, FAST);
  const until = async (ids: string[]) => {
    for (let i = 0; i < 400 && !ids.every((id) => seen.includes(id)); i++) await new Promise((r) => setTimeout(r, 10));
  };
  try {
    await runner.start();
    // Theirs between ours: the gap in this process's hand-off shows it.
    const [a, b, c] = [newId(), newId(), newId()];
    await writeEvents(t.deps, [a]);
    await writeEvents(other, [b]);
    await writeEvents(t.deps, [c]);
    await until([a, b, c]);
    assert.deepEqual(seen, [a, b, c]);
    // Theirs last while ours keep coming (hand-offs within every poll interval): read all the same.
    const d = newId();
    await writeEvents(other, [d]);
    const ours = Array.from({ length: 12 }, () => newId());
    for (const id of ours) {
      await writeEvents(t.deps, [id]);
      await new Promise((r) => setTimeout(r, 20));
    }
    // Theirs last with nothing after: the poll reads it.
    const e = newId();
    await writeEvents(other, [e]);
    await until([d, ...ours, e]);
    assert.deepEqual(seen, [a, b, c, d, ...ours, e]);
  } finally {
    await runner.stop();
    await other.store.close();
    await t.cleanup();
  }
});

Deno.test("a gap in the hand-off is waited for, not read back from the log, when its events come after", async () => {
  const t = await makeTestDeps();
  const log = t.deps.store.events;
  const [a, b] = [newId(), newId()];
  let reads = 0;
  let bHanded = false;
  const held: DomainEvent[][] = [];
  let handTo: (events: DomainEvent[]) => void = () => {};
  // The store as the runner sees it: log reads counted, and the hand-off of `a`'s commit held back until `b`'s,
  // committed after it, was handed over (as the append worker's events reach the loop after its commit, behind a
  // later commit of the loop's own).
  const events = {
    ...log,
    after: (...args: Parameters<typeof log.after>) => (reads++, log.after(...args)),
    onAppend: (fn: (events: DomainEvent[]) => void) => {
      handTo = fn;
      return log.onAppend((evs) => {
        if (evs.some((e) => e.aggregateId === a)) return void held.push(evs);
        fn(evs);
        bHanded ||= evs.some((e) => e.aggregateId === b);
      });
    },
  };
  const deps = { ...t.deps, store: { ...t.deps.store, events } };
  const seen: string[] = [];
  const listener: Listener = {
    name: "test-gap",
    types: ["ticket.rated"],
    handle(e) {
      seen.push(e.aggregateId);
      return Promise.resolve();
    },
  };
  // No poll during the test, and a gap waited for as long as it takes: only reading it would send the runner to
  // the log.
  const runner = new ListenerRunner(deps, listener, { ...FAST, pollMs: 60_000, gapWaitMs: 60_000 });
  try {
    await runner.start();
    await runner.idle();
    reads = 0;
    await writeEvents(deps, [a]);
    // Handed over in batches a turn apart: `b` in one of its own.
    for (let i = 0; i < 200 && !held.length; i++) await new Promise((r) => setTimeout(r, 1));
    await writeEvents(deps, [b]);
    for (let i = 0; i < 200 && !bHanded; i++) await new Promise((r) => setTimeout(r, 1));
    assert.ok(bHanded && held.length, "b's events handed over before a's");
    for (const evs of held) handTo(evs);
    for (let i = 0; i < 200 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(seen, [a, b], "in log order");
    assert.equal(reads, 0, "the log was not read back");
  } finally {
    await runner.stop();
    await t.cleanup();
  }
});

Deno.test("a listener stopped while it reads the log stops (nothing is left to wake it)", async () => {
  const t = await makeTestDeps();
  const listener: Listener = { name: "test-stop-reading", types: ["ticket.rated"], handle: () => Promise.resolve() };
  const runner = new ListenerRunner(t.deps, listener, { ...FAST, pollMs: 60_000 });
  const events = t.deps.store.events;
  let release!: () => void;
  const reading = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inRead = new Promise<void>((r) => (entered = r));
  const original = events.head;
  try {
    await runner.start();
    await runner.idle();
    // The next read of the log's head waits until the stop has been asked for.
    const head = original.bind(events);
    events.head = async () => {
      entered();
      await reading;
      return await head();
    };
    runner.nudge();
    await inRead;
    const stopped = runner.stop();
    release();
    let timer!: ReturnType<typeof setTimeout>;
    const outcome = await Promise.race([
      stopped.then(() => "stopped"),
      new Promise((r) => (timer = setTimeout(() => r("still running after 10 s"), 10_000))),
    ]);
    clearTimeout(timer);
    assert.equal(outcome, "stopped");
  } finally {
    events.head = original;
    release();
    await t.cleanup();
  }
});

Deno.test("a failing event is retried with backoff without holding up other aggregates, then set aside", async () => {
  const t = await makeTestDeps();
  const attempts = new Map<number, number[]>();
  const bad = newId();
  const good = newId();
  const listener: Listener = {
    name: "test-retry",
    types: ["ticket.rated"],
    handle(e) {
      const times = attempts.get(e.position) ?? [];
      times.push(performance.now());
      attempts.set(e.position, times);
      if (e.aggregateId === bad) return Promise.reject(new Error("receiver down"));
      // The flaky one: fails twice, then works.
      if (score(e) === 3 && times.length < 3) return Promise.reject(new Error("try again"));
      return Promise.resolve();
    },
  };
  const runner = new ListenerRunner(t.deps, listener, { ...FAST, retry: { baseMs: 30, maxMs: 400, attempts: 4 } });
  try {
    await runner.start();
    await writeEvents(t.deps, [bad, good, good]);
    await runner.idle();
    const [pBad, pGood1, pGood2] = [...attempts.keys()].sort((x, y) => x - y);
    assert.equal(attempts.get(pGood1)!.length, 1);
    assert.equal(attempts.get(pGood2)!.length, 3, "retried until it worked");
    assert.equal(attempts.get(pBad)!.length, 4, "given up after its attempts");
    // Timers never fire early, so each wait is at least its backoff (base x 2^n, less the 20% jitter): growth
    // shows as lower bounds, whatever the machine's load adds on top.
    const gaps = attempts.get(pBad)!.slice(1).map((x, i) => x - attempts.get(pBad)![i]);
    gaps.forEach((gap, n) => assert.ok(gap >= 0.8 * 30 * 2 ** n - 2, `wait ${n + 1}: ${Math.round(gap)} ms`));
    assert.ok(attempts.get(pGood1)![0] < attempts.get(pBad)![1], "the other aggregate did not wait for the retries");
    const letters = await t.deps.store.events.deadLetters("test-retry");
    assert.deepEqual(letters.map((l) => [l.position, l.error, l.attempts]), [[pBad, "receiver down", 4]]);
    assert.equal((await runner.status()).lag, 0, "the log goes on past a dead letter");
  } finally {
    await runner.stop();
    await t.cleanup();
  }
});

Deno.test("after a stop, a listener resumes from its checkpoint and gets again what was in flight", async () => {
  const t = await makeTestDeps();
  const seen: number[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const aggregate = newId();
  const blocking: Listener = {
    name: "test-resume",
    types: ["ticket.rated"],
    async handle(e, { signal }) {
      if (score(e) === 3) {
        // Stuck until stopped: a crash mid-way.
        await Promise.race([gate, new Promise((r) => signal.addEventListener("abort", r))]);
        throw new Error("stopped");
      }
      seen.push(score(e));
    },
  };
  const first = new ListenerRunner(t.deps, blocking, FAST);
  await first.start();
  await writeEvents(t.deps, [aggregate, aggregate, aggregate, aggregate]);
  for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
  await first.stop();
  release();
  assert.deepEqual(seen, [1, 2]);
  const again: Listener = { ...blocking, handle: (e) => Promise.resolve(void seen.push(score(e))) };
  const second = new ListenerRunner(t.deps, again, FAST);
  try {
    await second.start();
    await second.idle();
    assert.deepEqual(seen, [1, 2, 3, 4], "the stuck event and the one behind it come again; nothing done twice");
  } finally {
    await second.stop();
    await t.cleanup();
  }
});

Deno.test("a listener that never ran starts at the head of the log, or at its start when it asks to", async () => {
  const t = await makeTestDeps();
  await writeEvents(t.deps, [newId(), newId()]);
  const seenNew: number[] = [];
  const seenAll: number[] = [];
  const fresh: Listener = {
    name: "test-fresh",
    types: ["ticket.rated"],
    handle: (e) => Promise.resolve(void seenNew.push(score(e))),
  };
  const rebuild: Listener = {
    name: "test-rebuild",
    from: "start",
    types: ["ticket.rated"],
    handle: (e) => Promise.resolve(void seenAll.push(score(e))),
  };
  const runners = [new ListenerRunner(t.deps, fresh, FAST), new ListenerRunner(t.deps, rebuild, FAST)];
  try {
    for (const r of runners) await r.start();
    await writeEvents(t.deps, [newId()]);
    for (const r of runners) await r.idle();
    assert.deepEqual(seenNew, [1], "only what happened after it started");
    assert.deepEqual(seenAll, [1, 2, 1], "the whole log");
  } finally {
    for (const r of runners) await r.stop();
    await t.cleanup();
  }
});

Deno.test("a batch listener gets its events in log order, in batches; a failed batch is handled one by one", async () => {
  const t = await makeTestDeps();
  const batches: number[][] = [];
  const single: number[] = [];
  const [a, b] = [newId(), newId()];
  const listener: Listener = {
    name: "test-batch",
    types: ["ticket.rated"],
    handle(e) {
      if (e.aggregateId === b && score(e) === 4) return Promise.reject(new Error("bad event"));
      single.push(e.position);
      return Promise.resolve();
    },
    batch: {
      maxEvents: 3,
      waitMs: 20,
      handle(events) {
        batches.push(events.map((e) => e.position));
        // A batch with the bad event fails as a whole.
        return events.some((e) => e.aggregateId === b && score(e) === 4)
          ? Promise.reject(new Error("bad batch"))
          : Promise.resolve();
      },
    },
  };
  const runner = new ListenerRunner(t.deps, listener, { ...FAST, retry: { baseMs: 1, maxMs: 2, attempts: 2 } });
  try {
    await runner.start();
    await writeEvents(t.deps, [a, a, b, b, a, a, a]);
    await runner.idle();
    const all = batches.flat();
    assert.deepEqual(all, [...all].sort((x, y) => x - y), "batches follow the log's order");
    assert.equal(all.length, 7, "every event was in a batch");
    assert.ok(batches.every((x) => x.length <= 3), "no batch over maxEvents");
    const failed = batches.find((x) => x.length && x.includes(all[3]))!;
    assert.deepEqual(single, failed.filter((p) => p !== all[3]), "the failed batch's others, one by one");
    const letters = await t.deps.store.events.deadLetters("test-batch");
    assert.deepEqual(letters.map((l) => l.position), [all[3]], "the bad event set aside");
    assert.equal((await runner.status()).lag, 0);
  } finally {
    await runner.stop();
    await t.cleanup();
  }
});

Deno.test("a batch listener stopped while gathering gets the gathered events again after a restart", async () => {
  const t = await makeTestDeps();
  const seen: number[] = [];
  const listener: Listener = {
    name: "test-batch-stop",
    types: ["ticket.rated"],
    handle: () => Promise.reject(new Error("batches only")),
    batch: {
      maxEvents: 100,
      waitMs: 60_000,
      handle: (events) => Promise.resolve(void seen.push(...events.map(score))),
    },
  };
  const first = new ListenerRunner(t.deps, listener, FAST);
  await first.start();
  await writeEvents(t.deps, [newId(), newId()]);
  // Handed over and gathering (the wait is a minute): stopped before the batch ran.
  for (let i = 0; i < 100 && (await first.status()).inFlight < 2; i++) await new Promise((r) => setTimeout(r, 5));
  await first.stop();
  assert.deepEqual(seen, []);
  const second = new ListenerRunner(t.deps, listener, FAST);
  try {
    await second.start();
    await second.idle();
    assert.deepEqual(seen, [1, 2], "nothing lost; idle() does not wait out the gathering");
  } finally {
    await second.stop();
    await t.cleanup();
  }
});
