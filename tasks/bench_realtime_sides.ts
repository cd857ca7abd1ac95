/**
 * The two sides `tasks/bench_realtime.ts` compares, each with its clients
 * connected, in-process on loopback:
 * - `echoSide`: the reference, `Deno.serve` + `Deno.upgradeWebSocket`, every
 *   message echoed back (with `durable`, each is first committed to SQLite,
 *   as a floor for any relay that stores before it acknowledges);
 * - `appSide`: the real app (`createApp`), visitors whose conversations staff
 *   took over, and one staff socket subscribed to them all.
 *
 * @module
 */
import { join } from "node:path";
import { type LimitResult, type LimitRule, RateLimiter } from "../lib/rate_limit.ts";
import type { ServerFrame } from "../realtime/protocol.ts";
import { openDatabase } from "../storage/sqlite/db.ts";
import { makeTestDeps, startServer } from "../tests/helpers.ts";

/** How big the bench is. */
export interface SideOptions {
  /** Concurrent client sockets on each server. */
  clients: number;
  /** Upper bound of each phase, in ms. */
  phaseTimeoutMs: number;
}

/** One run of the throughput phase. */
export interface ThroughputRun {
  elapsed: number;
  latencies: number[];
  /** The app only: ms until every message was acknowledged. */
  ackedMs?: number;
}

export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`bench: ${what} took over ${timeoutMs} ms`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A minimal client: one handler for every frame, opened and closed as promises. */
export interface Client {
  ws: WebSocket;
  closed: Promise<void>;
}

export function open(
  url: string,
  onMessage: (data: string) => void,
  headers?: Record<string, string>,
): Promise<Client> {
  const ws = new WebSocket(url.replace(/^http/, "ws"), headers ? { headers } as unknown as string[] : undefined);
  const closed = new Promise<void>((resolve) => ws.addEventListener("close", () => resolve()));
  ws.onmessage = (e) => onMessage(e.data as string);
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve({ ws, closed });
    ws.onerror = (e) => reject(new Error(`bench: websocket to ${url} failed: ${(e as ErrorEvent).message ?? e.type}`));
  });
}

/** Opens `n` clients, `concurrency` at a time. */
export async function openMany<T>(n: number, make: (i: number) => Promise<T>, concurrency = 100): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) {
      const i = next++;
      out[i] = await make(i);
    }
  }));
  return out;
}

async function closeAll(clients: Client[]) {
  for (const c of clients) if (c.ws.readyState <= WebSocket.OPEN) c.ws.close();
  await Promise.all(clients.map((c) => c.closed));
}

/** The frame a visitor sends, shaped the same on both sides (the echo just returns it). */
const sendFrame = (clientId: string, conversationId: string, n: number) =>
  JSON.stringify({ type: "send", clientId, conversationId, text: `bench message number ${n}` });

/** Counts a phase's messages; `wait` resolves with the elapsed ms once `total` are done. */
function phaseCounter(total: number, timeoutMs: number, what: string) {
  let finished = 0;
  let resolve!: () => void;
  const all = new Promise<void>((r) => (resolve = r));
  const t0 = performance.now();
  return {
    done() {
      if (++finished === total) resolve();
    },
    wait: async () => {
      await withTimeout(all, timeoutMs, what);
      return performance.now() - t0;
    },
  };
}

/** One side of the comparison, with its clients connected. */
export interface Side {
  /** Client `i` sends one message; resolves with its latency in ms. */
  one(i: number, n: number): Promise<number>;
  /** Every client sends `perClient` messages, each on the previous ack/echo. */
  throughput(perClient: number): Promise<ThroughputRun>;
  /** Resolves once the side's background work (the app's listeners) has caught up. */
  settle?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * (a) the bare echo; with `durable`, every message is first inserted and committed (its own transaction,
 * WAL, the app's pragmas) into a table shaped like a chat log, then echoed.
 */
export async function echoSide(o: SideOptions, durable = false): Promise<Side> {
  const ac = new AbortController();
  const dir = durable ? await Deno.makeTempDir({ prefix: "bench-echo-" }) : null;
  const db = dir ? openDatabase(join(dir, "echo.db")) : null;
  db?.exec(
    `CREATE TABLE log (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)) WITHOUT ROWID`,
  );
  const insert = db?.prepare("INSERT INTO log (conversation_id, seq, text, created_at) VALUES (?, ?, ?, ?)");
  let seq = 0;
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", signal: ac.signal, onListen() {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    const conversation = crypto.randomUUID();
    socket.onmessage = (e) => {
      insert?.run(conversation, ++seq, e.data as string, new Date().toISOString());
      socket.send(e.data);
    };
    return response;
  });
  const url = `http://127.0.0.1:${server.addr.port}`;
  // Per client: what to do with its next echo.
  const handlers: Array<(data: string) => void> = [];
  const close = async () => {
    await closeAll(clients);
    ac.abort();
    await server.finished;
    db?.close();
    if (dir) await Deno.remove(dir, { recursive: true });
  };
  const clients: Client[] = [];
  try {
    clients.push(...await openMany(o.clients, (i) => open(url, (d) => handlers[i]?.(d))));
  } catch (err) {
    await close();
    throw err;
  }
  return {
    async one(i, n) {
      const echoed = new Promise<void>((r) => (handlers[i] = () => r()));
      const t0 = performance.now();
      clients[i].ws.send(sendFrame(`echo-${i}-l${n}`, "0".repeat(24), n));
      await withTimeout(echoed, o.phaseTimeoutMs, "an echo");
      return performance.now() - t0;
    },
    async throughput(perClient) {
      const latencies: number[] = [];
      const phase = phaseCounter(clients.length * perClient, o.phaseTimeoutMs, "the echo throughput phase");
      clients.forEach((c, i) => {
        let sent = 0;
        let t0 = 0;
        const next = () => {
          t0 = performance.now();
          c.ws.send(sendFrame(`echo-${i}-t${sent}`, "0".repeat(24), sent));
          sent++;
        };
        handlers[i] = () => {
          latencies.push(performance.now() - t0);
          phase.done();
          if (sent < perClient) next();
        };
        next();
      });
      return { elapsed: await phase.wait(), latencies };
    },
    close,
  };
}

/** Visitor limits raised for the bench (1,000 sessions come from one address); the app's own rules are unchanged. */
export class BenchLimiter extends RateLimiter {
  override hit(key: string, rule: LimitRule): LimitResult {
    return super.hit(key, { ...rule, limit: rule.limit * 1000 });
  }
}

/** (b) the app, with its visitors, their conversations (taken over) and the staff socket ready. */
export async function appSide(o: SideOptions): Promise<Side & { setupMs: number }> {
  const setupStart = performance.now();
  const ctx = await makeTestDeps({ env: { LOG_LEVEL: "error" } });
  ctx.deps.limiter = new BenchLimiter(ctx.deps.clock);
  const server = await startServer(ctx.deps);
  const url = server.url;
  const visitors: Client[] = [];
  let staff: Client | null = null;
  const close = async () => {
    await closeAll(staff ? [...visitors, staff] : visitors);
    await server.close();
    await ctx.cleanup();
  };
  try {
    const reg = await fetch(`${url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({
        name: "Bench Admin",
        email: "bench@bench.test",
        password: "bench password 1",
        company: "B",
      }),
    });
    const regBody = await reg.text();
    if (reg.status !== 201) throw new Error(`bench: sign-up failed: ${reg.status} ${regBody}`);
    const cookie = reg.headers.getSetCookie().find((c) => /fd_session=/.test(c))!.split(";")[0];
    const api = async (path: string, body: unknown) => {
      const res = await fetch(url + path, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: url },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`bench: POST ${path}: ${res.status} ${text}`);
      return JSON.parse(text);
    };
    const agent = (await api("/api/agents", { name: "Bench bot" })).agent;

    // Per visitor: the handler of its next frame, and its conversation.
    // Clients do as little as the echo's: they recognise their frame by its start, and parse only while setting up.
    const onVisitor: Array<(data: string) => void> = [];
    const isAck = (d: string) => d.startsWith('{"type":"ack"');
    const conversationOf: string[] = [];
    const opened = await openMany(o.clients, async (i) => {
      const res = await fetch(`${url}/api/widget/session`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://customer.example" },
        body: JSON.stringify({ agentId: agent.id }),
      });
      const session = await res.json();
      if (res.status !== 200) throw new Error(`bench: widget session: ${res.status} ${JSON.stringify(session)}`);
      const client = await open(`${url}/api/widget/ws`, (d) => onVisitor[i]?.(d));
      visitors.push(client);
      const started = new Promise<string>((resolve) => {
        onVisitor[i] = (d) => {
          const f = JSON.parse(d) as ServerFrame;
          if (f.type === "ack") resolve(f.message.conversationId);
        };
      });
      client.ws.send(JSON.stringify({ type: "hello", token: session.token }));
      client.ws.send(JSON.stringify({ type: "send", clientId: `bench-${i}-start`, text: "Hello, I have a question" }));
      conversationOf[i] = await withTimeout(started, o.phaseTimeoutMs, "a visitor's first message");
      await api(`/api/conversations/${conversationOf[i]}/takeover`, {});
      return client;
    }, 50);

    // The staff socket, subscribed to every conversation; frames are handled in order, so a pong ends the subscribing.
    const relayed = new Map<string, () => void>();
    let pong: (() => void) | null = null;
    staff = await open(`${url}/api/realtime`, (d) => {
      if (d.startsWith('{"type":"message"')) {
        const clientId = /"clientId":"([^"]+)"/.exec(d)?.[1];
        if (clientId) relayed.get(clientId)?.();
      } else if (d.startsWith('{"type":"pong"')) pong?.();
    }, { cookie, origin: url });
    const ping = async () => {
      const ponged = new Promise<void>((r) => (pong = r));
      staff!.ws.send(JSON.stringify({ type: "ping" }));
      await withTimeout(ponged, o.phaseTimeoutMs, "a ping");
    };
    staff.ws.send(JSON.stringify({ type: "hello" }));
    for (const id of conversationOf) staff.ws.send(JSON.stringify({ type: "subscribe", conversationId: id }));
    await ping();
    // The AI's answers to the first messages (before the takeovers) are done before timing starts.
    for (const until = Date.now() + o.phaseTimeoutMs;;) {
      if (!(await ctx.deps.store.conversations.streamingMessages()).length) break;
      if (Date.now() > until) throw new Error("bench: the first AI answers did not finish");
      await new Promise((r) => setTimeout(r, 50));
    }
    await ping();
    const setupMs = performance.now() - setupStart;

    let runs = 0;
    return {
      setupMs,
      settle: () => ctx.ai.idle(),
      async one(i, n) {
        const clientId = `bench-${i}-l${n}`;
        const acked = new Promise<void>((r) => (onVisitor[i] = (d) => isAck(d) && r()));
        const arrived = new Promise<number>((r) => relayed.set(clientId, () => r(performance.now())));
        const t0 = performance.now();
        opened[i].ws.send(sendFrame(clientId, conversationOf[i], n));
        const t1 = await withTimeout(arrived, o.phaseTimeoutMs, "a relayed message");
        relayed.delete(clientId);
        await withTimeout(acked, o.phaseTimeoutMs, "an ack");
        return t1 - t0;
      },
      async throughput(perClient) {
        const run = ++runs;
        const latencies: number[] = [];
        const phase = phaseCounter(opened.length * perClient, o.phaseTimeoutMs, "the relay throughput phase");
        const t0 = performance.now();
        let acks = 0;
        let ackedMs = 0;
        let allAcked!: () => void;
        const acked = new Promise<void>((r) => (allAcked = r));
        opened.forEach((c, i) => {
          let sent = 0;
          const next = () => {
            const clientId = `bench-${i}-r${run}-t${sent}`;
            const t0 = performance.now();
            relayed.set(clientId, () => {
              latencies.push(performance.now() - t0);
              relayed.delete(clientId);
              phase.done();
            });
            c.ws.send(sendFrame(clientId, conversationOf[i], sent));
            sent++;
          };
          onVisitor[i] = (d) => {
            if (!isAck(d)) return;
            if (++acks === opened.length * perClient) {
              ackedMs = performance.now() - t0;
              allAcked();
            }
            if (sent < perClient) next();
          };
          next();
        });
        const elapsed = await phase.wait();
        await withTimeout(acked, o.phaseTimeoutMs, "the acks of the relay throughput phase");
        return { elapsed, latencies, ackedMs };
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
