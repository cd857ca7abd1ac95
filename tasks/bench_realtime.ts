/**
 * The realtime part of `deno task bench`: the visitor -> staff relay of the
 * real app next to a bare Deno WebSocket echo, measured in the same run, on
 * loopback, with the same number of concurrent client sockets on each.
 *
 * - (a) reference: `Deno.serve` + `Deno.upgradeWebSocket`, every message
 *   echoed back; latency = one round trip.
 * - (b) the app: `createApp(deps)` served in-process on port 0 (SQLite on a
 *   temporary DATA_DIR), every visitor with its own session and a
 *   conversation taken over by staff (so the AI stays silent), and one staff
 *   socket subscribed to all of them; latency = a visitor's `send` until the
 *   staff socket has the `message` frame (validated, stored, fanned out).
 *
 * Latency is measured one message at a time (all sockets open, one in
 * flight), then throughput with every client sending a fixed number of
 * messages, each as soon as the previous one's ack (echo) is back.
 * Targets (DESIGN.md): relay p99 <= 1.5x the echo's, msgs/s >= 0.3x.
 * Also reports the widget's gzip sizes when it is built.
 *
 * @module
 */
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type LimitResult, type LimitRule, RateLimiter } from "../lib/rate_limit.ts";
import type { ServerFrame } from "../realtime/protocol.ts";
import { makeTestDeps, startServer } from "../tests/helpers.ts";

/** How big the bench is. */
export interface RealtimeBenchOptions {
  /** Concurrent client sockets on each server. */
  clients: number;
  /** Messages each client sends in the throughput phase. */
  perClient: number;
  /** Messages timed one at a time in the latency phase. */
  latencySamples: number;
  /** Upper bound of each phase, in ms. */
  phaseTimeoutMs: number;
}

const DEFAULTS: RealtimeBenchOptions = { clients: 1000, perClient: 5, latencySamples: 1000, phaseTimeoutMs: 60_000 };

/** One side's numbers. */
export interface SideResult {
  /** One message in flight at a time. */
  p50: number;
  p90: number;
  p99: number;
  /** Every client sending at once. */
  msgsPerSecond: number;
  loadP50: number;
  loadP99: number;
  /** The app only: messages stored and acknowledged per second (the relay to staff may lag behind). */
  ackedPerSecond?: number;
}

/** What `benchRealtime` measured. */
export interface RealtimeReport {
  clients: number;
  openFilesLimit: number | null;
  echo: SideResult;
  app: SideResult;
  setupMs: number;
  widget: { loader: number; total: number; files: number } | null;
}

const pct = (xs: number[], p: number) =>
  xs.length ? xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : NaN;
const ms = (x: number) => `${x.toFixed(2)} ms`;

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`bench: ${what} took over ${timeoutMs} ms`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A minimal client: one handler for every frame, opened and closed as promises. */
interface Client {
  ws: WebSocket;
  closed: Promise<void>;
}

function open(url: string, onMessage: (data: string) => void, headers?: Record<string, string>): Promise<Client> {
  const ws = new WebSocket(url.replace(/^http/, "ws"), headers ? { headers } as unknown as string[] : undefined);
  const closed = new Promise<void>((resolve) => ws.addEventListener("close", () => resolve()));
  ws.onmessage = (e) => onMessage(e.data as string);
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve({ ws, closed });
    ws.onerror = (e) => reject(new Error(`bench: websocket to ${url} failed: ${(e as ErrorEvent).message ?? e.type}`));
  });
}

/** Opens `n` clients, `concurrency` at a time. */
async function openMany<T>(n: number, make: (i: number) => Promise<T>, concurrency = 100): Promise<T[]> {
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

/** The soft limit of open files, when the platform says (Linux: /proc/self/limits). */
async function openFilesLimit(): Promise<number | null> {
  try {
    const limits = await Deno.readTextFile("/proc/self/limits");
    const m = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
    return m ? (m[1] === "unlimited" ? Infinity : Number(m[1])) : null;
  } catch {
    return null;
  }
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
interface Side {
  /** Client `i` sends one message; resolves with its latency in ms. */
  one(i: number, n: number): Promise<number>;
  /** Every client sends `perClient` messages, each on the previous ack/echo. */
  throughput(perClient: number): Promise<{ elapsed: number; latencies: number[]; ackedMs?: number }>;
  close(): Promise<void>;
}

/** (a) the bare echo. */
async function echoSide(o: RealtimeBenchOptions): Promise<Side> {
  const ac = new AbortController();
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", signal: ac.signal, onListen() {} }, (req) => {
    const { socket, response } = Deno.upgradeWebSocket(req);
    socket.onmessage = (e) => socket.send(e.data);
    return response;
  });
  const url = `http://127.0.0.1:${server.addr.port}`;
  // Per client: what to do with its next echo.
  const handlers: Array<(data: string) => void> = [];
  const close = async () => {
    await closeAll(clients);
    ac.abort();
    await server.finished;
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
class BenchLimiter extends RateLimiter {
  override hit(key: string, rule: LimitRule): LimitResult {
    return super.hit(key, { ...rule, limit: rule.limit * 1000 });
  }
}

/** (b) the app, with its visitors, their conversations (taken over) and the staff socket ready. */
async function appSide(o: RealtimeBenchOptions): Promise<Side & { setupMs: number }> {
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
    const onVisitor: Array<(f: ServerFrame) => void> = [];
    const conversationOf: string[] = [];
    const opened = await openMany(o.clients, async (i) => {
      const res = await fetch(`${url}/api/widget/session`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://customer.example" },
        body: JSON.stringify({ agentId: agent.id }),
      });
      const session = await res.json();
      if (res.status !== 200) throw new Error(`bench: widget session: ${res.status} ${JSON.stringify(session)}`);
      const client = await open(`${url}/api/widget/ws`, (d) => onVisitor[i]?.(JSON.parse(d)));
      visitors.push(client);
      const started = new Promise<string>((resolve) => {
        onVisitor[i] = (f) => {
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
      const f = JSON.parse(d) as ServerFrame;
      if (f.type === "message" && f.message.clientId) relayed.get(f.message.clientId)?.();
      else if (f.type === "pong") pong?.();
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

    return {
      setupMs,
      async one(i, n) {
        const clientId = `bench-${i}-l${n}`;
        const acked = new Promise<void>((r) => (onVisitor[i] = (f) => f.type === "ack" && r()));
        const arrived = new Promise<number>((r) => relayed.set(clientId, () => r(performance.now())));
        const t0 = performance.now();
        opened[i].ws.send(sendFrame(clientId, conversationOf[i], n));
        const t1 = await withTimeout(arrived, o.phaseTimeoutMs, "a relayed message");
        relayed.delete(clientId);
        await withTimeout(acked, o.phaseTimeoutMs, "an ack");
        return t1 - t0;
      },
      async throughput(perClient) {
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
            const clientId = `bench-${i}-t${sent}`;
            const t0 = performance.now();
            relayed.set(clientId, () => {
              latencies.push(performance.now() - t0);
              relayed.delete(clientId);
              phase.done();
            });
            c.ws.send(sendFrame(clientId, conversationOf[i], sent));
            sent++;
          };
          onVisitor[i] = (f) => {
            if (f.type !== "ack") return;
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

/** gzip sizes of the built widget: the loader and the loader plus every chat bundle file. */
async function widgetSizes(root: string): Promise<RealtimeReport["widget"]> {
  const build = join(root, "static", "build");
  let loader: Uint8Array;
  try {
    loader = await Deno.readFile(join(build, "widget.js"));
  } catch {
    return null;
  }
  const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;
  let total = gz(loader);
  let files = 1;
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (/\.m?js$/.test(entry.name)) {
        total += gz(await Deno.readFile(path));
        files++;
      }
    }
  };
  await walk(join(build, "widget")).catch(() => {});
  return { loader: gz(loader), total, files };
}

/** Runs both sides and prints the report. */
export async function benchRealtime(opts: Partial<RealtimeBenchOptions> = {}): Promise<RealtimeReport> {
  const o = { ...DEFAULTS, ...opts };
  const limit = await openFilesLimit();
  // Both sides stay connected side by side, in-process: each connection is two descriptors.
  const needed = 4 * o.clients + 256;
  console.log(
    `\nRealtime: ${o.clients} concurrent client sockets on each side, both open at once, loopback, in-process ` +
      `(open-files limit ${limit ?? "unknown"}; needs ~${needed}${
        limit !== null && limit < needed ? " — TOO LOW: raise it with `ulimit -n`" : ", no change needed"
      })`,
  );
  if (limit !== null && limit < needed) {
    throw new Error(`bench: the open-files limit (${limit}) is below the ~${needed} this bench needs`);
  }
  const echo = await echoSide(o);
  let app: Awaited<ReturnType<typeof appSide>>;
  try {
    app = await appSide(o);
  } catch (err) {
    await echo.close();
    throw err;
  }
  let report: RealtimeReport;
  try {
    // Latency: one message in flight, the two sides alternating (same heap, same moment); warm-up not counted.
    const echoLatency: number[] = [];
    const appLatency: number[] = [];
    const warmUp = Math.min(50, o.latencySamples);
    for (let s = 0; s < warmUp + o.latencySamples; s++) {
      const i = s % o.clients;
      const e = await echo.one(i, s);
      const a = await app.one(i, s);
      if (s >= warmUp) {
        echoLatency.push(e);
        appLatency.push(a);
      }
    }
    // Throughput: one side at a time, every client busy.
    const echoRun = await echo.throughput(o.perClient);
    const appRun = await app.throughput(o.perClient);
    const total = o.clients * o.perClient;
    const side = (lat: number[], run: { elapsed: number; latencies: number[]; ackedMs?: number }): SideResult => ({
      ...(run.ackedMs ? { ackedPerSecond: total / (run.ackedMs / 1000) } : {}),
      p50: pct(lat, 0.5),
      p90: pct(lat, 0.9),
      p99: pct(lat, 0.99),
      msgsPerSecond: total / (run.elapsed / 1000),
      loadP50: pct(run.latencies, 0.5),
      loadP99: pct(run.latencies, 0.99),
    });
    report = {
      clients: o.clients,
      openFilesLimit: limit,
      echo: side(echoLatency, echoRun),
      app: side(appLatency, appRun),
      setupMs: app.setupMs,
      widget: await widgetSizes(new URL("..", import.meta.url).pathname),
    };
  } finally {
    await app.close();
    await echo.close();
  }
  const { echo: e, app: a, widget } = report;
  const latencyRatio = a.p99 / e.p99;
  const throughputRatio = a.msgsPerSecond / e.msgsPerSecond;
  console.log(
    `  latency, one message in flight, the sides alternating (${o.latencySamples} samples each):\n` +
      `    bare echo round trip       p50 ${ms(e.p50)}, p90 ${ms(e.p90)}, p99 ${ms(e.p99)}\n` +
      `    visitor -> staff relay     p50 ${ms(a.p50)}, p90 ${ms(a.p90)}, p99 ${ms(a.p99)}  ` +
      `(validated, stored in SQLite, fanned out)\n` +
      `    p99 ratio x${latencyRatio.toFixed(2)} — target <= 1.5x: ${latencyRatio <= 1.5 ? "MET" : "NOT MET"}`,
  );
  console.log(
    `  throughput, every client sending ${o.perClient} messages, each on the previous ack/echo ` +
      `(${o.clients * o.perClient} messages, one side at a time):\n` +
      `    bare echo                  ${e.msgsPerSecond.toFixed(0)} msgs/s  ` +
      `(round trip under load p50 ${ms(e.loadP50)}, p99 ${ms(e.loadP99)})\n` +
      `    visitor -> staff relay     ${a.msgsPerSecond.toFixed(0)} msgs/s  ` +
      `(relay under load p50 ${ms(a.loadP50)}, p99 ${ms(a.loadP99)}; ` +
      `stored and acked at ${a.ackedPerSecond?.toFixed(0)} msgs/s)\n` +
      `    ratio x${throughputRatio.toFixed(2)} — target >= 0.3x: ${throughputRatio >= 0.3 ? "MET" : "NOT MET"}`,
  );
  console.log(`  (app setup: ${o.clients} sessions, sockets, conversations and takeovers in ${ms(report.setupMs)})`);
  if (widget) {
    console.log(
      `\nWidget (gzip -9): loader ${(widget.loader / 1024).toFixed(1)} KB (target <= 6 KB: ${
        widget.loader <= 6 * 1024 ? "MET" : "NOT MET"
      }), whole widget ${(widget.total / 1024).toFixed(1)} KB in ${widget.files} files (target <= 30 KB: ${
        widget.total <= 30 * 1024 ? "MET" : "NOT MET"
      })`,
    );
  } else {
    console.log("\nWidget: not built (static/build/widget.js missing; run `deno task build`)");
  }
  return report;
}

if (import.meta.main) {
  await benchRealtime();
}
