/**
 * The visitors and the staff member of `bench_load.ts`, on their own thread:
 * their sockets' work (thousands of frames a second) must not sit on the
 * server's event loop, whose delays the bench measures.
 *
 * @module
 */
/// <reference lib="deno.worker" />

/** What the bench asks of its clients. */
export type ToClients =
  | { type: "setup"; url: string; agentId: string; cookie: string; visitors: number; takeover: boolean }
  | { type: "run"; seconds: number; intervalMs: number; questions: string[]; drainMs: number }
  | { type: "close" };

/** What one timed phase saw. */
export interface LoadResult {
  sent: number;
  acked: number;
  ackDoubled: number;
  ackMs: number[];
  /** Visitor messages the staff socket received, and how many of them more than once. */
  staffSeen: number;
  staffDoubled: number;
  aiAnswered: number;
  aiDoubled: number;
  /** AI answers that said the responder was too busy (handed to the team). */
  aiBusy: number;
  aiMs: number[];
  /** Sockets the server closed during the phase, by close code. */
  closedByServer: Record<string, number>;
  /** Frames received per second, all sockets. */
  framesPerSecond: number;
}

export type FromClients = { type: "ready"; setupMs: number } | { type: "result"; result: LoadResult } | {
  type: "closed";
} | { type: "failed"; message: string };

interface Visitor {
  ws: WebSocket;
  conversationId: string;
  onFrame(d: string): void;
}

let visitors: Visitor[] = [];
let staff: WebSocket | null = null;
let onStaff: (d: string) => void = () => {};
let closing = false;
let phaseClosed: Record<string, number> | null = null;
let frames = 0;
let heartbeat: ReturnType<typeof setInterval> | undefined;

const post = (m: FromClients) => self.postMessage(m);

function open(url: string, onMessage: (d: string) => void, headers?: Record<string, string>): Promise<WebSocket> {
  const ws = new WebSocket(url.replace(/^http/, "ws"), headers ? { headers } as unknown as string[] : undefined);
  ws.onmessage = (e) => {
    frames++;
    onMessage(e.data as string);
  };
  ws.addEventListener("close", (e) => {
    if (!closing && phaseClosed) phaseClosed[e.code] = (phaseClosed[e.code] ?? 0) + 1;
  });
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve(ws);
    ws.onerror = (e) => reject(new Error(`websocket to ${url} failed: ${(e as ErrorEvent).message ?? e.type}`));
  });
}

async function openMany<T>(n: number, make: (i: number) => Promise<T>, concurrency = 50): Promise<T[]> {
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

async function setup(m: Extract<ToClients, { type: "setup" }>) {
  const t0 = performance.now();
  const { url, cookie } = m;
  // As the widget and the dashboard do: a ping every heartbeat (25 s), spread over it, from each socket's start, so
  // a socket the server closes for silence is one whose pings it could not hear in time.
  const all: WebSocket[] = [];
  let turn = 0;
  heartbeat = setInterval(() => {
    const slice = Math.ceil(all.length / 25);
    for (let k = 0; k < slice && all.length; k++) {
      const ws = all[(turn * slice + k) % all.length];
      if (ws.readyState === WebSocket.OPEN) ws.send('{"type":"ping"}');
    }
    turn = (turn + 1) % 25;
  }, 1000);
  visitors = await openMany(m.visitors, async (i) => {
    const res = await fetch(`${url}/api/widget/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://customer.example" },
      body: JSON.stringify({ agentId: m.agentId }),
    });
    const session = await res.json();
    if (res.status !== 200) throw new Error(`widget session: ${res.status} ${JSON.stringify(session)}`);
    const v: Visitor = { ws: null as unknown as WebSocket, conversationId: "", onFrame: () => {} };
    v.ws = await open(`${url}/api/widget/ws`, (d) => v.onFrame(d));
    all.push(v.ws);
    const started = new Promise<string>((resolve) => {
      v.onFrame = (d) => {
        if (d.startsWith('{"type":"ack"')) resolve(JSON.parse(d).message.conversationId);
      };
    });
    v.ws.send(JSON.stringify({ type: "hello", token: session.token }));
    v.ws.send(JSON.stringify({ type: "send", clientId: `greeting-${i}`, text: "Hello" }));
    v.conversationId = await started;
    v.onFrame = () => {};
    if (m.takeover) {
      const r = await fetch(`${url}/api/conversations/${v.conversationId}/takeover`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: url },
        body: "{}",
      });
      await r.body?.cancel();
      if (!r.ok) throw new Error(`takeover: ${r.status}`);
    }
    return v;
  });
  let pong: () => void = () => {};
  staff = await open(`${url}/api/realtime`, (d) => {
    if (d.startsWith('{"type":"pong"')) pong();
    else onStaff(d);
  }, { cookie, origin: url });
  staff.send(JSON.stringify({ type: "hello" }));
  for (const v of visitors) staff.send(JSON.stringify({ type: "subscribe", conversationId: v.conversationId }));
  await new Promise<void>((r) => {
    pong = r;
    staff!.send(JSON.stringify({ type: "ping" }));
  });
  all.push(staff);
  post({ type: "ready", setupMs: performance.now() - t0 });
}

const CLIENT_ID = /"clientId":"([^"]+)"/;
const MESSAGE_ID = /"message":\{"id":"([^"]+)"/;

async function run(m: Extract<ToClients, { type: "run" }>) {
  const n = visitors.length;
  const sentAt = new Map<string, number>();
  const askedAt = new Map<string, number>();
  const acked = new Set<string>();
  const answered = new Set<string>();
  const staffSeen = new Set<string>();
  const r: LoadResult = {
    sent: 0,
    acked: 0,
    ackDoubled: 0,
    ackMs: [],
    staffSeen: 0,
    staffDoubled: 0,
    aiAnswered: 0,
    aiDoubled: 0,
    aiBusy: 0,
    aiMs: [],
    closedByServer: {},
    framesPerSecond: 0,
  };
  phaseClosed = r.closedByServer;
  onStaff = (d) => {
    if (!d.startsWith('{"type":"message"')) return;
    const id = CLIENT_ID.exec(d)?.[1];
    if (!id?.startsWith("load-")) return;
    if (staffSeen.has(id)) r.staffDoubled++;
    else staffSeen.add(id);
  };
  visitors.forEach((v) => {
    v.onFrame = (d) => {
      if (d.startsWith('{"type":"ack"')) {
        const t = performance.now();
        const id = CLIENT_ID.exec(d)?.[1] ?? "";
        if (acked.has(id)) return void r.ackDoubled++;
        acked.add(id);
        const t0 = sentAt.get(id);
        if (t0 === undefined) return;
        r.ackMs.push(t - t0);
        const messageId = MESSAGE_ID.exec(d)?.[1];
        if (messageId) askedAt.set(messageId, t0);
      } else if (
        (d.startsWith('{"type":"message"') || d.startsWith('{"type":"message.updated"')) &&
        d.includes('"status":"complete"')
      ) {
        // The built-in responder's answer comes whole (`message`); a provider's streams, then `message.updated`.
        const id = CLIENT_ID.exec(d)?.[1];
        if (!id?.startsWith("ai:")) return;
        const question = id.slice(3);
        const t0 = askedAt.get(question);
        if (t0 === undefined) return;
        if (answered.has(question)) return void r.aiDoubled++;
        answered.add(question);
        r.aiMs.push(performance.now() - t0);
        if (d.includes("answering a lot of questions")) r.aiBusy++;
      }
    };
  });
  const framesBefore = frames;
  const t0 = performance.now();
  const rounds = Math.max(1, Math.floor((m.seconds * 1000) / m.intervalMs));
  // Visitor i sends at i/n of the interval, then every interval: an even load, as real visitors' would be.
  await new Promise<void>((done) => {
    let finished = 0;
    visitors.forEach((v, i) => {
      let k = 0;
      const send = () => {
        const clientId = `load-${i}-${k}`;
        const text = m.questions.length ? m.questions[(i + k) % m.questions.length] : `load message ${k} from ${i}`;
        sentAt.set(clientId, performance.now());
        r.sent++;
        if (v.ws.readyState === WebSocket.OPEN) {
          v.ws.send(JSON.stringify({ type: "send", clientId, conversationId: v.conversationId, text }));
        }
        if (++k < rounds) setTimeout(send, t0 + k * m.intervalMs + (i / n) * m.intervalMs - performance.now());
        else if (++finished === n) done();
      };
      setTimeout(send, (i / n) * m.intervalMs);
    });
  });
  // Then everything sent is given `drainMs` to be acknowledged, relayed and (AI on) answered.
  const want = () => acked.size >= r.sent && (!m.questions.length || answered.size >= askedAt.size);
  for (const until = performance.now() + m.drainMs; !want() && performance.now() < until;) {
    await new Promise((res) => setTimeout(res, 50));
  }
  // Staff frames of the last messages may trail the acks a little.
  await new Promise((res) => setTimeout(res, 500));
  r.acked = acked.size;
  r.staffSeen = staffSeen.size;
  r.aiAnswered = answered.size;
  r.framesPerSecond = (frames - framesBefore) / ((performance.now() - t0) / 1000);
  phaseClosed = null;
  post({ type: "result", result: r });
}

async function close() {
  closing = true;
  clearInterval(heartbeat);
  const all = staff ? [...visitors.map((v) => v.ws), staff] : visitors.map((v) => v.ws);
  await Promise.all(all.map((ws) =>
    ws.readyState === WebSocket.CLOSED ? undefined : new Promise<void>((r) => {
      ws.addEventListener("close", () => r());
      ws.close();
    })
  ));
  post({ type: "closed" });
}

self.onmessage = (e: MessageEvent<ToClients>) => {
  const m = e.data;
  const step = m.type === "setup" ? setup(m) : m.type === "run" ? run(m) : close();
  step.catch((err) => post({ type: "failed", message: String(err?.stack ?? err) }));
};
