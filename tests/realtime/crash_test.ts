/**
 * The delivery guarantee under a crash (reference/security.md, "Message
 * delivery"): the real server runs as a child process; visitors and a staff
 * member put messages in flight, the server is killed with SIGKILL in the
 * middle, started again on the same DATA_DIR and port, and every client
 * reconnects (`hello` with `resume`: the last seq seen, but not past an
 * answer it holds unfinished) and resends what it has no ack for, with the
 * same `clientId`. Then: every message is stored exactly once, each
 * conversation's seq is gapless, no answer is left `streaming` (the one the
 * kill cut is `interrupted`), and every client's view equals the stored thread.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { ServerFrame, WireMessage } from "../../realtime/protocol.ts";
import { sessionCookieOf } from "../helpers.ts";
import { AppProcess, freePort } from "./app_process.ts";
import { startSlowLlm } from "./slow_llm.ts";
import { connect, type TestSocket } from "./ws_client.ts";

const FAQ = "## Refunds\nRefunds are issued within 5 business days of receiving the returned item.\n\n" +
  "## Shipping\nOrders ship within 2 business days.";
/** Visitors whose conversation staff take over (the AI stays out). */
const HUMAN_VISITORS = 5;
/** Messages each of them, and staff in each of their conversations, send around the kill. */
const PER_THREAD = 8;
/** Small talk for the AI-handled conversation (answered with confidence 1: no handoff). */
const AI_QUESTIONS = ["hi there", "thanks a lot", "hello again"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `promise`, or a failure naming `what` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

interface Outgoing {
  clientId: string;
  conversationId?: string;
  text: string;
}

/** One client (a visitor or the staff member) across both server runs. */
class Peer {
  sockets: TestSocket[] = [];
  /** Every message this client means to send, in order. */
  outgoing: Outgoing[] = [];
  /** Client ids sent (at least once) before the kill. */
  sentBeforeKill = new Set<string>();
  /** Threads fetched over HTTP before the frames that follow (what the inbox does when it opens one). */
  seed: WireMessage[] = [];
  constructor(readonly name: string, readonly token?: string) {}

  get ws(): TestSocket {
    return this.sockets[this.sockets.length - 1];
  }

  frames(): ServerFrame[] {
    return this.sockets.flatMap((s) => s.frames);
  }

  acks(): Map<string, WireMessage> {
    const out = new Map<string, WireMessage>();
    for (const f of this.frames()) if (f.type === "ack") out.set(f.clientId, f.message);
    return out;
  }

  /** Every message frame (`message`, `ack`, `message.updated`), in arrival order. */
  messages(): WireMessage[] {
    return [
      ...this.seed,
      ...this.frames().flatMap((f) =>
        f.type === "message" || f.type === "ack" || f.type === "message.updated" ? [f.message] : []
      ),
    ];
  }

  /**
   * What `resume` carries per conversation: the last seq seen, but never past
   * a message still held as `streaming`. Only AI answers change after they are
   * stored, and the server replays only what comes after `afterSeq`, so a
   * client resuming past an unfinished answer would keep it unfinished forever
   * (here: the answer the kill cut, marked `interrupted` at start-up).
   */
  resumePoints(): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of this.messages()) out.set(m.conversationId, Math.max(out.get(m.conversationId) ?? 0, m.seq));
    for (const [id, seen] of out) {
      const unfinished = this.view(id).find((m) => m.status === "streaming");
      if (unfinished) out.set(id, Math.min(seen, unfinished.seq - 1));
    }
    return out;
  }

  /** The thread as this client holds it: frames merged by id (latest wins), sorted by seq. */
  view(conversationId: string): WireMessage[] {
    const byId = new Map<string, WireMessage>();
    for (const m of this.messages()) if (m.conversationId === conversationId) byId.set(m.id, m);
    return [...byId.values()].sort((a, b) => a.seq - b.seq);
  }

  send(o: Outgoing): void {
    try {
      this.ws.send({ type: "send", ...o });
    } catch {
      // The socket is already gone: the message is resent after the reconnect.
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.sockets.map((s) => s.close()));
  }
}

const ackOf = (clientId: string) => (f: ServerFrame) => f.type === "ack" && f.clientId === clientId;
/** A message's identity and final content (its seq is checked apart: visitors may number only what they see). */
const shape = (m: WireMessage) => `${m.id}:${m.status}:${m.text}`;

Deno.test("kill -9 with messages in flight: after restart and resend, each stored once, seq gapless, clients converged", async () => {
  const t0 = performance.now();
  const dataDir = await Deno.makeTempDir({ prefix: "frontdesk-crash-" });
  const app = new AppProcess(freePort(), dataDir);
  const llm = startSlowLlm();
  const url = app.url;
  const peers: Peer[] = [];
  try {
    await app.start();

    // --- A workspace, a local agent with a small FAQ, and an AI agent behind the controllable fake.
    const reg = await fetch(`${url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({
        name: "Ada Admin",
        email: "admin@crash.test",
        password: "correct horse 1",
        company: "Acme",
      }),
    });
    const regText = await reg.text();
    assert.equal(reg.status, 201, regText);
    const cookie = sessionCookieOf(reg);
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(url + path, {
        method,
        headers: { cookie, origin: url, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const bot = (await api("POST", "/api/agents", { name: "Bot" })).agent;
    await api("POST", `/api/agents/${bot.id}/train`, { type: "text", content: FAQ, metadata: { title: "Help" } });
    await api("PUT", "/api/settings/providers/openai", { apiKey: "sk-crash-test-key", baseUrl: llm.url });
    const aiBot = (await api("POST", "/api/agents", { name: "Slow bot", provider: "openai", model: "gpt-4o-mini" }))
      .agent;
    for (let ready = false, until = Date.now() + 15_000; !ready;) {
      assert.ok(Date.now() < until, "training did not finish");
      const { sources } = await api("GET", `/api/agents/${bot.id}/sources`);
      assert.ok(!sources.some((s: { status: string }) => s.status === "failed"), JSON.stringify(sources));
      ready = sources.length > 0 && sources.every((s: { status: string }) => s.status === "ready");
      if (!ready) await sleep(50);
    }

    const visitor = async (name: string, agentId: string) => {
      const res = await fetch(`${url}/api/widget/session`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://customer.example" },
        body: JSON.stringify({ agentId }),
      });
      const s = await res.json();
      assert.equal(res.status, 200, JSON.stringify(s));
      const peer = new Peer(name, s.token);
      peers.push(peer);
      peer.sockets.push(await connect(`${url}/api/widget/ws`));
      peer.ws.send({ type: "hello", token: s.token });
      await peer.ws.waitFor((f) => f.type === "welcome");
      return peer;
    };
    const start = async (peer: Peer, text: string) => {
      const starter = { clientId: `crash-${peer.name}-start`, text, pageUrl: "https://customer.example/help" };
      peer.outgoing.push(starter);
      peer.send(starter);
      const ack = await peer.ws.waitFor(ackOf(starter.clientId));
      return (ack as { message: WireMessage }).message.conversationId;
    };

    // --- Five visitors taken over by staff, one left to the AI, one that starts its conversation at the kill.
    const humans: Array<{ peer: Peer; conversationId: string }> = [];
    for (let i = 1; i <= HUMAN_VISITORS; i++) {
      const peer = await visitor(`v${i}`, bot.id);
      humans.push({ peer, conversationId: await start(peer, `Hi, I need help with order ${i}`) });
    }
    const aiPeer = await visitor("v-ai", aiBot.id);
    const aiConversation = await start(aiPeer, "hello");
    await aiPeer.ws.waitFor(
      (f) => f.type === "message.updated" && f.message.author.kind === "ai" && f.message.status === "complete",
      10_000,
    );
    const late = await visitor("v-late", bot.id);
    const conversations = [...humans.map((h) => h.conversationId), aiConversation];

    for (const h of humans) await api("POST", `/api/conversations/${h.conversationId}/takeover`);
    const staff = new Peer("staff");
    peers.push(staff);
    staff.sockets.push(await connect(`${url}/api/realtime`, { cookie, origin: url }));
    staff.ws.send({ type: "hello" });
    await staff.ws.waitFor((f) => f.type === "welcome");
    for (const id of conversations) staff.ws.send({ type: "subscribe", conversationId: id });
    staff.ws.send({ type: "ping" });
    await staff.ws.waitFor((f) => f.type === "pong");
    // The local AI's first answers (before the takeovers) are finished before the storm.
    for (let settled = false, until = Date.now() + 10_000; !settled;) {
      assert.ok(Date.now() < until, "the first AI answers did not finish");
      const threads = await Promise.all(humans.map((h) => api("GET", `/api/conversations/${h.conversationId}`)));
      settled = threads.every((th) =>
        th.conversation.handledBy === "human" && th.messages.every((m: WireMessage) => m.status !== "streaming")
      );
      if (!settled) await sleep(50);
      else staff.seed = threads.flatMap((th) => th.messages);
    }
    staff.seed.push(...(await api("GET", `/api/conversations/${aiConversation}`)).messages);

    // --- The storm: everyone sends (each message with its own clientId); the kill lands in the middle.
    const storm = new Map<Peer, Outgoing[]>();
    for (const [i, h] of humans.entries()) {
      storm.set(
        h.peer,
        Array.from({ length: PER_THREAD }, (_, k) => ({
          clientId: `crash-v${i + 1}-m${k + 1}`,
          conversationId: h.conversationId,
          text: `visitor ${i + 1} message ${k + 1}`,
        })),
      );
    }
    storm.set(
      aiPeer,
      AI_QUESTIONS.map((text, k) => ({ clientId: `crash-v-ai-m${k + 1}`, conversationId: aiConversation, text })),
    );
    const staffPlan: Outgoing[] = [];
    for (let k = 1; k <= PER_THREAD; k++) {
      for (const [i, h] of humans.entries()) {
        staffPlan.push({
          clientId: `crash-staff-c${i + 1}-m${k}`,
          conversationId: h.conversationId,
          text: `staff reply ${k} in conversation ${i + 1}`,
        });
      }
    }
    storm.set(staff, staffPlan);
    for (const [peer, plan] of storm) peer.outgoing.push(...plan);
    const planned = [...storm.values()].reduce((n, p) => n + p.length, 0);

    const setupAcks = peers.reduce((n, p) => n + p.acks().size, 0);
    llm.delayMs = 100; // the AI's next answer streams slowly: the kill will cut it
    let killed = false;
    const pump = async (peer: Peer, plan: Outgoing[], burst: number) => {
      for (let i = 0; i < plan.length && !killed; i += burst) {
        for (const o of plan.slice(i, i + burst)) {
          peer.sentBeforeKill.add(o.clientId);
          peer.send(o);
        }
        await sleep(15);
      }
    };
    const pumps = [...storm].map(([peer, plan]) => pump(peer, plan, peer === staff ? humans.length : 2));
    const stormAcks = () =>
      [...storm].reduce((n, [peer, plan]) => n + plan.filter((o) => peer.acks().has(o.clientId)).length, 0);
    const aiStreaming = () =>
      aiPeer.view(aiConversation).some((m) => m.author.kind === "ai" && m.status === "streaming");
    for (const until = Date.now() + 10_000; !(stormAcks() >= planned * 0.35 && aiStreaming());) {
      assert.ok(Date.now() < until, `the storm stalled: ${stormAcks()} of ${planned} acked`);
      await sleep(1);
    }
    // A first message (it starts a conversation) goes out at the very moment of the kill.
    late.outgoing.push({ clientId: "crash-v-late-start", text: "Is anyone there?" });
    late.sentBeforeKill.add("crash-v-late-start");
    late.send(late.outgoing[0]);
    const killedAt = new Date();
    await app.kill("SIGKILL");
    killed = true;
    await Promise.all(pumps);
    const ackedBeforeKill = peers.reduce((n, p) => n + p.acks().size, 0);
    const inFlight = peers.flatMap((p) => [...p.sentBeforeKill].filter((id) => !p.acks().has(id)));
    const neverSent = peers.flatMap((p) =>
      p.outgoing.filter((o) => !p.sentBeforeKill.has(o.clientId) && !p.acks().has(o.clientId))
    );
    await Promise.all(peers.map((p) => within(p.ws.closed, 5000, `${p.name}'s socket stayed open after the kill`)));
    llm.delayMs = 0;

    // --- Restart on the same DATA_DIR and port; everyone reconnects, resumes and resends what has no ack.
    await app.start();
    const reconnect = async (peer: Peer) => {
      const resume = [...peer.resumePoints()].map(([conversationId, afterSeq]) => ({ conversationId, afterSeq }));
      const ws = peer.token
        ? await connect(`${url}/api/widget/ws`)
        : await connect(`${url}/api/realtime`, { cookie, origin: url });
      peer.sockets.push(ws);
      ws.send({ type: "hello", ...(peer.token ? { token: peer.token } : {}), resume });
      await ws.waitFor((f) => f.type === "welcome");
      const acked = peer.acks();
      const missing = peer.outgoing.filter((o) => !acked.has(o.clientId));
      // Its last acked message goes again too, as if that ack had been lost: the original must come back.
      const again = peer.outgoing.findLast((o) => acked.has(o.clientId));
      for (const o of again ? [again, ...missing] : missing) peer.send(o);
      await Promise.all(missing.map((o) => ws.waitFor(ackOf(o.clientId), 15_000)));
      if (again) {
        const ack = await ws.waitFor(ackOf(again.clientId), 15_000) as { message: WireMessage };
        assert.equal(ack.message.id, acked.get(again.clientId)!.id, `${again.clientId}: a resend returns the original`);
        assert.equal(ack.message.seq, acked.get(again.clientId)!.seq);
      }
      return { missing: missing.length, again: again ? 1 : 0 };
    };
    const reconnected = await Promise.all(peers.map(reconnect));
    const resent = reconnected.reduce((n, r) => n + r.missing, 0);
    const resentAcked = reconnected.reduce((n, r) => n + r.again, 0);
    // Resends whose ack carries a message stored before the kill: the ack was lost, not the message.
    const storedButUnacked = inFlight.filter((id) =>
      peers.some((p) => {
        const m = p.acks().get(id);
        return m && new Date(m.createdAt) < killedAt;
      })
    ).length;
    const lateConversation = late.acks().get("crash-v-late-start")!.conversationId;
    conversations.push(lateConversation);

    // --- Let it settle: answers to resent questions finish, every view catches up (bounded).
    const truth = async () => {
      const out = new Map<string, WireMessage[]>();
      for (const id of conversations) out.set(id, (await api("GET", `/api/conversations/${id}`)).messages);
      return out;
    };
    const owner = new Map<string, Peer>([
      ...humans.map((h) => [h.conversationId, h.peer] as const),
      [aiConversation, aiPeer],
      [lateConversation, late],
    ]);
    // The stored truth, read from the SQLite file itself (read-only, beside the running server).
    const readDb = () => {
      const db = new DatabaseSync(join(dataDir, "frontdesk.db"), { readOnly: true });
      try {
        return {
          rows: db.prepare(
            "SELECT id, conversation_id, seq, client_id, status, internal FROM messages ORDER BY conversation_id, seq",
          ).all() as Array<
            {
              id: string;
              conversation_id: string;
              seq: number;
              client_id: string | null;
              status: string;
              internal: number;
            }
          >,
          lastSeqs: db.prepare("SELECT id, last_seq FROM conversations").all() as Array<
            { id: string; last_seq: number }
          >,
        };
      } finally {
        db.close();
      }
    };
    // What each client should hold: the staff thread; for the visitor, without internal notes.
    const expectedViews = (threads: Map<string, WireMessage[]>, internal: Set<string>) =>
      [...threads].flatMap(([id, msgs]) => {
        const out: Array<{ who: string; id: string; view: WireMessage[]; want: WireMessage[]; visitor: boolean }> = [{
          who: `${owner.get(id)!.name}'s view`,
          id,
          view: owner.get(id)!.view(id),
          want: msgs.filter((m) => !internal.has(m.id)),
          visitor: true,
        }];
        if (id !== lateConversation) {
          out.push({ who: "the staff socket's view", id, view: staff.view(id), want: msgs, visitor: false });
        }
        return out;
      });
    const internalIds = () => new Set(readDb().rows.filter((r) => r.internal).map((r) => r.id));
    const converged = (threads: Map<string, WireMessage[]>) =>
      [...threads.values()].every((msgs) => msgs.every((m) => m.status !== "streaming")) &&
      expectedViews(threads, internalIds()).every((v) => v.view.map(shape).join("\n") === v.want.map(shape).join("\n"));
    let threads = await truth();
    for (const until = Date.now() + 10_000; !converged(threads) && Date.now() < until;) {
      await sleep(100);
      threads = await truth();
    }
    const { rows, lastSeqs } = readDb();

    // Every message sent is stored exactly once: none missing, none doubled.
    const expected = peers.flatMap((p) => p.outgoing.map((o) => o.clientId)).sort();
    // AI answers carry `ai:<question id>` (one answer per question, whatever the redeliveries): not sent by a peer.
    const stored = rows.flatMap((r) => (r.client_id && !r.client_id.startsWith("ai:") ? [r.client_id] : [])).sort();
    assert.deepEqual(stored, expected, "each client id stored exactly once");
    // Every ack names the stored message (a resend got the original back).
    for (const p of peers) {
      for (const o of p.outgoing) {
        const m = p.acks().get(o.clientId)!;
        assert.ok(
          rows.some((r) => r.client_id === o.clientId && r.id === m.id && r.conversation_id === m.conversationId),
          `${o.clientId}: the ack matches the stored message`,
        );
      }
    }
    // One conversation per visitor (a resent first message did not start a second one).
    assert.equal(lastSeqs.length, conversations.length, "no extra conversation");
    // Each conversation's seq is gapless 1..N and last_seq = N.
    for (const c of lastSeqs) {
      const seqs = rows.filter((r) => r.conversation_id === c.id).map((r) => r.seq);
      assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), `conversation ${c.id}: gapless`);
      assert.equal(c.last_seq, seqs.length, `conversation ${c.id}: last_seq`);
    }
    // Each question in the AI conversation gets exactly one answer across the kill, the restart and the
    // redelivery of its event: answered before, cut by the kill (interrupted), or answered after.
    const unanswered = () => {
      const ai = readDb().rows.filter((r) => r.conversation_id === aiConversation);
      const answered = new Set(ai.flatMap((r) => (r.client_id?.startsWith("ai:") ? [r.client_id.slice(3)] : [])));
      return ai.filter((r) => r.client_id?.startsWith("crash-v-ai-") && !answered.has(r.id)).map((r) => r.client_id);
    };
    for (const until = Date.now() + 15_000; unanswered().length && Date.now() < until;) await sleep(100);
    assert.deepEqual(unanswered(), [], "every question of the AI conversation has its answer");
    // No answer left streaming; the one the kill cut is marked interrupted.
    assert.deepEqual(rows.filter((r) => r.status === "streaming"), [], "nothing left streaming");
    assert.ok(
      rows.some((r) => r.conversation_id === aiConversation && r.status === "interrupted"),
      "the AI answer the kill cut is interrupted",
    );
    // Every client's view is the stored thread: same ids in the same seq order, then same final text and status.
    for (const [id, msgs] of threads) {
      assert.deepEqual(msgs.map((m) => m.seq), rows.filter((r) => r.conversation_id === id).map((r) => r.seq));
    }
    const internal = new Set(rows.filter((r) => r.internal).map((r) => r.id));
    const views = expectedViews(threads, internal);
    for (const { who, id, view, want, visitor } of views) {
      assert.deepEqual(
        view.map((m) => m.id),
        want.map((m) => m.id),
        `${who} of ${id}: same messages in the same order`,
      );
      assert.deepEqual(
        view.map((m) => m.seq),
        visitor ? want.map((_, i) => i + 1) : want.map((m) => m.seq),
        `${who} of ${id}: ${visitor ? "gapless seqs from 1" : "the stored seqs"}`,
      );
    }
    for (const { who, id, view, want } of views) {
      assert.deepEqual(view.map(shape), want.map(shape), `${who} of ${id}: same text and status`);
    }

    console.log(
      `crash test: ${planned + 1} messages around the kill: ${ackedBeforeKill - setupAcks} acked before it, ` +
        `${inFlight.length} in flight (${storedButUnacked} of them stored, ack lost), ${neverSent.length} not yet sent; ` +
        `${resent} sent again after restart (+${resentAcked} acked ones resent on purpose); ` +
        `${rows.length} messages in ${lastSeqs.length} conversations; ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } catch (err) {
    console.error(`server output:\n${app.output}`);
    throw err;
  } finally {
    await Promise.all(peers.map((p) => p.close()));
    await app.stop();
    await llm.close();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
