/**
 * Graceful shutdown (rolling deploys): the real server as a child process
 * gets SIGTERM while a visitor and a staff member are connected and an AI
 * answer is streaming. Every socket is closed with 1012 ("service restart",
 * which the widget and the dashboards answer by reconnecting at once), the
 * answer that could not finish within the bound is marked `interrupted`
 * (never left `streaming`), and the process exits on its own with code 0,
 * which it does only when it finished within SHUTDOWN_GRACE_MS (past the
 * bound it exits with 1).
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

const ackOf = (clientId: string) => (f: ServerFrame) => f.type === "ack" && f.clientId === clientId;

Deno.test("SIGTERM: sockets told to reconnect (1012), the streaming answer marked, exit 0 within the bound", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "frontdesk-shutdown-" });
  const app = new AppProcess(freePort(), dataDir, { SHUTDOWN_GRACE_MS: "4000" });
  const llm = startSlowLlm();
  const sockets: TestSocket[] = [];
  try {
    await app.start();
    const url = app.url;
    const reg = await fetch(`${url}/api/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({ name: "Ada", email: "ada@shutdown.test", password: "correct horse 1", company: "Acme" }),
    });
    assert.equal(reg.status, 201, await reg.text());
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
    await api("PUT", "/api/settings/providers/openai", { apiKey: "sk-shutdown-test-key", baseUrl: llm.url });
    const bot = (await api("POST", "/api/agents", { name: "Slow bot", provider: "openai", model: "gpt-4o-mini" }))
      .agent;

    const session = await (await fetch(`${url}/api/widget/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://customer.example" },
      body: JSON.stringify({ agentId: bot.id }),
    })).json();
    const visitor = await connect(`${url}/api/widget/ws`);
    sockets.push(visitor);
    visitor.send({ type: "hello", token: session.token });
    await visitor.waitFor((f) => f.type === "welcome");
    const staff = await connect(`${url}/api/realtime`, { cookie, origin: url });
    sockets.push(staff);
    staff.send({ type: "hello" });
    await staff.waitFor((f) => f.type === "welcome");

    // An answer that takes 30 s to stream: far past the 4 s bound.
    llm.delayMs = 100;
    visitor.send({ type: "send", clientId: "question-1", text: "tell me everything", pageUrl: "https://x.example" });
    const { message: question } = (await visitor.waitFor(ackOf("question-1"))) as { message: WireMessage };
    await visitor.waitFor((f) => f.type === "ai.token", 10_000);

    const exited = app.kill("SIGTERM");
    const [visitorClose, staffClose] = await Promise.all([visitor.closed, staff.closed]);
    assert.equal(visitorClose.code, 1012, "the visitor is told to reconnect elsewhere");
    assert.equal(staffClose.code, 1012, "so is staff");
    const status = await exited;
    assert.equal(status.code, 0, `exited within its bound on its own:\n${app.output}`);

    const db = new DatabaseSync(join(dataDir, "frontdesk.db"), { readOnly: true });
    try {
      const rows = db.prepare("SELECT client_id, status, text FROM messages WHERE conversation_id = ? ORDER BY seq")
        .all(question.conversationId) as Array<{ client_id: string; status: string; text: string }>;
      assert.deepEqual(rows.map((r) => [r.client_id, r.status]), [
        ["question-1", "complete"],
        [`ai:${question.id}`, "interrupted"],
      ]);
      assert.ok(rows[1].text.endsWith("…"), "the words streamed so far are kept, marked as cut");
    } finally {
      db.close();
    }
  } finally {
    await Promise.allSettled(sockets.map((s) => s.close()));
    await app.stop();
    await llm.close();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
