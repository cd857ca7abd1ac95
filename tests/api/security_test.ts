import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { call, makeTestDeps, signUp } from "../helpers.ts";

async function setup(env: Record<string, string> = {}) {
  const ctx = await makeTestDeps({ env });
  return { ...ctx, app: createApp(ctx.deps) };
}

const wrong = (email: string) => ({ body: { email, password: "wrong password" } });

Deno.test("failed logins are limited per account, whatever the client address", async () => {
  const t = await setup();
  try {
    await signUp(t.app, { email: "ada@example.com" });
    for (let i = 0; i < 5; i++) {
      const res = await call(t.app, "POST", "/api/auth/login", { ...wrong("ada@example.com"), ip: `192.0.2.${i + 1}` });
      assert.equal(res.status, 401);
    }
    const limited = await call(t.app, "POST", "/api/auth/login", {
      body: { email: "ada@example.com", password: "correct horse 1" },
      ip: "192.0.2.99",
    });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("retry-after")) > 0);
    assert.equal((await limited.json()).error.code, "rate_limited");
  } finally {
    await t.cleanup();
  }
});

Deno.test("failed logins are limited per address, and a spoofed X-Forwarded-For does not reset the count", async () => {
  const t = await setup();
  try {
    for (let i = 0; i < 20; i++) {
      const res = await call(t.app, "POST", "/api/auth/login", {
        ...wrong(`user${i}@example.com`),
        headers: { "x-forwarded-for": `10.0.0.${i}` },
        ip: "192.0.2.50",
      });
      assert.equal(res.status, 401);
    }
    const res = await call(t.app, "POST", "/api/auth/login", {
      ...wrong("fresh@example.com"),
      headers: { "x-forwarded-for": "10.9.9.9" },
      ip: "192.0.2.50",
    });
    assert.equal(res.status, 429);
    assert.ok(res.headers.get("retry-after"));
    const other = await call(t.app, "POST", "/api/auth/login", { ...wrong("fresh@example.com"), ip: "192.0.2.51" });
    assert.equal(other.status, 401, "another real address is not limited");
  } finally {
    await t.cleanup();
  }
});

Deno.test("with TRUST_PROXY the proxy-appended X-Forwarded-For entry is the client address", async () => {
  const t = await setup({ TRUST_PROXY: "1" });
  try {
    for (let i = 0; i < 20; i++) {
      await call(t.app, "POST", "/api/auth/login", {
        ...wrong(`user${i}@example.com`),
        headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.20" },
        ip: "10.0.0.1",
      });
    }
    const spoofed = await call(t.app, "POST", "/api/auth/login", {
      ...wrong("x@example.com"),
      headers: { "x-forwarded-for": "1.2.3.4, 198.51.100.20" },
      ip: "10.0.0.1",
    });
    assert.equal(spoofed.status, 429, "a client-chosen leftmost entry changes nothing");
    const otherClient = await call(t.app, "POST", "/api/auth/login", {
      ...wrong("x@example.com"),
      headers: { "x-forwarded-for": "198.51.100.21" },
      ip: "10.0.0.1",
    });
    assert.equal(otherClient.status, 401);
  } finally {
    await t.cleanup();
  }
});

Deno.test("registration and reset requests are limited per address", async () => {
  const t = await setup();
  try {
    for (let i = 0; i < 5; i++) await signUp(t.app, { email: `u${i}@example.com` }, "192.0.2.77");
    const sixth = await call(t.app, "POST", "/api/auth/register", {
      ip: "192.0.2.77",
      body: { name: "U", email: "u6@example.com", password: "correct horse 1", company: "C" },
    });
    assert.equal(sixth.status, 429);
    assert.ok(sixth.headers.get("retry-after"));
    for (let i = 0; i < 5; i++) {
      const res = await call(t.app, "POST", "/api/auth/password/forgot", {
        ip: "192.0.2.78",
        body: { email: `n${i}@x.test` },
      });
      assert.equal(res.status, 202);
    }
    const limited = await call(t.app, "POST", "/api/auth/password/forgot", {
      ip: "192.0.2.78",
      body: { email: "z@x.test" },
    });
    assert.equal(limited.status, 429);
  } finally {
    await t.cleanup();
  }
});

Deno.test("cookie-authenticated writes from a foreign Origin are refused with 403", async () => {
  const t = await setup();
  try {
    const { cookie } = await signUp(t.app, { email: "ada@example.com" });
    const evil = await call(t.app, "PUT", "/api/auth/profile", {
      cookie,
      origin: "https://evil.example",
      body: { name: "pwned" },
    });
    assert.equal(evil.status, 403);
    assert.equal((await evil.json()).error.code, "bad_origin");
    const noOrigin = await call(t.app, "POST", "/api/auth/logout", { cookie, origin: null });
    assert.equal(noOrigin.status, 403, "no Origin and no Referer");
    const evilReferer = await call(t.app, "POST", "/api/auth/logout", {
      cookie,
      origin: null,
      headers: { referer: "https://evil.example/page" },
    });
    assert.equal(evilReferer.status, 403);
    const nullOrigin = await call(t.app, "POST", "/api/auth/logout", { cookie, origin: "null" });
    assert.equal(nullOrigin.status, 403);
    const profile = await call(t.app, "GET", "/api/auth/profile", { cookie, origin: "https://evil.example" });
    assert.equal(profile.status, 200, "reads are not writes");
    assert.equal((await profile.json()).user.name, "Ada", "nothing was changed");
    const ownReferer = await call(t.app, "PUT", "/api/auth/profile", {
      cookie,
      origin: null,
      headers: { referer: "http://localhost/profile" },
      body: { name: "Ada B" },
    });
    assert.equal(ownReferer.status, 200);
    const loginCsrf = await call(t.app, "POST", "/api/auth/login", {
      origin: "https://evil.example",
      body: { email: "ada@example.com", password: "correct horse 1" },
    });
    assert.equal(loginCsrf.status, 403);
  } finally {
    await t.cleanup();
  }
});

Deno.test("every response carries the security headers", async () => {
  const t = await setup();
  try {
    for (const path of ["/api/auth/profile", "/login", "/healthz", "/api/nope"]) {
      const res = await call(t.app, "GET", path);
      const csp = res.headers.get("content-security-policy") ?? "";
      const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
      assert.match(scriptSrc, /'self'/, path);
      assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
      assert.equal(res.headers.get("referrer-policy"), "strict-origin-when-cross-origin", path);
      assert.ok(res.headers.get("x-request-id"), path);
      await res.body?.cancel();
    }
  } finally {
    await t.cleanup();
  }
});
