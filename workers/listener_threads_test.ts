/**
 * A listener thread that dies is restarted: the analytics listener's thread is made to throw an uncaught
 * error (the worker's `error` event), conversations go on meanwhile, and the thread comes back after its
 * backoff, resumes from its checkpoint and catches up; its status says it was down and restarted.
 *
 * @module
 */
import assert from "node:assert/strict";
import { createApp } from "../app.ts";
import { visitorSend } from "../models/chat/chat.ts";
import { startWidgetSession } from "../models/chat/visitors.ts";
import { call, makeTestDeps, signUp } from "../tests/helpers.ts";

Deno.test("the analytics listener's thread dies: it is restarted, resumes from its checkpoint and catches up", async () => {
  const t = await makeTestDeps();
  try {
    const threaded = t.threads?.running("analytics");
    assert.ok(threaded, "analytics runs on a thread of its own (SQLite)");
    const app = createApp(t.deps);
    const admin = await signUp(app, { email: "owner@threads.test" });
    const agentId = (await (await call(app, "POST", "/api/agents", {
      cookie: admin.cookie,
      body: { name: "Bot", handoffThreshold: 0 },
    })).json()).agent.id as string;
    const converse = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const { visitor } = await startWidgetSession(t.deps, { agentId });
        await visitorSend(t.deps, visitor, { clientId: crypto.randomUUID(), text: `Where is order ${i}?` });
      }
    };
    const today = new Date().toISOString().slice(0, 10);
    const conversations = async () =>
      (await (await call(app, "GET", `/api/analytics/summary?from=${today}&to=${today}`, { cookie: admin.cookie }))
        .json()).conversations as number;

    await converse(2);
    await t.ai.idle();
    assert.equal(await conversations(), 2);
    assert.deepEqual((await threaded.status()).thread, { running: true, restarts: 0, lastError: null });

    // The thread dies; its status, read from the store meanwhile, says so, and the conversations go on.
    const died = new Promise<void>((resolve) => {
      const poll = async () => (await threaded.status()).thread?.lastError ? resolve() : setTimeout(poll, 5);
      poll();
    });
    threaded.die("boom (test)");
    await died;
    await converse(3);

    // Back after its backoff: `idle` waits for the new thread, which catches up from the checkpoint.
    await t.ai.idle();
    assert.equal(await conversations(), 5, "the conversations written while it was down are counted");
    const status = await threaded.status();
    assert.deepEqual(status.thread, { running: true, restarts: 1, lastError: "Uncaught Error: boom (test)" });
    assert.equal(status.lag, 0);
    const listed = (await t.ai.status()).find((s) => s.name === "analytics");
    assert.equal(listed?.thread?.restarts, 1, "the listeners' status (/readyz) shows the restart");

    // Again: a second death is restarted too (the backoff doubles), and nothing is counted twice.
    threaded.die("boom again (test)");
    await converse(1);
    await t.ai.idle();
    assert.equal(await conversations(), 6);
    assert.equal((await threaded.status()).thread?.restarts, 2);
  } finally {
    await t.cleanup();
  }
});

Deno.test("a listener thread stopped while it is down stays stopped, and waiting for it ends", async () => {
  const t = await makeTestDeps();
  try {
    const threaded = t.threads!.running("analytics")!;
    const down = new Promise<void>((resolve) => {
      const poll = async () => (await threaded.status()).thread?.running === false ? resolve() : setTimeout(poll, 2);
      poll();
    });
    threaded.die("boom (test)");
    await down;
    // Waiting for it ends with the stop (rejected; or resolved, should the restart have come first under load).
    const waiting = threaded.idle().then(() => "up", (err: Error) => err.message);
    await threaded.stop();
    assert.match(await waiting, /^up$|stopped/);
    await assert.rejects(threaded.idle(), /stopped/);
    // No thread is started after the stop: its pending restart was called off.
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await threaded.status()).thread?.running, false);
  } finally {
    await t.cleanup();
  }
});
