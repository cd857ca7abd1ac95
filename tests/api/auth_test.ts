import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { type ChatEvent, userTopic } from "../../models/ports/live_bus.ts";
import { call, makeTestDeps, readOutbox, sessionCookieOf, signUp } from "../helpers.ts";

async function setup(opts: Parameters<typeof makeTestDeps>[0] = {}) {
  const ctx = await makeTestDeps(opts);
  return { ...ctx, app: createApp(ctx.deps) };
}

Deno.test("POST /api/auth/register creates a workspace with its first user as admin and signs in", async () => {
  const t = await setup({ env: { BCRYPT_COST: "12" } });
  try {
    const res = await call(t.app, "POST", "/api/auth/register", {
      body: { name: "Ada Lovelace", email: "Ada@Example.com", password: "correct horse 1", company: "Acme Ltd" },
    });
    assert.equal(res.status, 201);
    assert.match(res.headers.get("content-type")!, /application\/json/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("fd_session="))!;
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.match(cookie, /Path=\//);
    const { user } = await res.json();
    assert.equal(user.role, "admin");
    assert.equal(user.company, "Acme Ltd");
    assert.equal(user.email, "Ada@Example.com");
    assert.equal(user.passwordHash, undefined);
    assert.equal(user.password, undefined);
    const stored = await t.deps.store.users.findByEmail("ada@example.com");
    assert.match(stored!.passwordHash, /^\$2[aby]\$12\$/, "bcrypt with cost 12");
    assert.equal((await t.deps.store.workspaces.get(user.workspaceId))?.name, "Acme Ltd");
    const profile = await call(t.app, "GET", "/api/auth/profile", { cookie: cookie.split(";")[0] });
    assert.equal(profile.status, 200);
    assert.equal((await profile.json()).user.id, user.id);
  } finally {
    await t.cleanup();
  }
});

Deno.test("POST /api/auth/register refuses a taken email in any case and names invalid fields", async () => {
  const t = await setup();
  try {
    await signUp(t.app, { email: "ada@example.com" });
    const dup = await call(t.app, "POST", "/api/auth/register", {
      body: { name: "Eve", email: "ADA@example.com", password: "another pass 2", company: "Evil" },
    });
    assert.equal(dup.status, 409);
    assert.equal((await dup.json()).error.code, "email_taken");
    const bad = await call(t.app, "POST", "/api/auth/register", {
      body: { name: "", email: "nope", password: "short" },
    });
    assert.equal(bad.status, 400);
    const { error } = await bad.json();
    assert.equal(error.code, "validation_failed");
    assert.deepEqual(Object.keys(error.details.fields).sort(), ["company", "email", "name", "password"]);
  } finally {
    await t.cleanup();
  }
});

Deno.test("POST /api/auth/login answers an unknown email and a wrong password identically", async () => {
  const t = await setup();
  try {
    await signUp(t.app, { email: "ada@example.com", password: "correct horse 1" });
    const unknown = await call(t.app, "POST", "/api/auth/login", { body: { email: "who@example.com", password: "x" } });
    const wrong = await call(t.app, "POST", "/api/auth/login", {
      body: { email: "ada@example.com", password: "wrong!" },
    });
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, 401);
    assert.deepEqual(await unknown.json(), await wrong.json());
    assert.equal(unknown.headers.getSetCookie().length, 0);
    const ok = await call(t.app, "POST", "/api/auth/login", {
      body: { email: "ADA@example.com", password: "correct horse 1" },
    });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).user.email, "ada@example.com");
  } finally {
    await t.cleanup();
  }
});

Deno.test("POST /api/auth/logout revokes every earlier token: a replayed one answers 401", async () => {
  const t = await setup();
  try {
    const { cookie } = await signUp(t.app, { email: "ada@example.com" });
    const second = sessionCookieOf(
      await call(t.app, "POST", "/api/auth/login", { body: { email: "ada@example.com", password: "correct horse 1" } }),
    );
    const out = await call(t.app, "POST", "/api/auth/logout", { cookie });
    assert.equal(out.status, 204);
    assert.match(out.headers.getSetCookie()[0], /fd_session=;/);
    for (const replay of [cookie, second]) {
      const res = await call(t.app, "GET", "/api/auth/profile", { cookie: replay });
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error.code, "invalid_session");
    }
    const bearer = await call(t.app, "GET", "/api/auth/profile", {
      headers: { authorization: `Bearer ${cookie.split("=")[1]}` },
    });
    assert.equal(bearer.status, 401);
  } finally {
    await t.cleanup();
  }
});

Deno.test("PUT /api/auth/profile changes name and company, and the password only with the current one", async () => {
  const t = await setup();
  try {
    const { cookie } = await signUp(t.app, { email: "ada@example.com", password: "correct horse 1" });
    const renamed = await call(t.app, "PUT", "/api/auth/profile", {
      cookie,
      body: { name: "Ada L.", company: "Acme 2" },
    });
    assert.equal(renamed.status, 200);
    assert.equal((await renamed.json()).user.name, "Ada L.");
    const noCurrent = await call(t.app, "PUT", "/api/auth/profile", {
      cookie,
      body: { newPassword: "brand new pass" },
    });
    assert.equal(noCurrent.status, 400);
    assert.ok((await noCurrent.json()).error.details.fields.currentPassword);
    const wrong = await call(t.app, "PUT", "/api/auth/profile", {
      cookie,
      body: { currentPassword: "nope nope", newPassword: "brand new pass" },
    });
    assert.equal(wrong.status, 400);
    assert.equal((await wrong.json()).error.code, "wrong_password");
    const changed = await call(t.app, "PUT", "/api/auth/profile", {
      cookie,
      body: { currentPassword: "correct horse 1", newPassword: "brand new pass" },
    });
    assert.equal(changed.status, 200);
    const fresh = sessionCookieOf(changed);
    assert.equal((await call(t.app, "GET", "/api/auth/profile", { cookie })).status, 401, "old token revoked");
    assert.equal((await call(t.app, "GET", "/api/auth/profile", { cookie: fresh })).status, 200, "new token works");
    const oldPw = await call(t.app, "POST", "/api/auth/login", {
      body: { email: "ada@example.com", password: "correct horse 1" },
    });
    assert.equal(oldPw.status, 401);
    const newPw = await call(t.app, "POST", "/api/auth/login", {
      body: { email: "ada@example.com", password: "brand new pass" },
    });
    assert.equal(newPw.status, 200);
  } finally {
    await t.cleanup();
  }
});

Deno.test("password reset: same answer for any email, single-use hashed token, revokes sessions", async () => {
  const t = await setup();
  try {
    const { cookie } = await signUp(t.app, { email: "ada@example.com" });
    const known = await call(t.app, "POST", "/api/auth/password/forgot", { body: { email: "ada@example.com" } });
    const unknown = await call(t.app, "POST", "/api/auth/password/forgot", { body: { email: "nobody@example.com" } });
    assert.equal(known.status, 202);
    assert.equal(unknown.status, 202);
    assert.deepEqual(await known.json(), await unknown.json());
    await new Promise((r) => setTimeout(r, 50));
    const mails = await readOutbox(t.dir);
    assert.equal(mails.length, 1);
    assert.equal(mails[0].to, "ada@example.com");
    const link = new URL(mails[0].links.find((l) => l.includes("/reset-password"))!);
    const token = link.searchParams.get("token")!;
    assert.ok(token.length >= 22, "at least 128 bits");
    const stored = await t.deps.store.tokens.listPending(
      (await t.deps.store.users.findByEmail("ada@example.com"))!.workspaceId,
      "reset",
      new Date(),
    );
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0].tokenHash, token, "stored hashed");
    const user = (await t.deps.store.users.findByEmail("ada@example.com"))!;
    const signals: ChatEvent[] = [];
    t.deps.bus.subscribe(userTopic(user.id), (e) => signals.push(e));
    const reset = await call(t.app, "POST", "/api/auth/password/reset", { body: { token, password: "after reset 9" } });
    assert.equal(reset.status, 200);
    assert.deepEqual(signals, [{
      type: "sessions.ended",
      userId: user.id,
      reason: "password_changed",
      tokenVersion: user.tokenVersion + 1,
    }], "open sockets are told at once");
    const again = await call(t.app, "POST", "/api/auth/password/reset", { body: { token, password: "second try 9" } });
    assert.equal(again.status, 400);
    assert.equal((await again.json()).error.code, "invalid_token");
    assert.equal((await call(t.app, "GET", "/api/auth/profile", { cookie })).status, 401, "sessions revoked");
    const login = await call(t.app, "POST", "/api/auth/login", {
      body: { email: "ada@example.com", password: "after reset 9" },
    });
    assert.equal(login.status, 200);
  } finally {
    await t.cleanup();
  }
});

Deno.test("a reset token expires after one hour", async () => {
  const clock = new ManualClock(Date.now());
  const t = await setup({ clock });
  try {
    await signUp(t.app, { email: "ada@example.com" });
    await call(t.app, "POST", "/api/auth/password/forgot", { body: { email: "ada@example.com" } });
    await new Promise((r) => setTimeout(r, 50));
    const token = new URL((await readOutbox(t.dir))[0].links[0]).searchParams.get("token")!;
    clock.advance(60 * 60 * 1000 + 1);
    const res = await call(t.app, "POST", "/api/auth/password/reset", { body: { token, password: "too late 123" } });
    assert.equal(res.status, 400);
  } finally {
    await t.cleanup();
  }
});

Deno.test("session tokens with alg none, a wrong key or past expiry answer 401", async () => {
  const clock = new ManualClock(Date.now());
  const t = await setup({ clock });
  try {
    const { cookie, user } = await signUp(t.app, { email: "ada@example.com" });
    const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: user.id, wid: user.workspaceId, ver: 0, iat: now, exp: now + 3600 };
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
    const [h, p] = cookie.split("=")[1].split(".");
    const wrongKey = `${h}.${p}.${"A".repeat(43)}`;
    const tampered = `${h}.${b64({ ...claims, ver: 0, sub: user.id, wid: user.workspaceId, exp: now + 99999 })}.${
      cookie.split(".")[2]
    }`;
    for (const token of [none, wrongKey, tampered, "garbage"]) {
      const res = await call(t.app, "GET", "/api/auth/profile", { cookie: `fd_session=${token}` });
      assert.equal(res.status, 401, token);
    }
    clock.advance(8 * 24 * 3600 * 1000);
    assert.equal((await call(t.app, "GET", "/api/auth/profile", { cookie })).status, 401, "expired");
  } finally {
    await t.cleanup();
  }
});

Deno.test("production cookies are Secure and __Host- prefixed", async () => {
  const t = await setup({
    env: {
      APP_ENV: "production",
      APP_URL: "https://desk.example.com",
      BCRYPT_COST: "12",
      FETCH_ALLOW_LOOPBACK: "false",
      ENCRYPTION_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(1))),
    },
  });
  try {
    const res = await call(t.app, "POST", "/api/auth/register", {
      origin: "https://desk.example.com",
      body: { name: "Ada", email: "ada@example.com", password: "correct horse 1", company: "Acme" },
    });
    assert.equal(res.status, 201);
    const cookie = res.headers.getSetCookie()[0];
    assert.match(cookie, /^__Host-fd_session=/);
    assert.match(cookie, /Secure/);
    assert.match(cookie, /Path=\//);
    assert.doesNotMatch(cookie, /Domain=/i);
    assert.ok(res.headers.get("strict-transport-security"));
  } finally {
    await t.cleanup();
  }
});
