import assert from "node:assert/strict";
import type { ClientFrame, ServerFrame } from "../types.ts";
import {
  BACKOFF_CAP_MS,
  backoffDelay,
  type ConnectionState,
  RealtimeClient,
  realtimeUrl,
  type SocketLike,
} from "./socket.ts";

/** A socket the test drives: `open()`, `receive()`, `drop()`. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: ClientFrame[] = [];
  closed = false;
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }
  receive(frame: ServerFrame | string) {
    this.onmessage?.(new MessageEvent("message", { data: typeof frame === "string" ? frame : JSON.stringify(frame) }));
  }
  drop() {
    this.readyState = 3;
    this.onclose?.(new CloseEvent("close", { code: 1006 }));
  }
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const welcome = (heartbeatMs = 25_000): ServerFrame => ({ type: "welcome", heartbeatMs, conversations: [] });

function setup() {
  const sockets: FakeSocket[] = [];
  const states: Array<[ConnectionState, number | undefined]> = [];
  const frames: ServerFrame[] = [];
  let resumeSeq = 0;
  const client = new RealtimeClient({
    url: "ws://app.test/api/realtime",
    hello: () => ({ type: "hello", resume: [{ conversationId: "c1", afterSeq: resumeSeq }] }),
    onFrame: (f) => frames.push(f),
    onState: (s, ms) => states.push([s, ms]),
    connect: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    random: () => 0,
  });
  return { client, sockets, states, frames, setResume: (n: number) => (resumeSeq = n) };
}

Deno.test("backoffDelay doubles from half a second, keeps between half and all of each step, and caps at 15 s", () => {
  assert.equal(backoffDelay(0, () => 0), 250);
  assert.equal(backoffDelay(0, () => 1), 500);
  assert.equal(backoffDelay(3, () => 1), 4000);
  for (let i = 0; i < 60; i++) {
    const d = backoffDelay(i, Math.random);
    assert.ok(d >= 250 && d <= BACKOFF_CAP_MS, `attempt ${i}: ${d}`);
  }
  assert.equal(backoffDelay(40, () => 1), BACKOFF_CAP_MS);
  assert.equal(backoffDelay(40, () => 0), BACKOFF_CAP_MS / 2);
});

Deno.test("realtimeUrl turns the page origin into the socket address (http -> ws, https -> wss)", () => {
  assert.equal(realtimeUrl("http://127.0.0.1:8000"), "ws://127.0.0.1:8000/api/realtime");
  assert.equal(realtimeUrl("https://app.frontdesk.example"), "wss://app.frontdesk.example/api/realtime");
});

Deno.test("the client says hello first, is open only after welcome, and sends nothing before", () => {
  const t = setup();
  t.client.start();
  const ws = t.sockets[0];
  assert.equal(ws.url, "ws://app.test/api/realtime");
  assert.equal(t.client.send({ type: "ping" }), false, "nothing goes out before the socket opens");
  ws.open();
  assert.deepEqual(ws.sent, [{ type: "hello", resume: [{ conversationId: "c1", afterSeq: 0 }] }]);
  assert.equal(t.client.send({ type: "subscribe", conversationId: "c1" }), false, "not before welcome");
  ws.receive(welcome());
  assert.equal(t.client.state, "open");
  assert.equal(t.client.send({ type: "subscribe", conversationId: "c1" }), true);
  assert.deepEqual(t.frames.map((f) => f.type), ["welcome"]);
  ws.receive("not json");
  ws.receive('{"no":"type"}');
  assert.equal(t.frames.length, 1, "garbage is ignored");
  t.client.stop();
  assert.ok(ws.closed);
  assert.equal(t.client.state, "stopped");
});

Deno.test("a dropped connection retries with backoff and resumes from the seqs known at that moment", async () => {
  const t = setup();
  t.client.start();
  t.sockets[0].open();
  t.sockets[0].receive(welcome());
  t.setResume(7);
  t.sockets[0].drop();
  assert.deepEqual(t.states.at(-1), ["reconnecting", 250]);
  assert.equal(t.client.send({ type: "ping" }), false);
  await wait(300);
  assert.equal(t.sockets.length, 2);
  t.sockets[1].drop();
  assert.deepEqual(t.states.at(-1), ["reconnecting", 500], "the second wait is longer");
  t.client.retryNow();
  assert.equal(t.sockets.length, 3, "retryNow skips the wait");
  t.sockets[2].open();
  assert.deepEqual(t.sockets[2].sent[0], { type: "hello", resume: [{ conversationId: "c1", afterSeq: 7 }] });
  t.sockets[2].receive(welcome());
  t.sockets[2].drop();
  assert.deepEqual(t.states.at(-1), ["reconnecting", 250], "a welcome starts the backoff over");
  t.client.stop();
  await wait(300);
  assert.equal(t.sockets.length, 3, "stopped means no more retries");
});

Deno.test("an open connection pings every heartbeat", async () => {
  const t = setup();
  t.client.start();
  t.sockets[0].open();
  t.sockets[0].receive(welcome(1000));
  await wait(1100);
  assert.deepEqual(t.sockets[0].sent.at(-1), { type: "ping" });
  t.client.stop();
});

Deno.test("RealtimeClient reconnects at once when the server closes for a restart (1012)", () => {
  const { client, sockets, states } = setup();
  try {
    client.start();
    sockets[0].open();
    sockets[0].receive(welcome());
    sockets[0].readyState = 3;
    sockets[0].onclose?.(new CloseEvent("close", { code: 1012, reason: "service restart" }));
    assert.deepEqual(states.at(-1), ["reconnecting", 0], "no backoff: another instance serves");
    sockets[0].drop(); // detached: a late close changes nothing
  } finally {
    client.stop();
  }
});
