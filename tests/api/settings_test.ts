import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { startOpenAiFake } from "../fakes/openai_fake.ts";
import { addMember, call, makeTestDeps, signUp } from "../helpers.ts";

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test" });
  const b = await signUp(app, { email: "admin@b.test" });
  return { ...ctx, app, a, b };
}

Deno.test("provider keys are sealed at rest and only a hint is ever returned", async () => {
  const t = await setup();
  try {
    const key = "sk-live-SECRET-0123456789abcdef";
    const res = await call(t.app, "PUT", "/api/settings/providers/openai", {
      cookie: t.a.cookie,
      body: { apiKey: key, defaultModel: "gpt-4o-mini" },
    });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.doesNotMatch(text, /SECRET/);
    assert.equal(JSON.parse(text).provider.keyHint, "sk-…cdef");
    const list = await (await call(t.app, "GET", "/api/settings/providers", { cookie: t.a.cookie })).text();
    assert.doesNotMatch(list, /SECRET/);
    const providers = JSON.parse(list).providers;
    assert.deepEqual(providers.map((p: { provider: string; configured: boolean }) => [p.provider, p.configured]), [
      ["lyzr", false],
      ["openai", true],
      ["anthropic", false],
    ]);
    const dump = JSON.stringify(await t.stored("provider_credentials"));
    assert.doesNotMatch(dump, /SECRET/, "the database holds no plain key");
    const other = await (await call(t.app, "GET", "/api/settings/providers", { cookie: t.b.cookie })).json();
    assert.ok(other.providers.every((p: { configured: boolean }) => !p.configured), "other workspace sees nothing");
    const update = await call(t.app, "PUT", "/api/settings/providers/openai", {
      cookie: t.a.cookie,
      body: { defaultModel: "gpt-4.1" },
    });
    assert.equal((await update.json()).provider.keyHint, "sk-…cdef", "the key is kept when not replaced");
  } finally {
    await t.cleanup();
  }
});

Deno.test("provider settings validate input and refuse private base URLs", async () => {
  const t = await setup();
  try {
    const first = await call(t.app, "PUT", "/api/settings/providers/anthropic", { cookie: t.a.cookie, body: {} });
    assert.equal(first.status, 400, "the key is required the first time");
    const unknown = await call(t.app, "PUT", "/api/settings/providers/skynet", {
      cookie: t.a.cookie,
      body: { apiKey: "12345678" },
    });
    assert.equal(unknown.status, 400);
    for (const baseUrl of ["http://169.254.169.254/v1", "http://10.1.2.3/v1", "file:///etc/passwd"]) {
      const res = await call(t.app, "PUT", "/api/settings/providers/openai", {
        cookie: t.a.cookie,
        body: { apiKey: "sk-1234567890", baseUrl },
      });
      assert.equal(res.status, 400, baseUrl);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("test connection reports success and a refused key without saving", async () => {
  const fake = startOpenAiFake();
  const t = await setup();
  try {
    const ok = await call(t.app, "POST", "/api/settings/providers/openai/test", {
      cookie: t.a.cookie,
      body: { apiKey: "sk-test-openai", baseUrl: fake.url },
    });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).ok, true);
    const bad = await call(t.app, "POST", "/api/settings/providers/openai/test", {
      cookie: t.a.cookie,
      body: { apiKey: "sk-wrong-key-000", baseUrl: fake.url },
    });
    const result = await bad.json();
    assert.equal(result.ok, false);
    assert.match(result.detail, /refused the API key/);
    assert.equal(await t.deps.store.credentials.get(t.a.user.workspaceId, "openai"), null);
  } finally {
    await t.cleanup();
    await fake.close();
  }
});

Deno.test("provider settings are for admins only", async () => {
  const t = await setup();
  try {
    const m = await addMember(t.app, t.dir, t.a.cookie, "m@a.test");
    const calls: Array<[string, string, unknown?]> = [
      ["GET", "/api/settings/providers"],
      ["PUT", "/api/settings/providers/openai", { apiKey: "sk-1234567890" }],
      ["DELETE", "/api/settings/providers/openai"],
      ["POST", "/api/settings/providers/openai/test", {}],
    ];
    for (const [method, path, body] of calls) {
      assert.equal((await call(t.app, method, path, { cookie: m.cookie, body })).status, 403, `${method} ${path}`);
      assert.equal((await call(t.app, method, path, { body })).status, 401, `anonymous ${method} ${path}`);
    }
    assert.equal((await call(t.app, "DELETE", "/api/settings/providers/openai", { cookie: t.a.cookie })).status, 404);
  } finally {
    await t.cleanup();
  }
});
