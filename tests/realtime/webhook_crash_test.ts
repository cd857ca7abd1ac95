/**
 * Webhooks survive a crash, at least once: events are made while the
 * receiver holds the first deliveries open (in flight), the server is killed
 * with SIGKILL right after the last event is acknowledged, then started
 * again on the same DATA_DIR. Every event reaches the receiver, signed
 * (verified by `standardwebhooks`), whether its delivery had gone out, was
 * in flight, was queued, or its event had not yet been fanned out.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver } from "../fakes/webhook_receiver.ts";
import { AppProcess, freePort, registerAdmin } from "./app_process.ts";

const EVENTS = 20;
const HELD = 4;

Deno.test("kill -9 with webhook deliveries in flight: after restart every event is delivered at least once", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "frontdesk-webhook-crash-" });
  const receiver = await startWebhookReceiver();
  const app = new AppProcess(freePort(), dataDir);
  try {
    await app.start();
    const { api } = await registerAdmin(app, { email: "admin@hook-crash.test", name: "Ada" });
    const { secret } = await api("POST", "/api/webhooks", { url: receiver.url, events: ["agent.created"] });
    // The first deliveries are held open by the receiver: in flight when the server dies.
    receiver.script(Array.from({ length: HELD }, () => ({ hang: true as const })));
    const agentIds: string[] = [];
    const make = (from: number, to: number) =>
      Promise.all(
        Array.from({ length: to - from }, async (_, i) => {
          agentIds.push((await api("POST", "/api/agents", { name: `Bot ${from + i}` })).agent.id);
        }),
      );
    // A first batch: wait until its deliveries are out (the held ones in flight, the others answered)...
    await make(0, HELD + 4);
    await receiver.waitFor(HELD + 4);
    // ...then a second one, killed right after its last event is acknowledged (queued, or not yet fanned out).
    await make(HELD + 4, EVENTS);
    await app.kill("SIGKILL");
    const before = receiver.received.length;

    await app.start();
    const delivered = () => {
      const seen = new Set<string>();
      for (const r of receiver.received) {
        const body = new Webhook(secret).verify(r.body, {
          "webhook-id": r.id,
          "webhook-timestamp": r.timestamp,
          "webhook-signature": r.signature,
        }) as { data: { id: string; payload: { agentId: string } } };
        assert.equal(body.data.id, r.id, "webhook-id is the event id");
        seen.add(body.data.payload.agentId);
      }
      return seen;
    };
    for (const until = Date.now() + 20_000; agentIds.some((id) => !delivered().has(id)) && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const missing = agentIds.filter((id) => !delivered().has(id));
    assert.deepEqual(missing, [], `${before} requests arrived before the kill (${HELD} held open)`);
    const ids = new Set(receiver.received.map((r) => r.id));
    assert.equal(ids.size, EVENTS, "one webhook-id per event, however often it was sent");
  } finally {
    await app.stop();
    await receiver.close();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
