import assert from "node:assert/strict";
import { join } from "node:path";
import { createApp } from "../app.ts";
import type { Agent } from "../models/agents/agent.ts";
import { answer, type AnswerEvent, type AnswerInput, BUSY_TEXT } from "../models/answers/answer.ts";
import { call, makeTestDeps, signUp } from "../tests/helpers.ts";
import { AnswerPool, type AnswerPoolOptions, PER_THREAD } from "./answer_pool.ts";

const FAQ = `# Help
## Refunds
Refunds are issued within 5 business days of receiving the returned item.
## Opening hours
Our support team answers from 9am to 5pm, Monday to Friday.
## Shipping
Orders ship from our warehouse within two days; tracking numbers arrive by email.`;

const QUESTIONS = [
  "How long until I get my money back after returning something?",
  "When is your support team available?",
  "Where is my tracking number?",
  "Do you sell spaceships?",
  "hi",
  "I want to talk to a human",
];

async function trained() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test" });
  const { agent: made } = await (await call(app, "POST", "/api/agents", { cookie: a.cookie, body: { name: "Bot" } }))
    .json();
  await call(app, "POST", `/api/agents/${made.id}/train`, {
    cookie: a.cookie,
    body: { type: "text", content: FAQ, metadata: { title: "Help center" } },
  });
  await ctx.runner.idle();
  const agent = (await ctx.deps.store.agents.get(a.user.workspaceId, made.id)) as Agent;
  const pool = (o: Partial<AnswerPoolOptions> = {}) =>
    new AnswerPool({
      path: join(ctx.dir, "frontdesk.db"),
      workers: 1,
      queueMax: 100,
      queueWaitMs: 60_000,
      log: ctx.deps.log,
      logLevel: "silent",
      fallback: (input) => answer(ctx.deps, input),
      ...o,
    });
  const input = (question: string, signal?: AbortSignal): AnswerInput => ({
    agent,
    question,
    sessionId: "s1",
    userId: "u1",
    signal,
  });
  return { ...ctx, agent, pool, input };
}

async function all(events: AsyncIterable<AnswerEvent> | null): Promise<AnswerEvent[]> {
  assert.ok(events, "the pool takes the built-in responder's answers");
  const out: AnswerEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

/** The text an answer's events end with. */
const textOf = (events: AnswerEvent[]) => (events.at(-1) as Extract<AnswerEvent, { type: "done" }>).result.text;

/** Holds the event loop for `ms` (a GC pause, a long turn): no thread's reply can come in meanwhile. */
function holdLoop(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* busy */ }
}

Deno.test("answers composed on a worker thread are exactly those composed on the event loop", async () => {
  const t = await trained();
  const pool = t.pool();
  try {
    for (const q of QUESTIONS) {
      const here = await all(answer(t.deps, t.input(q)));
      const there = await all(pool.run(t.input(q)));
      assert.deepEqual(there, here, q);
    }
    assert.equal(pool.stats().done, QUESTIONS.length);
    assert.equal(pool.stats().workers, 1);
  } finally {
    await pool.close();
    await t.cleanup();
  }
});

Deno.test("a thread holds a few answers at once, and each is the one composed on the event loop", async () => {
  const t = await trained();
  const pool = t.pool();
  try {
    await all(pool.run(t.input("hi"))); // the thread is up
    const there = QUESTIONS.map((q) => all(pool.run(t.input(q))));
    // Microtasks only: no thread's reply (a macrotask) can come in between.
    const held = () => pool.stats().running + pool.stats().queued;
    for (let i = 0; i < 10_000 && held() < QUESTIONS.length; i++) await Promise.resolve();
    // Handed over at once, up to the bound; the rest wait their turn.
    assert.equal(pool.stats().running, PER_THREAD);
    assert.equal(pool.stats().queued, QUESTIONS.length - PER_THREAD);
    const here = [];
    for (const q of QUESTIONS) here.push(await all(answer(t.deps, t.input(q))));
    assert.deepEqual(await Promise.all(there), here);
    assert.equal(pool.stats().running, 0);
  } finally {
    await pool.close();
    await t.cleanup();
  }
});

Deno.test("the pool takes only the built-in responder's answers: a remote provider's stay on the loop", async () => {
  const t = await trained();
  const pool = t.pool();
  try {
    assert.equal(pool.run({ ...t.input("hi"), agent: { ...t.agent, provider: "openai" } }), null);
  } finally {
    await pool.close();
    await t.cleanup();
  }
});

Deno.test("past the queue bound an answer is given up visibly: the visitor is told, the team takes over", async () => {
  const t = await trained();
  const pool = t.pool({ queueMax: 1, perThread: 1 });
  try {
    // One answer on the thread, one waiting, the third finds the queue full.
    const results = await Promise.all(QUESTIONS.slice(0, 3).map((q) => all(pool.run(t.input(q)))));
    const done = results.map((events) => events.at(-1)!).map((e) => (e.type === "done" ? e.result : null));
    assert.ok(done[0]!.text.includes("5 business days"));
    assert.notEqual(done[1]!.text, BUSY_TEXT);
    assert.equal(done[2]!.text, BUSY_TEXT);
    assert.equal(done[2]!.handoff, "provider_failed");
    assert.equal(pool.stats().shed, 1);
  } finally {
    await pool.close();
    await t.cleanup();
  }
});

Deno.test("an answer that waited longer than the bound for a thread is given up, not composed late", async () => {
  const t = await trained();
  const pool = t.pool({ queueWaitMs: 100, perThread: 1 });
  try {
    await all(pool.run(t.input("hi"))); // the thread is up
    // Hold the event loop past the bound: the dispatcher finds the queued answers too old.
    const first = all(pool.run(t.input(QUESTIONS[0])));
    const second = all(pool.run(t.input(QUESTIONS[1])));
    // Microtasks only: the thread's reply (a macrotask) cannot come in between.
    for (let i = 0; i < 10_000 && pool.stats().queued < 1; i++) await Promise.resolve();
    assert.equal(pool.stats().queued, 1);
    holdLoop(150);
    const [a, b] = await Promise.all([first, second]);
    const texts = [a, b].map(textOf);
    assert.ok(texts.includes(BUSY_TEXT), texts.join(" | "));
  } finally {
    await pool.close();
    await t.cleanup();
  }
});

Deno.test("an aborted answer ends without a done; one the thread cannot answer is composed on the loop", async () => {
  const t = await trained();
  const pool = t.pool();
  // A thread reading a database without the knowledge tables fails every answer.
  const empty = await Deno.makeTempDir();
  const broken = t.pool({ path: join(empty, "empty.db") });
  try {
    const ac = new AbortController();
    const events = pool.run(t.input(QUESTIONS[0], ac.signal))!;
    const pending = all(events);
    ac.abort();
    assert.deepEqual(await pending, []);
    const here = await all(answer(t.deps, t.input(QUESTIONS[0])));
    assert.deepEqual(await all(broken.run(t.input(QUESTIONS[0]))), here);
  } finally {
    await pool.close();
    await broken.close();
    await Deno.remove(empty, { recursive: true });
    await t.cleanup();
  }
});

Deno.test("the wait bound counts from the question: one that waited in a backlog before reaching the pool is given up", async () => {
  const t = await trained();
  const pool = t.pool({ queueWaitMs: 1000 });
  try {
    const late = await all(pool.run({ ...t.input(QUESTIONS[0]), askedAt: Date.now() - 5000 }));
    assert.equal(textOf(late), BUSY_TEXT);
    const fresh = await all(pool.run({ ...t.input(QUESTIONS[0]), askedAt: Date.now() }));
    assert.match(textOf(fresh), /5 business days/);
  } finally {
    await pool.close();
    await t.cleanup();
  }
});

Deno.test("at the pace the thread answers, one that would wait past the bound is given up at once", async () => {
  const t = await trained();
  const pool = t.pool({ queueWaitMs: 1000, perThread: 1 });
  try {
    await all(pool.run(t.input("hi"))); // the thread is up
    // Eight waiting for the thread; the event loop held up between two answers: the pace measured is that slow.
    const queued = Array.from({ length: 8 }, (_, i) => all(pool.run(t.input(QUESTIONS[i % 3]))));
    await queued[0];
    holdLoop(300);
    await queued[1];
    assert.ok((pool.stats().paceMs ?? 0) >= 300, `pace ${pool.stats().paceMs}`);
    // Six ahead at ~300 ms each: past the bound of a second, so given up now, not after waiting it out.
    assert.equal(textOf(await all(pool.run(t.input(QUESTIONS[0])))), BUSY_TEXT);
    assert.ok(pool.stats().queued >= 1, "decided while the others still waited");
    // Those already waiting are answered: the estimate only turns new questions away.
    for (const events of await Promise.all(queued)) assert.notEqual(textOf(events), BUSY_TEXT);
  } finally {
    await pool.close();
    await t.cleanup();
  }
});

Deno.test("a pause of the event loop does not count as the thread slowing down", async () => {
  const t = await trained();
  const pool = t.pool({ perThread: 1 });
  try {
    await all(pool.run(t.input("hi"))); // the thread is up
    const queued = Array.from({ length: 8 }, (_, i) => all(pool.run(t.input(QUESTIONS[i % 3]))));
    for (const q of queued.slice(0, 3)) await q;
    const before = pool.stats().paceMs!;
    assert.ok(before > 0, `pace ${before}`);
    holdLoop(300);
    await queued[3];
    // At most four times the pace so far, weighed in at a tenth: the mean moves by at most 30%.
    assert.ok(pool.stats().paceMs! <= before * 1.3 + 1e-9, `pace ${before} -> ${pool.stats().paceMs}`);
    await Promise.all(queued);
  } finally {
    await pool.close();
    await t.cleanup();
  }
});

Deno.test("a pace measured through a stall is not kept once the queue has drained: questions are not turned away for good", async () => {
  const t = await trained();
  const pool = t.pool({ queueWaitMs: 500, perThread: 1 });
  try {
    await all(pool.run(t.input("hi"))); // the thread is up
    // Two waiting for the thread, and the event loop held up (a GC pause, a long turn) between two answers:
    // the pace measured is slower than the bound.
    const queued = Array.from({ length: 3 }, (_, i) => all(pool.run(t.input(QUESTIONS[i]))));
    await queued[0];
    holdLoop(700);
    await queued[1];
    assert.ok((pool.stats().paceMs ?? 0) > 500, `pace ${pool.stats().paceMs}`);
    await Promise.all(queued);
    // The backlog is gone and the thread answers in milliseconds: two questions at once, the second waiting
    // for the first only, are both answered (the first pair may still pay for the stall; later ones must not).
    const rounds: string[][] = [];
    for (let i = 0; i < 3; i++) {
      rounds.push((await Promise.all([0, 1].map((j) => all(pool.run(t.input(QUESTIONS[j])))))).map(textOf));
    }
    assert.ok(!rounds.at(-1)!.includes(BUSY_TEXT), JSON.stringify(rounds));
  } finally {
    await pool.close();
    await t.cleanup();
  }
});
