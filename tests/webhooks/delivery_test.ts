/**
 * Webhook delivery against a local receiver, with a clock the test moves
 * (no sleeping): the retry schedule with the same `webhook-id` each time,
 * redelivery, disabling after failing for the configured time (and the
 * admins' email), redirects not followed, SSRF checks on every attempt,
 * and both signatures during a secret rotation's overlap.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { withConfig } from "../../lib/config.ts";
import { RETRY_DELAYS_MS } from "../../models/webhooks/webhook.ts";
import { call, readOutbox } from "../helpers.ts";
import type { Received } from "../fakes/webhook_receiver.ts";
import { hookSetup } from "./kit.ts";

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, {
    "webhook-id": r.id,
    "webhook-timestamp": r.timestamp,
    "webhook-signature": r.signature,
  });

Deno.test("a failing delivery is retried on the schedule (5 s, 5 min, 30 min...) with the same webhook-id and body", async () => {
  const t = await hookSetup();
  try {
    const { webhook, secret } = await t.subscribe();
    t.receiver.script([{ status: 500 }, { status: 503 }, { status: 404 }]);
    await t.agentCreated();
    let [d] = await t.deliveries(webhook.id);
    assert.equal(d.status, "pending");
    assert.equal(d.attempts, 1);
    assert.equal(d.lastStatusCode, 500);
    const first = Date.parse((d.attemptLog as Array<{ at: string }>)[0].at);
    assert.equal(Date.parse(d.nextAttemptAt as string) - first, RETRY_DELAYS_MS[1], "5 s after the first");

    await t.advance(RETRY_DELAYS_MS[1] - 1);
    assert.equal(t.receiver.received.length, 1, "not before it is due");
    await t.advance(1);
    assert.equal(t.receiver.received.length, 2);
    [d] = await t.deliveries(webhook.id);
    assert.equal(d.lastStatusCode, 503);
    assert.equal(Date.parse(d.nextAttemptAt as string) - t.clock.now().getTime(), RETRY_DELAYS_MS[2], "then 5 min");

    await t.advance(RETRY_DELAYS_MS[2]);
    [d] = await t.deliveries(webhook.id);
    assert.equal(d.lastStatusCode, 404);
    assert.equal(Date.parse(d.nextAttemptAt as string) - t.clock.now().getTime(), RETRY_DELAYS_MS[3], "then 30 min");
    await t.advance(RETRY_DELAYS_MS[3]);
    [d] = await t.deliveries(webhook.id);
    assert.equal(d.status, "succeeded");
    assert.equal(d.attempts, 4);
    assert.deepEqual((d.attemptLog as Array<{ statusCode: number }>).map((a) => a.statusCode), [500, 503, 404, 200]);

    const got = t.receiver.received;
    assert.equal(got.length, 4);
    assert.equal(new Set(got.map((r) => r.id)).size, 1, "one webhook-id on every attempt");
    assert.equal(new Set(got.map((r) => r.body)).size, 1, "the same body");
    for (const r of got) verify(secret, r);
  } finally {
    await t.close();
  }
});

Deno.test("after the last scheduled attempt a delivery fails; redeliver sends it again with the same webhook-id", async () => {
  const t = await hookSetup();
  try {
    const { webhook, secret } = await t.subscribe();
    t.receiver.script(RETRY_DELAYS_MS.map(() => ({ status: 500 })));
    await t.agentCreated();
    for (const delay of RETRY_DELAYS_MS.slice(1)) await t.advance(delay);
    let [d] = await t.deliveries(webhook.id);
    assert.equal(d.status, "failed");
    assert.equal(d.attempts, RETRY_DELAYS_MS.length);
    assert.equal(d.nextAttemptAt, null);
    await t.advance(24 * 3600_000);
    assert.equal(t.receiver.received.length, RETRY_DELAYS_MS.length, "nothing after the schedule ends");

    const res = await call(t.app, "POST", `/api/webhooks/${webhook.id}/deliveries/${d.id}/redeliver`, {
      cookie: t.admin.cookie,
    });
    assert.equal(res.status, 200);
    d = (await res.json()).delivery;
    assert.equal(d.status, "succeeded");
    assert.equal(d.attempts, RETRY_DELAYS_MS.length + 1);
    const got = t.receiver.received;
    assert.equal(got.at(-1)!.id, got[0].id);
    verify(secret, got.at(-1)!);
  } finally {
    await t.close();
  }
});

Deno.test("an endpoint failing without a break for the configured time is disabled and the admins emailed", async () => {
  const t = await hookSetup({ WEBHOOK_DISABLE_AFTER_HOURS: "1" });
  try {
    const { webhook } = await t.subscribe({ description: "CRM sync" });
    t.receiver.script(Array.from({ length: 50 }, () => ({ status: 500 })));
    await t.agentCreated("A");
    await t.advance(RETRY_DELAYS_MS[1]);
    await t.advance(RETRY_DELAYS_MS[2]);
    let wh = (await (await call(t.app, "GET", `/api/webhooks/${webhook.id}`, { cookie: t.admin.cookie })).json())
      .webhook;
    assert.equal(wh.enabled, true, "5 minutes of failures is not enough");
    assert.ok(wh.failingSince);
    // Another event an hour on: its first failure is past the limit.
    await t.advance(3600_000);
    await t.agentCreated("B");
    wh = (await (await call(t.app, "GET", `/api/webhooks/${webhook.id}`, { cookie: t.admin.cookie })).json()).webhook;
    assert.equal(wh.enabled, false);
    assert.equal(wh.disabledReason, "failing");
    const deliveries = await t.deliveries(webhook.id);
    assert.ok(deliveries.every((d) => d.status === "failed"), "nothing left pending");
    const count = t.receiver.received.length;
    await t.agentCreated("C");
    await t.advance(24 * 3600_000);
    assert.equal(t.receiver.received.length, count, "a disabled endpoint gets nothing more");
    const mails = (await readOutbox(t.dir)).filter((m) => m.subject.startsWith("Webhook disabled"));
    assert.equal(mails.length, 1);
    assert.equal(mails[0].to, t.admin.user.email);
    assert.match(mails[0].text, /CRM sync/);
    // Turned back on by an admin: its run of failures starts afresh.
    const on = await call(t.app, "PATCH", `/api/webhooks/${webhook.id}`, {
      cookie: t.admin.cookie,
      body: { enabled: true },
    });
    assert.deepEqual([(await on.json()).webhook.failingSince], [null]);
  } finally {
    await t.close();
  }
});

Deno.test("a redirect is not followed: the attempt fails and the redirect's target gets nothing", async () => {
  const t = await hookSetup();
  try {
    const { webhook } = await t.subscribe();
    const elsewhere = t.receiver.url.replace("/hooks", "/elsewhere");
    t.receiver.script([{ status: 307, location: elsewhere }]);
    await t.agentCreated();
    const [d] = await t.deliveries(webhook.id);
    assert.equal(d.status, "pending");
    assert.equal(d.lastStatusCode, 307);
    assert.match(d.lastError as string, /Redirects are not followed/);
    assert.equal(t.receiver.received.length, 1);
  } finally {
    await t.close();
  }
});

Deno.test("private addresses are refused when subscribing, and checked again on every attempt", async () => {
  const strict = await hookSetup({ FETCH_ALLOW_LOOPBACK: "false" });
  try {
    for (
      const url of [strict.receiver.url, "http://10.0.0.8/hook", "http://169.254.169.254/latest", "http://[::1]/x"]
    ) {
      const res = await call(strict.app, "POST", "/api/webhooks", { cookie: strict.admin.cookie, body: { url } });
      assert.equal(res.status, 400, url);
    }
  } finally {
    await strict.close();
  }
  const t = await hookSetup();
  try {
    const { webhook } = await t.subscribe();
    t.deps.config = withConfig(t.deps.config, { fetchAllowLoopback: false });
    await t.agentCreated();
    const [d] = await t.deliveries(webhook.id);
    assert.equal(d.status, "pending");
    assert.equal(d.lastStatusCode, null);
    assert.match(d.lastError as string, /unsafe_url/);
    assert.equal(t.receiver.received.length, 0, "nothing reached the private address");
  } finally {
    await t.close();
  }
});

Deno.test("after a rotation both secrets sign for 24 hours, then only the new one", async () => {
  const t = await hookSetup();
  try {
    const { webhook, secret: old } = await t.subscribe();
    const res = await call(t.app, "POST", `/api/webhooks/${webhook.id}/rotate-secret`, { cookie: t.admin.cookie });
    assert.equal(res.status, 200);
    const { secret, webhook: rotated } = await res.json();
    assert.notEqual(secret, old);
    assert.ok(rotated.previousSecretExpiresAt);
    await t.agentCreated();
    const during = t.receiver.received.at(-1)!;
    assert.equal(during.signature.split(" ").length, 2, "two signatures, space-separated");
    verify(secret, during);
    verify(old, during);
    await t.advance(24 * 3600_000 + 1000);
    await t.agentCreated();
    const after = t.receiver.received.at(-1)!;
    assert.equal(after.signature.split(" ").length, 1);
    verify(secret, after);
    assert.throws(() => verify(old, after));
  } finally {
    await t.close();
  }
});
