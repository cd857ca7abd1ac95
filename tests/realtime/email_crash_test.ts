/**
 * Side effects survive a crash, exactly once: staff reply to a customer who
 * is not connected (so each reply is emailed), the server is killed with
 * SIGKILL right after the last reply is acknowledged, then started again on
 * the same DATA_DIR. The emails listener resumes from its checkpoint: every
 * reply is in the outbox exactly once, whether its email went out before the
 * kill, was in flight, or had not started.
 *
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { readOutbox } from "../../mail/outbox.ts";
import { AppProcess, freePort, registerAdmin } from "./app_process.ts";

const REPLIES = 6;

Deno.test("kill -9 right after staff replies are acknowledged: each reply is emailed exactly once after restart", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "frontdesk-email-crash-" });
  const app = new AppProcess(freePort(), dataDir);
  try {
    await app.start();
    const { api } = await registerAdmin(app, { email: "admin@mail-crash.test" });
    const agent = (await api("POST", "/api/agents", { name: "Bot" })).agent;
    // A ticket opened by staff for a customer who is not on the site: every reply goes by email.
    const { ticket } = await api("POST", "/api/tickets", {
      title: "Order 1042 arrived damaged",
      customerEmail: "grace@customer.test",
      agentId: agent.id,
    });
    const texts = Array.from(
      { length: REPLIES },
      (_, i) => `Reply ${i + 1}: we are on it (ref ${crypto.randomUUID()}).`,
    );
    // Sent together; the last acknowledgement is the moment of the kill.
    await Promise.all(texts.map((content) => api("POST", `/api/tickets/${ticket.id}/messages`, { content })));
    await app.kill("SIGKILL");

    const outbox = join(dataDir, "outbox");
    const before = (await readOutbox(outbox)).length;
    await app.start();
    const count = async () => {
      const mails = await readOutbox(outbox);
      return texts.map((t) => mails.filter((m) => m.to === "grace@customer.test" && m.text.includes(t)).length);
    };
    let counts = await count();
    for (const until = Date.now() + 15_000; counts.some((n) => n === 0) && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 100));
      counts = await count();
    }
    // Give a second send (a bug) the time to show up.
    await new Promise((r) => setTimeout(r, 1500));
    counts = await count();
    assert.deepEqual(counts, texts.map(() => 1), `emails per reply (${before} were out before the kill)`);
    // And after one more restart, still nothing twice.
    await app.kill("SIGTERM");
    await app.start();
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(await count(), texts.map(() => 1));
  } finally {
    await app.stop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
