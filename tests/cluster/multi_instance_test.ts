/**
 * Two instances of the real server (`main.ts` as child processes) sharing
 * one SQLite file (WAL) and one Redis (Debian's redis-server on a port of
 * its own): a visitor on A and staff on B see each other's messages, typing
 * and read markers live; an AI answer is produced once; failed logins split
 * across A and B are throttled as one; A is SIGKILLed mid-conversation and
 * its visitor reconnects to B and resumes with nothing lost or doubled.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { ServerFrame, WireMessage } from "../../realtime/protocol.ts";
import { REDIS_MISSING, type RedisServer, startRedis } from "../fakes/redis_server.ts";
import { sessionCookieOf } from "../helpers.ts";
import { AppProcess, freePort } from "../realtime/app_process.ts";
import { startSlowLlm } from "../realtime/slow_llm.ts";
import { connect, type TestSocket } from "../realtime/ws_client.ts";

if (REDIS_MISSING) console.warn(`%c${REDIS_MISSING}`, "color: yellow");

const FAQ = "## Refunds\nRefunds are issued within 5 business days of receiving the returned item.";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ackOf = (clientId: string) => (f: ServerFrame) => f.type === "ack" && f.clientId === clientId;
const messageWith = (text: string) => (f: ServerFrame) =>
  (f.type === "message" || f.type === "ack") && f.message.text === text;

/** Polls `check` until it returns a value (not undefined), or fails naming `what`. */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  for (const end = Date.now() + ms;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

Deno.test({
  name:
    "two instances on one SQLite file and one Redis: live both ways, AI once, limits shared, crash of A resumed on B",
  ignore: REDIS_MISSING !== null,
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "frontdesk-cluster-" });
  let redis: RedisServer | null = null;
  const sockets: TestSocket[] = [];
  const llm = startSlowLlm();
  const apps: AppProcess[] = [];
  try {
    redis = await startRedis();
    // A short lease: B takes A's listeners over within 1.5 s of A's death.
    const env = { REDIS_URL: redis.url, LEASE_TTL_MS: "1500" };
    const a = new AppProcess(freePort(), dataDir, env);
    const b = new AppProcess(freePort(), dataDir, env);
    apps.push(a, b);
    await a.start();
    await b.start();

    // --- A workspace (signed up on A; the session works on B too: same keys, same store).
    const reg = await fetch(`${a.url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: a.url },
      body: JSON.stringify({ name: "Ada", email: "ada@cluster.test", password: "correct horse 1", company: "Acme" }),
    });
    assert.equal(reg.status, 201, await reg.text());
    const cookie = sessionCookieOf(reg);
    const api = async (app: AppProcess, method: string, path: string, body?: unknown) => {
      const res = await fetch(app.url + path, {
        method,
        headers: { cookie, origin: app.url, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const bot = (await api(a, "POST", "/api/agents", { name: "Bot" })).agent;
    await api(b, "POST", `/api/agents/${bot.id}/train`, { type: "text", content: FAQ, metadata: { title: "Help" } });
    await api(a, "PUT", "/api/settings/providers/openai", { apiKey: "sk-cluster-test-key", baseUrl: llm.url });
    const aiBot = (await api(b, "POST", "/api/agents", { name: "LLM bot", provider: "openai", model: "gpt-4o-mini" }))
      .agent;
    await until("training", async () => {
      const { sources } = await api(a, "GET", `/api/agents/${bot.id}/sources`);
      return sources.length && sources.every((s: { status: string }) => s.status === "ready") ? true : undefined;
    });

    const visitorOn = async (app: AppProcess, agentId: string) => {
      const res = await fetch(`${app.url}/api/widget/session`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://customer.example" },
        body: JSON.stringify({ agentId }),
      });
      const s = await res.json();
      assert.equal(res.status, 200, JSON.stringify(s));
      const ws = await connect(`${app.url}/api/widget/ws`);
      sockets.push(ws);
      ws.send({ type: "hello", token: s.token });
      await ws.waitFor((f) => f.type === "welcome");
      return { token: s.token as string, ws };
    };

    // --- A visitor on A, staff on B.
    const visitor = await visitorOn(a, bot.id);
    visitor.ws.send({
      type: "send",
      clientId: "visitor-1",
      text: "Hi, where is my order?",
      pageUrl: "https://customer.example",
    });
    const conversationId =
      ((await visitor.ws.waitFor(ackOf("visitor-1"))) as { message: WireMessage }).message.conversationId;
    await api(b, "POST", `/api/conversations/${conversationId}/takeover`);
    const staff = await connect(`${b.url}/api/realtime`, { cookie, origin: b.url });
    sockets.push(staff);
    staff.send({ type: "hello" });
    await staff.waitFor((f) => f.type === "welcome");
    staff.send({ type: "subscribe", conversationId });
    staff.send({ type: "ping" });
    await staff.waitFor((f) => f.type === "pong");

    // Messages, both ways.
    visitor.ws.send({ type: "send", clientId: "visitor-2", conversationId, text: "It was order 1234" });
    await staff.waitFor(messageWith("It was order 1234"));
    staff.send({ type: "send", clientId: "staff-01", conversationId, text: "Let me check order 1234" });
    await visitor.ws.waitFor(messageWith("Let me check order 1234"));
    // Typing, both ways.
    visitor.ws.send({ type: "typing", conversationId, on: true });
    await staff.waitFor((f) => f.type === "typing" && f.from === "visitor" && f.on);
    staff.send({ type: "typing", conversationId, on: true });
    await visitor.ws.waitFor((f) => f.type === "typing" && f.from === "staff" && f.on);
    // Read markers, both ways.
    const staffAck = (await staff.waitFor(ackOf("staff-01"))) as { message: WireMessage };
    visitor.ws.send({ type: "read", conversationId, seq: staffAck.message.seq });
    await staff.waitFor((f) => f.type === "read" && f.by === "visitor" && f.seq === staffAck.message.seq);
    staff.send({ type: "read", conversationId, seq: staffAck.message.seq - 1 });
    await visitor.ws.waitFor((f) => f.type === "read" && f.by === "staff");

    // --- An AI answer is produced once, though both instances follow the log.
    const asker = await visitorOn(a, aiBot.id);
    asker.ws.send({ type: "send", clientId: "question-1", text: "hello there", pageUrl: "https://customer.example" });
    const aiConversation = ((await asker.ws.waitFor(ackOf("question-1"))) as { message: WireMessage }).message
      .conversationId;
    await asker.ws.waitFor(
      (f) => f.type === "message.updated" && f.message.author.kind === "ai" && f.message.status === "complete",
      15_000,
    );
    // Give a second answer every chance to appear (both instances poll the log well within this).
    await sleep(2500);
    const aiThread = await api(b, "GET", `/api/conversations/${aiConversation}`);
    const answers = aiThread.messages.filter((m: WireMessage) => m.author.kind === "ai");
    assert.equal(answers.length, 1, JSON.stringify(aiThread.messages));
    assert.equal(llm.requests, 1, "the provider was asked once");

    // --- Failed logins split across A and B are throttled as one (5 per account per 15 minutes).
    const login = (app: AppProcess) =>
      fetch(`${app.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.url },
        body: JSON.stringify({ email: "ada@cluster.test", password: "wrong password 1" }),
      }).then(async (r) => (await r.body?.cancel(), r.status));
    const statuses = [];
    for (const app of [a, b, a, b, a]) statuses.push(await login(app));
    assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
    assert.equal(await login(b), 429, "the sixth failure, on B, counts A's three");
    assert.equal(await login(a), 429);

    // --- A dies mid-conversation: the visitor's messages in flight are resent to B; nothing lost or doubled.
    const burst = Array.from({ length: 10 }, (_, i) => ({ clientId: `visitor-burst-${i}`, text: `burst ${i}` }));
    for (const m of burst.slice(0, 5)) visitor.ws.send({ type: "send", conversationId, ...m });
    await visitor.ws.waitFor(ackOf("visitor-burst-0"));
    for (const m of burst.slice(5)) {
      try {
        visitor.ws.send({ type: "send", conversationId, ...m });
      } catch { /* the socket may be gone already */ }
    }
    await a.kill("SIGKILL");
    await visitor.ws.closed;
    const seen = visitor.ws.frames.flatMap((f) => f.type === "ack" || f.type === "message" ? [f.message] : []);
    const lastSeq = Math.max(...seen.map((m) => m.seq));
    const acked = new Set(visitor.ws.frames.flatMap((f) => f.type === "ack" ? [f.clientId] : []));
    const again = await connect(`${b.url}/api/widget/ws`);
    sockets.push(again);
    again.send({ type: "hello", token: visitor.token, resume: [{ conversationId, afterSeq: lastSeq }] });
    await again.waitFor((f) => f.type === "welcome");
    const missing = burst.filter((m) => !acked.has(m.clientId));
    // The last acked one goes again too, as if its ack had been lost: the original comes back.
    for (const m of [burst[0], ...missing]) again.send({ type: "send", conversationId, ...m });
    await Promise.all([burst[0], ...missing].map((m) => again.waitFor(ackOf(m.clientId), 10_000)));
    staff.send({ type: "send", clientId: "staff-02", conversationId, text: "All received" });
    await again.waitFor(messageWith("All received"));
    // What A stored but died before publishing never reached B live: staff see the gap in seq when the next
    // message arrives and ask for what they missed, as the dashboard does (`gapBefore` -> `sync`).
    await staff.waitFor(messageWith("All received"));
    const staffSeqs = new Set(
      staff.frames.flatMap((f) => f.type === "message" || f.type === "ack" ? [f.message.seq] : []),
    );
    let contiguous = 0;
    while (staffSeqs.has(contiguous + 1)) contiguous++;
    staff.send({ type: "sync", conversationId, afterSeq: contiguous });
    for (const m of burst) await staff.waitFor(messageWith(m.text));

    const stored = await api(b, "GET", `/api/conversations/${conversationId}`);
    const texts = stored.messages.map((m: WireMessage) => m.text);
    for (const m of burst) assert.equal(texts.filter((t: string) => t === m.text).length, 1, `${m.text} once`);
    const seqs = stored.messages.map((m: WireMessage) => m.seq);
    assert.deepEqual(seqs, seqs.map((_: number, i: number) => i + 1), "seq gapless");

    // B holds every listener now: a new question is answered (once), by B.
    asker.ws.closed.catch(() => {});
    const asker2 = await visitorOn(b, aiBot.id);
    asker2.ws.send({ type: "send", clientId: "question-2", text: "hello again", pageUrl: "https://customer.example" });
    await asker2.ws.waitFor(
      (f) => f.type === "message.updated" && f.message.author.kind === "ai" && f.message.status === "complete",
      15_000,
    );
    assert.equal(llm.requests, 2);

    // The store agrees: every event handled, nothing left streaming.
    const db = new DatabaseSync(join(dataDir, "frontdesk.db"), { readOnly: true });
    try {
      const streaming = db.prepare("SELECT COUNT(*) AS n FROM messages WHERE status = 'streaming'").get() as {
        n: number;
      };
      assert.equal(streaming.n, 0);
    } finally {
      db.close();
    }
  } catch (err) {
    for (const app of apps) console.error(`--- ${app.url}\n${app.output}`);
    throw err;
  } finally {
    await Promise.allSettled(sockets.map((s) => s.close()));
    for (const app of apps) await app.stop();
    await llm.close();
    await redis?.stop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
