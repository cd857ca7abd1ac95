import assert from "node:assert/strict";
import { FakeSocket } from "../../tests/fakes/fake_websocket.ts";
import type { ServerFrame } from "../../realtime/protocol.ts";
import { Connection, type ConnState } from "./connection.ts";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(heartbeatMs = 60_000) {
  FakeSocket.all = [];
  const states: ConnState[] = [];
  const frames: ServerFrame[] = [];
  let hellos = 0;
  const conn = new Connection({
    url: "wss://app.example/api/widget/ws",
    hello: () => ({ type: "hello", token: `t${++hellos}` }),
    onFrame: (f) => frames.push(f),
    onState: (s) => states.push(s),
    heartbeatMs,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    baseMs: 1,
    random: () => 0,
  });
  conn.start();
  const last = () => FakeSocket.all.at(-1)!;
  const welcome = (hb = heartbeatMs) => last().push({ type: "welcome", heartbeatMs: hb, conversations: [] });
  return { conn, states, frames, last, welcome };
}

Deno.test("Connection sends hello first, is online only after welcome, and sends nothing before", () => {
  const { conn, states, last, welcome } = setup();
  try {
    assert.equal(conn.send({ type: "ping" }), false);
    last().open();
    assert.deepEqual(last().sent, [{ type: "hello", token: "t1" }]);
    assert.equal(conn.send({ type: "ping" }), false, "not before the welcome");
    welcome();
    assert.deepEqual(states, ["online"]);
    assert.equal(conn.send({ type: "ping" }), true);
  } finally {
    conn.stop();
  }
});

Deno.test("Connection reconnects after a drop with a fresh hello, and says so", async () => {
  const { conn, states, last, welcome } = setup();
  try {
    last().open();
    welcome();
    last().onclose!();
    assert.deepEqual(states, ["online", "reconnecting"]);
    await tick(10);
    assert.equal(FakeSocket.all.length, 2);
    last().open();
    assert.deepEqual(last().sent, [{ type: "hello", token: "t2" }]);
    welcome();
    assert.deepEqual(states, ["online", "reconnecting", "online"]);
  } finally {
    conn.stop();
  }
});

Deno.test("Connection stays 'connecting' while the first socket never gets through", async () => {
  const { conn, states, last } = setup();
  try {
    last().onclose!();
    await tick(10);
    last().onclose!();
    await tick(10);
    assert.equal(FakeSocket.all.length, 3);
    assert.deepEqual(states, [], "still connecting: no change to report");
    assert.equal(conn.state, "connecting");
  } finally {
    conn.stop();
  }
});

Deno.test("Connection pings every heartbeat and replaces a socket silent for two", async () => {
  const { conn, last, welcome } = setup(20);
  try {
    last().open();
    welcome(20);
    await tick(30);
    assert.ok(last().sent.some((f) => f.type === "ping"), "pinged");
    const first = last();
    await tick(80); // no frame from the server at all
    assert.notEqual(last(), first, "a new socket replaced the silent one");
    assert.equal(first.onmessage, null, "the dead socket is detached");
  } finally {
    conn.stop();
  }
});

Deno.test("Connection ignores junk frames, and restart() leaves exactly one socket", async () => {
  const { conn, frames, last, welcome } = setup();
  try {
    last().open();
    last().push("not json");
    welcome();
    assert.deepEqual(frames.map((f) => f.type), ["welcome"]);
    last().onclose!(); // a retry is now scheduled...
    conn.restart(); // ...and superseded
    await tick(10);
    assert.equal(FakeSocket.all.length, 2, "no second socket from the old retry");
  } finally {
    conn.stop();
  }
});

Deno.test("Connection reconnects at once when the server closes for a restart (1012), after its backoff otherwise", async () => {
  FakeSocket.all = [];
  const conn = new Connection({
    url: "wss://app.example/api/widget/ws",
    hello: () => ({ type: "hello", token: "t" }),
    onFrame: () => {},
    onState: () => {},
    heartbeatMs: 60_000,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    baseMs: 60_000, // a backoff this test would never see end
    random: () => 0,
  });
  conn.start();
  const last = () => FakeSocket.all.at(-1)!;
  try {
    last().open();
    last().push({ type: "welcome", heartbeatMs: 60_000, conversations: [] });
    last().onclose!(new CloseEvent("close", { code: 1012, reason: "service restart" }));
    await tick(10);
    assert.equal(FakeSocket.all.length, 2, "reconnected without waiting");
    last().open();
    last().push({ type: "welcome", heartbeatMs: 60_000, conversations: [] });
    last().onclose!(new CloseEvent("close", { code: 1006 }));
    await tick(10);
    assert.equal(FakeSocket.all.length, 2, "an ordinary drop waits for the backoff");
  } finally {
    conn.stop();
  }
});
