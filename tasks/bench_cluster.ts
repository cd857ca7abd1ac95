/**
 * The cross-instance part of `deno task bench`: the visitor -> staff relay
 * when the visitor is on instance A and staff on instance B (through Redis
 * pub/sub), next to the same relay within A, measured on the same messages
 * in the same run. Two apps in this process, each with its own SQLite
 * connection to one file and its own Redis connections (a real redis-server
 * on a free port), as two instances would have; every visitor on A, a staff
 * socket on A and one on B, both subscribed to every conversation. Each
 * message is timed from the visitor's `send` to its arrival on each staff
 * socket: the same-instance arrival is the reference, the cross-instance one
 * pays the Redis hop (publish, Redis, the other instance's parse and fan-out).
 * Target: cross-instance p50 and p99 <= 2x the same-instance relay's.
 *
 * @module
 */
import { connectRedis } from "../cluster/redis.ts";
import { redisBus } from "../cluster/redis_bus.ts";
import { redisCluster } from "../cluster/redis_cluster.ts";
import { redisLimits } from "../cluster/redis_limits.ts";
import { RedisPresence } from "../cluster/redis_presence.ts";
import { RateLimiter } from "../lib/rate_limit.ts";
import type { Deps } from "../models/ports/deps.ts";
import type { ServerFrame } from "../realtime/protocol.ts";
import { createSqliteStore } from "../storage/sqlite/mod.ts";
import { REDIS_MISSING, startRedis } from "../tests/fakes/redis_server.ts";
import { makeTestDeps, startServer } from "../tests/helpers.ts";
import { join } from "node:path";

/** How big the bench is. */
export interface ClusterBenchOptions {
  visitors: number;
  samples: number;
}

const pct = (xs: number[], p: number) =>
  xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** Visitor limits raised (every bench visitor comes from one address). */
class BenchLimiter extends RateLimiter {
  override hit(key: string, rule: { limit: number; windowMs: number }) {
    return super.hit(key, { ...rule, limit: rule.limit * 1000 });
  }
}

function open(url: string, onMessage: (d: string) => void, headers?: Record<string, string>): Promise<WebSocket> {
  const ws = new WebSocket(url.replace(/^http/, "ws"), { headers } as unknown as string[]);
  ws.onmessage = (e) => onMessage(String(e.data));
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error(`bench: cannot open ${url}`));
  });
}

/** Runs the bench and prints it; null when redis-server is missing. */
export async function benchCluster(opts: Partial<ClusterBenchOptions> = {}) {
  const o = { visitors: 200, samples: 1000, ...opts };
  if (REDIS_MISSING) {
    console.log(`\nCross-instance relay: skipped (${REDIS_MISSING})`);
    return null;
  }
  const redis = await startRedis();
  const cleanups: Array<() => Promise<unknown>> = [async () => await redis.stop()];
  const sockets: WebSocket[] = [];
  try {
    // Instance A: the test app with its store, listeners and the Redis bus; instance B: its own connection
    // to the same file, its own Redis connections.
    const ctx = await makeTestDeps({ env: { LOG_LEVEL: "error" } });
    cleanups.unshift(() => ctx.cleanup());
    const instance = async (base: Deps, store = base.store): Promise<Deps> => {
      const conns = await connectRedis(redis.url, base.log);
      cleanups.unshift(() => conns.close());
      const limiter = new BenchLimiter(base.clock);
      const presence = new RedisPresence(conns);
      cleanups.unshift(() => presence.stop());
      return {
        ...base,
        store,
        limiter,
        limits: redisLimits(conns.cmd),
        bus: await redisBus(conns),
        presence,
        cluster: await redisCluster(conns),
      };
    };
    const depsA = await instance(ctx.deps);
    const storeB = createSqliteStore(join(ctx.dir, "frontdesk.db"));
    cleanups.unshift(() => storeB.close());
    const depsB = await instance(ctx.deps, storeB);
    const a = await startServer(depsA);
    const b = await startServer(depsB);
    cleanups.unshift(() => b.close(), () => a.close());

    const reg = await fetch(`${a.url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: a.url },
      body: JSON.stringify({ name: "Bench", email: "bench@cluster.test", password: "bench password 1", company: "B" }),
    });
    if (reg.status !== 201) throw new Error(`bench: sign-up failed: ${reg.status} ${await reg.text()}`);
    const cookie = reg.headers.getSetCookie().find((c) => /fd_session=/.test(c))!.split(";")[0];
    const api = async (path: string, body: unknown) => {
      const res = await fetch(a.url + path, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: a.url },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`bench: POST ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const agent = (await api("/api/agents", { name: "Bench bot" })).agent;

    const onVisitor: Array<(d: string) => void> = [];
    const visitors: WebSocket[] = [];
    const conversationOf: string[] = [];
    for (let i = 0; i < o.visitors; i++) {
      const session = await (await fetch(`${a.url}/api/widget/session`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://customer.example" },
        body: JSON.stringify({ agentId: agent.id }),
      })).json();
      const ws = await open(`${a.url}/api/widget/ws`, (d) => onVisitor[i]?.(d));
      sockets.push(ws);
      visitors.push(ws);
      const started = new Promise<string>((resolve) => {
        onVisitor[i] = (d) => {
          const f = JSON.parse(d) as ServerFrame;
          if (f.type === "ack") resolve(f.message.conversationId);
        };
      });
      ws.send(JSON.stringify({ type: "hello", token: session.token }));
      ws.send(JSON.stringify({ type: "send", clientId: `cluster-${i}-start`, text: "Hello, I have a question" }));
      conversationOf[i] = await started;
      onVisitor[i] = () => {};
      await api(`/api/conversations/${conversationOf[i]}/takeover`, {});
    }

    // Staff on A and on B, each subscribed to every conversation.
    const arrivals = [new Map<string, (t: number) => void>(), new Map<string, (t: number) => void>()];
    const staff = await Promise.all([a, b].map(async (server, k) => {
      let pong: () => void = () => {};
      const ws = await open(`${server.url}/api/realtime`, (d) => {
        if (d.startsWith('{"type":"message"')) {
          const clientId = /"clientId":"([^"]+)"/.exec(d)?.[1];
          if (clientId) arrivals[k].get(clientId)?.(performance.now());
        } else if (d.startsWith('{"type":"pong"')) pong();
      }, { cookie, origin: server.url });
      sockets.push(ws);
      ws.send(JSON.stringify({ type: "hello" }));
      for (const id of conversationOf) ws.send(JSON.stringify({ type: "subscribe", conversationId: id }));
      await new Promise<void>((r) => (pong = r, ws.send(JSON.stringify({ type: "ping" }))));
      return ws;
    }));
    void staff;

    const same: number[] = [];
    const cross: number[] = [];
    const warmUp = 50;
    for (let n = 0; n < warmUp + o.samples; n++) {
      const i = n % o.visitors;
      const clientId = `cluster-${i}-m${n}`;
      const [onA, onB] = arrivals.map((m) =>
        new Promise<number>((r) => m.set(clientId, (t) => (m.delete(clientId), r(t))))
      );
      const acked = new Promise<void>((r) => (onVisitor[i] = (d) => d.startsWith('{"type":"ack"') && r()));
      const t0 = performance.now();
      visitors[i].send(JSON.stringify({
        type: "send",
        clientId,
        conversationId: conversationOf[i],
        text: `bench message ${n}`,
      }));
      const [ta, tb] = await Promise.all([onA, onB]);
      await acked;
      if (n >= warmUp) (same.push(ta - t0), cross.push(tb - t0));
    }
    const r50 = pct(cross, 0.5) / pct(same, 0.5);
    const r99 = pct(cross, 0.99) / pct(same, 0.99);
    console.log(
      `\nCross-instance relay: ${o.visitors} visitors on instance A, staff on A and on B (Redis pub/sub, ` +
        `redis-server on loopback), one SQLite file; ${o.samples} messages one at a time, each timed to both:\n` +
        `    same instance (A -> A)     p50 ${ms(pct(same, 0.5))}, p90 ${ms(pct(same, 0.9))}, p99 ${
          ms(pct(same, 0.99))
        }  (reference)\n` +
        `    across instances (A -> B)  p50 ${ms(pct(cross, 0.5))}, p90 ${ms(pct(cross, 0.9))}, p99 ${
          ms(pct(cross, 0.99))
        }\n` +
        `    ratio p50 x${r50.toFixed(2)}, p99 x${r99.toFixed(2)} — target <= 2x: ${
          r50 <= 2 && r99 <= 2 ? "MET" : "NOT MET"
        }`,
    );
    return { same, cross, r50, r99 };
  } finally {
    for (const ws of sockets) ws.close();
    for (const c of cleanups) await c().catch(() => {});
  }
}

if (import.meta.main) {
  await benchCluster();
}
