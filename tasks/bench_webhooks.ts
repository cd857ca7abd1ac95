/**
 * Webhook delivery in `deno task bench`: deliveries per second and the
 * latency from an event's commit to its arrival at a local receiver (p50,
 * p99), next to a bare loop of HTTP POSTs of the same body to the same
 * receiver with the same concurrency, in the same run. The ratio is the
 * cost of the durable path: the event log, the fan-out listener's delivery
 * row, the worker's claim, signing, the SSRF check and recording the attempt.
 *
 * @module
 */
import { createApp } from "../app.ts";
import { agentCreateSchema } from "../models/agents/agent_schemas.ts";
import { createAgent } from "../models/agents/agents.ts";
import { startWebhookReceiver } from "../tests/fakes/webhook_receiver.ts";
import { call, makeTestDeps, signUp } from "../tests/helpers.ts";

const N = 1000;
const CONCURRENCY = 32;
const QUIET = 200;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** One run of both sides. */
export async function benchWebhooks(): Promise<void> {
  const receiver = await startWebhookReceiver();
  const ctx = await makeTestDeps({ env: { LOG_LEVEL: "silent" } });
  try {
    const app = createApp(ctx.deps);
    const admin = await signUp(app, { email: "bench@hooks.test" });
    await call(app, "POST", "/api/webhooks", {
      cookie: admin.cookie,
      body: { url: receiver.url, events: ["agent.created"] },
    });
    const user = (await ctx.deps.store.users.findByEmail("bench@hooks.test"))!;

    // The reference: bare POSTs of a body of the same size, CONCURRENCY at a time.
    const body = JSON.stringify({ type: "agent.created", data: { pad: "x".repeat(300) } });
    const bareLatency: number[] = [];
    let next = 0;
    const bareStart = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        next++;
        const t0 = performance.now();
        const res = await fetch(receiver.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        await res.text();
        bareLatency.push(performance.now() - t0);
      }
    }));
    const bareSeconds = (performance.now() - bareStart) / 1000;
    receiver.received.length = 0;

    // Webhooks: N events committed as fast as the use case goes; each timed from its commit to its arrival.
    const committed = new Map<string, number>();
    const hookStart = performance.now();
    let made = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (made < N) {
        made++;
        const agent = await createAgent(ctx.deps, user, agentCreateSchema.parse({ name: `Bot ${made}` }));
        committed.set(agent.id, performance.now());
      }
    }));
    await receiver.waitFor(N, 120_000);
    const hookSeconds = (Math.max(...receiver.received.map((r) => r.at)) - hookStart) / 1000;
    const hookLatency = receiver.received.map((r) => r.at - committed.get(JSON.parse(r.body).data.payload.agentId)!);

    // One at a time (no queue): an event's latency alone, next to one bare POST's.
    const quiet: number[] = [], quietBare: number[] = [];
    for (let i = 0; i < QUIET; i++) {
      const t0 = performance.now();
      await (await fetch(receiver.url, { method: "POST", headers: { "content-type": "application/json" }, body }))
        .text();
      quietBare.push(performance.now() - t0);
      const seen = receiver.received.length;
      await createAgent(ctx.deps, user, agentCreateSchema.parse({ name: `Quiet ${i}` }));
      const t1 = performance.now();
      await receiver.waitFor(seen + 1);
      quiet.push(receiver.received[seen].at - t1);
    }

    const rate = N / hookSeconds, bareRate = N / bareSeconds;
    const f = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(
      `\nWebhooks: ${N} events to one endpoint vs a bare POST loop to the same receiver (${CONCURRENCY} at once)`,
    );
    console.log(
      `  deliveries/s ${rate.toFixed(0)} (bare POSTs/s ${bareRate.toFixed(0)}; x${
        (bareRate / rate).toFixed(2)
      } slower)`,
    );
    console.log(
      `  burst of N, event commit -> delivered (queueing included): p50 ${f(pct(hookLatency, 50))}, p99 ${
        f(pct(hookLatency, 99))
      } ` +
        `(bare POST: p50 ${f(pct(bareLatency, 50))}, p99 ${f(pct(bareLatency, 99))}; p50 x${
          (pct(hookLatency, 50) / pct(bareLatency, 50)).toFixed(1)
        })`,
    );
    console.log(
      `  one event at a time: commit -> delivered p50 ${f(pct(quiet, 50))}, p99 ${f(pct(quiet, 99))} ` +
        `(one bare POST: p50 ${f(pct(quietBare, 50))}, p99 ${f(pct(quietBare, 99))}; p50 x${
          (pct(quiet, 50) / pct(quietBare, 50)).toFixed(1)
        })`,
    );
  } finally {
    await receiver.close();
    await ctx.cleanup();
  }
}

if (import.meta.main) await benchWebhooks();
