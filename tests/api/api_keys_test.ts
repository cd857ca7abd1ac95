import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { addMember, call, makeTestDeps, signUp } from "../helpers.ts";

async function setup(opts: Parameters<typeof makeTestDeps>[0] = {}) {
  const ctx = await makeTestDeps(opts);
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test", company: "A Corp" });
  const b = await signUp(app, { email: "admin@b.test", company: "B Corp" });
  const createKey = async (cookie: string, body: Record<string, unknown>) => {
    const res = await call(app, "POST", "/api/api-keys", { cookie, body });
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as { apiKey: { id: string; prefix: string }; key: string };
  };
  return { ...ctx, app, a, b, createKey };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

Deno.test("an admin creates a key, shown once, stored only as its SHA-256, and listed without it", async () => {
  const t = await setup();
  try {
    const res = await call(t.app, "POST", "/api/api-keys", {
      cookie: t.a.cookie,
      body: { name: "CRM sync", scope: "write" },
    });
    assert.equal(res.status, 201);
    assert.match(res.headers.get("content-type")!, /json/);
    const { apiKey, key } = await res.json();
    assert.match(key, /^fd_live_[A-Za-z0-9_-]{43}$/);
    assert.equal(apiKey.prefix, key.slice(0, 12));
    assert.deepEqual([apiKey.name, apiKey.scope, apiKey.internal, apiKey.lastUsedAt], [
      "CRM sync",
      "write",
      false,
      null,
    ]);
    assert.equal(apiKey.createdBy, t.a.user.id);

    const listed = await (await call(t.app, "GET", "/api/api-keys", { cookie: t.a.cookie })).json();
    assert.deepEqual(listed.apiKeys.map((k: { id: string }) => k.id), [apiKey.id]);
    assert.ok(!JSON.stringify(listed).includes(key.slice(12)), "the key is never shown again");

    // At rest: the row holds the hash, never the key.
    const [row] = (await t.stored("api_keys")).filter((r) => (r.id ?? r._id) === apiKey.id);
    assert.equal(row.key_hash ?? row.keyHash, await sha256Hex(key));
    assert.ok(!Object.values(row).some((v) => typeof v === "string" && v.includes(key.slice(12))));
  } finally {
    await t.cleanup();
  }
});

Deno.test("a read key reads the API; a write key also changes it, and its events carry the api actor", async () => {
  const t = await setup();
  try {
    const read = await t.createKey(t.a.cookie, { name: "reporting", scope: "read" });
    const write = await t.createKey(t.a.cookie, { name: "crm", scope: "write" });

    const agents = await call(t.app, "GET", "/api/agents", { headers: bearer(read.key), origin: null });
    assert.equal(agents.status, 200);
    assert.ok(Array.isArray((await agents.json()).agents));
    assert.equal(agents.headers.get("ratelimit-limit"), "600");

    const refused = await call(t.app, "POST", "/api/agents", {
      headers: bearer(read.key),
      origin: null,
      body: { name: "Bot" },
    });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error.code, "insufficient_scope");

    const created = await call(t.app, "POST", "/api/agents", {
      headers: bearer(write.key),
      origin: null,
      body: { name: "Bot" },
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { agent } = await created.json();
    const [event] = await t.deps.store.events.after(0, {
      limit: 10,
      types: ["agent.created"],
      workspaceId: t.a.user.workspaceId,
    });
    assert.equal(event.aggregateId, agent.id);
    assert.deepEqual(event.actor, { kind: "api", id: write.apiKey.id });

    // Last use is recorded (at most once a minute).
    const listed = await (await call(t.app, "GET", "/api/api-keys", { cookie: t.a.cookie })).json();
    assert.ok(listed.apiKeys.every((k: { lastUsedAt: string | null }) => k.lastUsedAt !== null));
  } finally {
    await t.cleanup();
  }
});

Deno.test("a key never manages keys, users, invites or the profile, and opens no page", async () => {
  const t = await setup();
  try {
    const { key } = await t.createKey(t.a.cookie, { name: "admin-ish", scope: "write" });
    for (
      const [method, path, body] of [
        ["GET", "/api/api-keys"],
        ["POST", "/api/api-keys", { name: "another" }],
        ["GET", "/api/users"],
        ["GET", "/api/users/invites"],
        ["POST", "/api/users/invites", { email: "x@a.test", role: "admin" }],
        ["GET", "/api/auth/profile"],
        ["POST", "/api/auth/logout"],
      ] as const
    ) {
      const res = await call(t.app, method, path, { headers: bearer(key), origin: null, body });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal((await res.json()).error.code, "api_key_not_allowed");
    }
    for (const page of ["/", "/settings", "/agents", "/analytics"]) {
      const res = await t.app.request(page, { headers: bearer(key) });
      assert.equal(res.status, 302, page);
      assert.match(res.headers.get("location")!, /^\/login/);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("a revoked key answers 401 at once; an unknown key too", async () => {
  const t = await setup();
  try {
    const { apiKey, key } = await t.createKey(t.a.cookie, { name: "temp", scope: "read" });
    assert.equal((await call(t.app, "GET", "/api/tickets", { headers: bearer(key), origin: null })).status, 200);
    const del = await call(t.app, "DELETE", `/api/api-keys/${apiKey.id}`, { cookie: t.a.cookie });
    assert.equal(del.status, 204);
    const after = await call(t.app, "GET", "/api/tickets", { headers: bearer(key), origin: null });
    assert.equal(after.status, 401);
    assert.equal((await after.json()).error.code, "invalid_api_key");
    const listed = await (await call(t.app, "GET", "/api/api-keys", { cookie: t.a.cookie })).json();
    assert.deepEqual(listed.apiKeys, []);
    const unknown = await call(t.app, "GET", "/api/tickets", { headers: bearer(`${key}x`), origin: null });
    assert.equal(unknown.status, 401);
  } finally {
    await t.cleanup();
  }
});

Deno.test("another workspace's key answers 404 on DELETE; members may not manage keys", async () => {
  const t = await setup();
  try {
    const { apiKey, key } = await t.createKey(t.b.cookie, { name: "B's", scope: "read" });
    const res = await call(t.app, "DELETE", `/api/api-keys/${apiKey.id}`, { cookie: t.a.cookie });
    assert.equal(res.status, 404);
    assert.equal((await call(t.app, "GET", "/api/agents", { headers: bearer(key), origin: null })).status, 200);
    assert.equal(
      (await call(t.app, "DELETE", "/api/api-keys/65f1c0ffee0000000000abcd", { cookie: t.a.cookie })).status,
      404,
    );
    const member = await addMember(t.app, t.dir, t.a.cookie, "sam@a.test");
    assert.equal((await call(t.app, "GET", "/api/api-keys", { cookie: member.cookie })).status, 403);
    assert.equal(
      (await call(t.app, "POST", "/api/api-keys", { cookie: member.cookie, body: { name: "x" } })).status,
      403,
    );
  } finally {
    await t.cleanup();
  }
});

Deno.test("a key over its rate limit answers 429 with Retry-After and the RateLimit headers", async () => {
  const t = await setup({ env: { API_KEY_RATE_LIMIT: "3" } });
  try {
    const { key } = await t.createKey(t.a.cookie, { name: "busy", scope: "read" });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await call(t.app, "GET", "/api/agents", { headers: bearer(key), origin: null });
      assert.equal(ok.status, 200);
      remaining.push(ok.headers.get("ratelimit-remaining")!);
    }
    assert.deepEqual(remaining, ["2", "1", "0"]);
    const res = await call(t.app, "GET", "/api/agents", { headers: bearer(key), origin: null });
    assert.equal(res.status, 429);
    assert.equal((await res.json()).error.code, "rate_limited");
    assert.ok(Number(res.headers.get("retry-after")) >= 1);
    assert.equal(res.headers.get("ratelimit-limit"), "3");
    assert.equal(res.headers.get("ratelimit-remaining"), "0");
    assert.ok(Number(res.headers.get("ratelimit-reset")) >= 1);
    assert.equal(res.headers.get("ratelimit-policy"), "3;w=60");
    // Sessions are not counted against keys.
    assert.equal((await call(t.app, "GET", "/api/agents", { cookie: t.a.cookie })).status, 200);
  } finally {
    await t.cleanup();
  }
});

Deno.test("the OpenAPI document declares the cookie and the API key, and says which operations take which", async () => {
  const t = await setup();
  try {
    const doc = await (await t.app.request("/api/openapi.json")).json();
    assert.equal(doc.components.securitySchemes.apiKey.type, "http");
    assert.equal(doc.components.securitySchemes.apiKey.scheme, "bearer");
    assert.equal(doc.components.securitySchemes.session.in, "cookie");
    assert.deepEqual(doc.paths["/tickets"].get.security, [{ session: [] }, { apiKey: [] }]);
    assert.ok(doc.paths["/tickets"].get.responses["429"]);
    for (const [path, method] of [["/api-keys", "post"], ["/users", "get"], ["/auth/profile", "get"]]) {
      assert.deepEqual(doc.paths[path][method].security, [{ session: [] }], path);
    }
  } finally {
    await t.cleanup();
  }
});
