import assert from "node:assert/strict";
import { Webhook } from "standardwebhooks";
import { addMember, call, signUp } from "../helpers.ts";
import { hookSetup } from "../webhooks/kit.ts";

Deno.test("an endpoint's whsec_ secret is answered once, sealed at rest, and never listed", async () => {
  const t = await hookSetup();
  try {
    const res = await call(t.app, "POST", "/api/webhooks", {
      cookie: t.admin.cookie,
      body: { url: t.receiver.url, events: ["ticket.created", "message.created"], description: "CRM" },
    });
    assert.equal(res.status, 201);
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    const { webhook, secret } = await res.json();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    assert.equal(webhook.secretHint, `whsec_…${secret.slice(-4)}`);
    assert.deepEqual(webhook.events, ["ticket.created", "message.created"]);
    assert.equal(webhook.enabled, true);
    const raw = secret.slice("whsec_".length);
    for (const path of ["/api/webhooks", `/api/webhooks/${webhook.id}`]) {
      const text = await (await call(t.app, "GET", path, { cookie: t.admin.cookie })).text();
      assert.ok(!text.includes(raw), `${path} shows no secret`);
    }
    const dump = JSON.stringify(await t.stored("webhook_endpoints"));
    assert.ok(!dump.includes(raw), "the database holds no plain secret");
  } finally {
    await t.close();
  }
});

Deno.test("webhook input is validated: URL, event names from the catalog, fields", async () => {
  const t = await hookSetup();
  try {
    for (
      const body of [
        { url: "ftp://example.com/x" },
        { url: "not a url" },
        { url: t.receiver.url, events: ["ticket.exploded"] },
        { url: t.receiver.url, events: [] },
        { url: t.receiver.url, description: "x".repeat(201) },
      ]
    ) {
      const res = await call(t.app, "POST", "/api/webhooks", { cookie: t.admin.cookie, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal((await res.json()).error.code, "validation_failed");
    }
    const { webhook } = await t.subscribe();
    assert.deepEqual(webhook.events, ["*"], "all events by default");
    const bad = await call(t.app, "PATCH", `/api/webhooks/${webhook.id}`, {
      cookie: t.admin.cookie,
      body: { enabled: "yes" },
    });
    assert.equal(bad.status, 400);
    const notId = await call(t.app, "GET", "/api/webhooks/nope", { cookie: t.admin.cookie });
    assert.equal(notId.status, 400);
  } finally {
    await t.close();
  }
});

Deno.test("webhooks are for admins: members get 403, no session 401", async () => {
  const t = await hookSetup();
  try {
    const member = await addMember(t.app, t.dir, t.admin.cookie, "member@hooks.test");
    const { webhook } = await t.subscribe();
    assert.equal((await call(t.app, "GET", "/api/webhooks", { cookie: member.cookie })).status, 403);
    const create = await call(t.app, "POST", "/api/webhooks", { cookie: member.cookie, body: { url: t.receiver.url } });
    assert.equal(create.status, 403);
    assert.equal((await call(t.app, "DELETE", `/api/webhooks/${webhook.id}`, { cookie: member.cookie })).status, 403);
    assert.equal((await call(t.app, "GET", "/api/webhooks")).status, 401);
  } finally {
    await t.close();
  }
});

Deno.test("another workspace's webhook and delivery ids answer 404 on every operation", async () => {
  const t = await hookSetup();
  try {
    const { webhook } = await t.subscribe();
    await t.agentCreated();
    const [delivery] = await t.deliveries(webhook.id);
    const other = await signUp(t.app, { email: "other@elsewhere.test" });
    const base = `/api/webhooks/${webhook.id}`;
    for (
      const [method, path, body] of [
        ["GET", base],
        ["PATCH", base, { description: "mine now" }],
        ["DELETE", base],
        ["POST", `${base}/test`],
        ["POST", `${base}/rotate-secret`],
        ["GET", `${base}/deliveries`],
        ["POST", `${base}/deliveries/${delivery.id}/redeliver`],
      ] as const
    ) {
      const res = await call(t.app, method, path, { cookie: other.cookie, body });
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal((await res.json()).error.code, "not_found");
    }
    const { webhook: theirs } = await (await call(t.app, "POST", "/api/webhooks", {
      cookie: other.cookie,
      body: { url: t.receiver.url },
    })).json();
    const cross = await call(t.app, "POST", `/api/webhooks/${theirs.id}/deliveries/${delivery.id}/redeliver`, {
      cookie: other.cookie,
    });
    assert.equal(cross.status, 404, "a delivery of another workspace under one's own endpoint");
    assert.equal((await call(t.app, "GET", "/api/webhooks", { cookie: other.cookie })).status, 200);
    assert.equal((await t.deliveries(webhook.id)).length, 1, "nothing changed for the owner");
  } finally {
    await t.close();
  }
});

Deno.test("an event reaches the endpoint signed per Standard Webhooks, verified by the official library", async () => {
  const t = await hookSetup();
  try {
    const { webhook, secret } = await t.subscribe({ events: ["agent.created"] });
    const { webhook: other } = await t.subscribe({ events: ["ticket.created"] });
    const agentId = await t.agentCreated("Helper");
    assert.equal(t.receiver.received.length, 1, "only the endpoint subscribed to agent.created");
    const got = t.receiver.received[0];
    const payload = new Webhook(secret).verify(got.body, {
      "webhook-id": got.id,
      "webhook-timestamp": got.timestamp,
      "webhook-signature": got.signature,
    }) as { type: string; timestamp: string; data: { id: string; payload: { agentId: string; name: string } } };
    assert.equal(payload.type, "agent.created");
    assert.equal(payload.data.id, got.id, "webhook-id is the event id");
    assert.equal(payload.data.payload.agentId, agentId);
    assert.equal(payload.data.payload.name, "Helper");
    assert.ok(!Number.isNaN(Date.parse(payload.timestamp)));
    assert.match(got.signature, /^v1,[A-Za-z0-9+/=]+$/);
    assert.throws(() =>
      new Webhook(secret).verify(got.body.replace("Helper", "Hacker"), {
        "webhook-id": got.id,
        "webhook-timestamp": got.timestamp,
        "webhook-signature": got.signature,
      })
    );
    const [d] = await t.deliveries(webhook.id);
    assert.equal(d.status, "succeeded");
    assert.equal(d.eventType, "agent.created");
    assert.equal(d.lastStatusCode, 200);
    assert.equal(d.lastResponse, "ok");
    assert.equal((d.attemptLog as unknown[]).length, 1);
    assert.equal((await t.deliveries(other.id)).length, 0);
  } finally {
    await t.close();
  }
});

Deno.test("a test message is sent at once and answered; PATCH turns an endpoint off and on; DELETE unsubscribes", async () => {
  const t = await hookSetup();
  try {
    const { webhook, secret } = await t.subscribe();
    const res = await call(t.app, "POST", `/api/webhooks/${webhook.id}/test`, { cookie: t.admin.cookie });
    assert.equal(res.status, 200);
    const { delivery } = await res.json();
    assert.equal(delivery.status, "succeeded");
    assert.equal(delivery.eventType, "webhook.test");
    const got = t.receiver.received.at(-1)!;
    const body = new Webhook(secret).verify(got.body, {
      "webhook-id": got.id,
      "webhook-timestamp": got.timestamp,
      "webhook-signature": got.signature,
    }) as { type: string };
    assert.equal(body.type, "webhook.test");

    const off = await call(t.app, "PATCH", `/api/webhooks/${webhook.id}`, {
      cookie: t.admin.cookie,
      body: { enabled: false },
    });
    assert.equal(off.status, 200);
    const offJson = (await off.json()).webhook;
    assert.equal(offJson.enabled, false);
    assert.equal(offJson.disabledReason, "admin");
    const before = t.receiver.received.length;
    await t.agentCreated();
    assert.equal(t.receiver.received.length, before, "a disabled endpoint gets nothing");
    const on = await call(t.app, "PATCH", `/api/webhooks/${webhook.id}`, {
      cookie: t.admin.cookie,
      body: { enabled: true, description: "Back" },
    });
    assert.deepEqual([(await on.json()).webhook.enabled, null], [true, null]);
    await t.agentCreated();
    assert.equal(t.receiver.received.length, before + 1);

    assert.equal((await call(t.app, "DELETE", `/api/webhooks/${webhook.id}`, { cookie: t.admin.cookie })).status, 204);
    assert.equal((await call(t.app, "GET", `/api/webhooks/${webhook.id}`, { cookie: t.admin.cookie })).status, 404);
    await t.agentCreated();
    assert.equal(t.receiver.received.length, before + 1, "unsubscribed");
  } finally {
    await t.close();
  }
});
