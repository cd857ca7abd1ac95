import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { call, makeTestDeps, signUp } from "../helpers.ts";

Deno.test("bad input answers 4xx JSON errors, never a 500", async () => {
  const t = await makeTestDeps();
  const app = createApp(t.deps);
  try {
    const { cookie } = await signUp(app, { email: "ada@example.com" });
    const cases: Array<[string, string, Parameters<typeof call>[3], number, string]> = [
      ["POST", "/api/auth/login", { body: "{not json" }, 400, "bad_request"],
      ["POST", "/api/auth/login", { body: "[]" }, 400, "validation_failed"],
      ["POST", "/api/auth/login", { body: "null" }, 400, "validation_failed"],
      [
        "POST",
        "/api/auth/login",
        { body: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } },
        415,
        "unsupported_media_type",
      ],
      ["POST", "/api/auth/login", {}, 400, "validation_failed"],
      [
        "POST",
        "/api/auth/register",
        { body: { name: 1, email: ["x"], password: {}, company: null } },
        400,
        "validation_failed",
      ],
      [
        "POST",
        "/api/auth/register",
        { body: { name: "A", email: "a@b.co", password: "x".repeat(80), company: "C" } },
        400,
        "validation_failed",
      ],
      ["GET", "/api/users/not-an-id", { cookie }, 400, "validation_failed"],
      ["GET", "/api/users/65f1c0ffee0000000000abcd", { cookie }, 404, "not_found"],
      ["GET", "/api/nope", {}, 404, "not_found"],
      ["DELETE", "/api/auth/login", {}, 404, "not_found"],
      ["GET", "/api/auth/profile", {}, 401, "unauthenticated"],
      [
        "POST",
        "/api/auth/password/reset",
        { body: { token: "x".repeat(40), password: "long enough 1" } },
        400,
        "invalid_token",
      ],
      [
        "POST",
        "/api/auth/login",
        { body: JSON.stringify({ email: "a@b.co", password: "x".repeat(2_000_000) }) },
        413,
        "payload_too_large",
      ],
    ];
    for (const [method, path, opts, status, code] of cases) {
      const res = await call(app, method, path, opts);
      assert.equal(res.status, status, `${method} ${path} ${JSON.stringify(opts?.body)?.slice(0, 60)}`);
      assert.match(res.headers.get("content-type") ?? "", /application\/json/, `${method} ${path}`);
      const body = await res.json();
      assert.equal(body.error.code, code, `${method} ${path}`);
      assert.equal(typeof body.error.message, "string");
      assert.doesNotMatch(JSON.stringify(body), /at .*\.ts:\d+|stack/i, "no internals");
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("an unexpected failure answers 500 with a request id and no internals, and is logged", async () => {
  const t = await makeTestDeps();
  const logged: unknown[] = [];
  t.deps.log = { ...t.deps.log, error: (msg, fields) => logged.push({ msg, fields }) };
  t.deps.store.users.findByEmail = () => Promise.reject(new Error("disk on fire at /secret/path"));
  const app = createApp(t.deps);
  try {
    const res = await call(app, "POST", "/api/auth/login", { body: { email: "a@b.co", password: "x" } });
    assert.equal(res.status, 500);
    const body = await res.json();
    assert.equal(body.error.code, "internal_error");
    assert.ok(body.error.message.includes(res.headers.get("x-request-id")!));
    assert.doesNotMatch(JSON.stringify(body), /disk on fire|secret/);
    assert.equal(logged.length, 1);
  } finally {
    await t.cleanup();
  }
});

Deno.test("GET /healthz and /readyz report the process and the database", async () => {
  const t = await makeTestDeps();
  const app = createApp(t.deps);
  try {
    assert.deepEqual(await (await app.request("/healthz")).json(), { ok: true });
    assert.deepEqual(await (await app.request("/readyz")).json(), { ok: true, database: "up" });
    await t.deps.store.close();
    const down = await app.request("/readyz");
    assert.equal(down.status, 503);
    assert.equal((await down.json()).error.code, "unavailable");
  } finally {
    await t.cleanup();
  }
});

Deno.test("GET /api/openapi.json documents every endpoint as OpenAPI 3.1", async () => {
  const t = await makeTestDeps();
  try {
    const doc = await (await createApp(t.deps).request("/api/openapi.json")).json();
    assert.equal(doc.openapi, "3.1.0");
    for (
      const path of [
        "/auth/register",
        "/auth/login",
        "/auth/profile",
        "/auth/logout",
        "/auth/password/forgot",
        "/auth/password/reset",
        "/users",
        "/users/{id}",
        "/users/invites",
      ]
    ) assert.ok(doc.paths[path], path);
    assert.ok(doc.paths["/auth/profile"].put.requestBody);
    assert.ok(doc.components.schemas.Error);
  } finally {
    await t.cleanup();
  }
});
