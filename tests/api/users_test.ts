import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { INVITE_LIMITS } from "../../models/accounts/team.ts";
import { call, makeTestDeps, readOutbox, sessionCookieOf, signUp } from "../helpers.ts";

async function setup(opts: Parameters<typeof makeTestDeps>[0] = {}) {
  const ctx = await makeTestDeps(opts);
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test", company: "A Corp" });
  const b = await signUp(app, { email: "admin@b.test", company: "B Corp" });
  return { ...ctx, app, a, b };
}

/** Invites `email` into the workspace of `admin` and accepts; returns the member's cookie and id. */
async function addMember(t: Awaited<ReturnType<typeof setup>>, adminCookie: string, email: string, role = "user") {
  const inv = await call(t.app, "POST", "/api/users/invites", { cookie: adminCookie, body: { email, role } });
  assert.equal(inv.status, 201, await inv.clone().text());
  await new Promise((r) => setTimeout(r, 20));
  const mail = (await readOutbox(t.dir)).filter((m) => m.to === email).at(-1)!;
  const token = new URL(mail.links.find((l) => l.includes("/invite"))!).searchParams.get("token")!;
  const res = await call(t.app, "POST", "/api/auth/invite/accept", {
    body: { token, name: "Member", password: "member pass 1" },
  });
  assert.equal(res.status, 201);
  return { cookie: sessionCookieOf(res), id: (await res.json()).user.id as string, token };
}

Deno.test("admins invite teammates by email; the link works once and grants the chosen role", async () => {
  const t = await setup();
  try {
    const inv = await call(t.app, "POST", "/api/users/invites", {
      cookie: t.a.cookie,
      body: { email: "sam@a.test", role: "admin" },
    });
    assert.equal(inv.status, 201);
    const { invite } = await inv.json();
    assert.equal(invite.role, "admin");
    assert.equal(invite.tokenHash, undefined);
    const listed = await (await call(t.app, "GET", "/api/users/invites", { cookie: t.a.cookie })).json();
    assert.deepEqual(listed.invites.map((i: { id: string }) => i.id), [invite.id]);
    await new Promise((r) => setTimeout(r, 20));
    const mail = (await readOutbox(t.dir)).at(-1)!;
    assert.equal(mail.to, "sam@a.test");
    const token = new URL(mail.links[0]).searchParams.get("token")!;
    const preview = await call(t.app, "POST", "/api/auth/invite/preview", { body: { token } });
    assert.deepEqual((await preview.json()).invite, { email: "sam@a.test", role: "admin", workspace: "A Corp" });
    const accepted = await call(t.app, "POST", "/api/auth/invite/accept", {
      body: { token, name: "Sam", password: "sam pass 123" },
    });
    assert.equal(accepted.status, 201);
    const { user } = await accepted.json();
    assert.equal(user.role, "admin");
    assert.equal(user.workspaceId, t.a.user.workspaceId);
    const reuse = await call(t.app, "POST", "/api/auth/invite/accept", {
      body: { token, name: "Eve", password: "eve pass 123" },
    });
    assert.equal(reuse.status, 400);
    const after = await (await call(t.app, "GET", "/api/users/invites", { cookie: t.a.cookie })).json();
    assert.deepEqual(after.invites, []);
  } finally {
    await t.cleanup();
  }
});

Deno.test("an invite expires after 7 days and can be withdrawn", async () => {
  const clock = new ManualClock(Date.now());
  const t = await setup({ clock, env: { SESSION_TTL_HOURS: "720" } });
  try {
    const inv = await call(t.app, "POST", "/api/users/invites", { cookie: t.a.cookie, body: { email: "late@a.test" } });
    const { invite } = await inv.json();
    await new Promise((r) => setTimeout(r, 20));
    const token = new URL((await readOutbox(t.dir)).at(-1)!.links[0]).searchParams.get("token")!;
    clock.advance(7 * 24 * 3600 * 1000 + 1000);
    const late = await call(t.app, "POST", "/api/auth/invite/accept", {
      body: { token, name: "Late", password: "late pass 1" },
    });
    assert.equal(late.status, 400);
    const other = await call(t.app, "POST", "/api/users/invites", { cookie: t.a.cookie, body: { email: "w@a.test" } });
    const id = (await other.json()).invite.id;
    assert.equal((await call(t.app, "DELETE", `/api/users/invites/${id}`, { cookie: t.b.cookie })).status, 404);
    assert.equal((await call(t.app, "DELETE", `/api/users/invites/${id}`, { cookie: t.a.cookie })).status, 204);
    assert.equal((await call(t.app, "DELETE", `/api/users/invites/${invite.id}`, { cookie: t.a.cookie })).status, 204);
    assert.equal((await call(t.app, "DELETE", `/api/users/invites/${invite.id}`, { cookie: t.a.cookie })).status, 404);
  } finally {
    await t.cleanup();
  }
});

Deno.test("GET /api/users lists only the admin's own workspace", async () => {
  const t = await setup();
  try {
    await addMember(t, t.a.cookie, "m@a.test");
    const res = await call(t.app, "GET", "/api/users", { cookie: t.a.cookie });
    assert.equal(res.status, 200);
    const { users } = await res.json();
    assert.deepEqual(users.map((u: { email: string }) => u.email), ["admin@a.test", "m@a.test"]);
    assert.ok(users.every((u: Record<string, unknown>) => !("passwordHash" in u)));
  } finally {
    await t.cleanup();
  }
});

Deno.test("every /api/users endpoint answers another workspace's ids with 404", async () => {
  const t = await setup();
  try {
    const bMember = await addMember(t, t.b.cookie, "m@b.test");
    for (const id of [bMember.id, t.b.user.id]) {
      assert.equal((await call(t.app, "GET", `/api/users/${id}`, { cookie: t.a.cookie })).status, 404);
      assert.equal(
        (await call(t.app, "PUT", `/api/users/${id}`, { cookie: t.a.cookie, body: { role: "admin" } })).status,
        404,
      );
      assert.equal((await call(t.app, "DELETE", `/api/users/${id}`, { cookie: t.a.cookie })).status, 404);
    }
    const still = await call(t.app, "GET", `/api/users/${bMember.id}`, { cookie: t.b.cookie });
    assert.equal((await still.json()).user.role, "user", "nothing changed in workspace B");
  } finally {
    await t.cleanup();
  }
});

Deno.test("every /api/users endpoint refuses role user with 403", async () => {
  const t = await setup();
  try {
    const m = await addMember(t, t.a.cookie, "m@a.test");
    const calls: Array<[string, string, unknown?]> = [
      ["GET", "/api/users"],
      ["GET", `/api/users/${t.a.user.id}`],
      ["PUT", `/api/users/${m.id}`, { role: "admin" }],
      ["DELETE", `/api/users/${t.a.user.id}`],
      ["GET", "/api/users/invites"],
      ["POST", "/api/users/invites", { email: "x@a.test" }],
      ["DELETE", `/api/users/invites/${t.a.user.id}`],
    ];
    for (const [method, path, body] of calls) {
      const res = await call(t.app, method, path, { cookie: m.cookie, body });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal((await res.json()).error.code, "admin_only");
    }
    assert.equal((await t.deps.store.users.get(t.a.user.workspaceId, m.id))?.role, "user");
    for (const [method, path] of calls) {
      assert.equal((await call(t.app, method, path)).status, 401, `anonymous ${method} ${path}`);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("PUT and DELETE /api/users/:id never remove the last admin", async () => {
  const t = await setup();
  try {
    const demote = await call(t.app, "PUT", `/api/users/${t.a.user.id}`, {
      cookie: t.a.cookie,
      body: { role: "user" },
    });
    assert.equal(demote.status, 409);
    assert.equal((await demote.json()).error.code, "last_admin");
    const del = await call(t.app, "DELETE", `/api/users/${t.a.user.id}`, { cookie: t.a.cookie });
    assert.equal(del.status, 409);
    const m = await addMember(t, t.a.cookie, "m@a.test");
    const promote = await call(t.app, "PUT", `/api/users/${m.id}`, {
      cookie: t.a.cookie,
      body: { role: "admin", name: "Promoted", workspaceId: t.b.user.workspaceId },
    });
    assert.equal(promote.status, 200);
    const { user } = await promote.json();
    assert.equal(user.role, "admin");
    assert.equal(user.workspaceId, t.a.user.workspaceId, "tenant fields in bodies are ignored");
    assert.equal(
      (await call(t.app, "PUT", `/api/users/${t.a.user.id}`, { cookie: t.a.cookie, body: { role: "user" } })).status,
      200,
    );
  } finally {
    await t.cleanup();
  }
});

Deno.test("a removed member's session stops working at once", async () => {
  const t = await setup();
  try {
    const m = await addMember(t, t.a.cookie, "m@a.test");
    assert.equal((await call(t.app, "GET", "/api/auth/profile", { cookie: m.cookie })).status, 200);
    assert.equal((await call(t.app, "DELETE", `/api/users/${m.id}`, { cookie: t.a.cookie })).status, 204);
    assert.equal((await call(t.app, "GET", "/api/auth/profile", { cookie: m.cookie })).status, 401);
    assert.equal((await call(t.app, "GET", `/api/users/${m.id}`, { cookie: t.a.cookie })).status, 404);
  } finally {
    await t.cleanup();
  }
});

Deno.test("an invite answers the same whether or not the address has an account in another workspace", async () => {
  const t = await setup();
  try {
    const invite = (email: string) =>
      call(t.app, "POST", "/api/users/invites", { cookie: t.a.cookie, body: { email, role: "user" } });
    const taken = await invite("admin@b.test"); // B's admin: an account in another workspace
    const free = await invite("nobody@c.test");
    assert.equal(taken.status, 201);
    assert.equal(free.status, 201);
    assert.equal(taken.headers.get("content-type"), free.headers.get("content-type"));
    const shape = (b: { invite: Record<string, unknown> }) => Object.keys(b.invite).sort();
    assert.deepEqual(shape(await taken.json()), shape(await free.json()));
    const listed = await (await call(t.app, "GET", "/api/users/invites", { cookie: t.a.cookie })).json();
    assert.deepEqual(listed.invites.map((i: { email: string }) => i.email).sort(), ["admin@b.test", "nobody@c.test"]);
    // Someone already in the admin's own workspace: saying so tells the admin nothing their team list doesn't.
    const member = await invite("admin@a.test");
    assert.equal(member.status, 409);
    assert.equal((await member.json()).error.code, "already_member");
  } finally {
    await t.cleanup();
  }
});

Deno.test("accepting an invite for an address with an account elsewhere is refused clearly and takes nothing over", async () => {
  const t = await setup();
  try {
    const before = (await t.deps.store.users.findByEmail("admin@b.test"))!;
    const inv = await call(t.app, "POST", "/api/users/invites", {
      cookie: t.a.cookie,
      body: { email: "admin@b.test", role: "admin" },
    });
    assert.equal(inv.status, 201);
    await new Promise((r) => setTimeout(r, 20));
    const mail = (await readOutbox(t.dir)).filter((m) => m.to === "admin@b.test" && /invite/i.test(m.subject)).at(-1)!;
    const token = new URL(mail.links.find((l) => l.includes("/invite"))!).searchParams.get("token")!;
    const res = await call(t.app, "POST", "/api/auth/invite/accept", {
      body: { token, name: "Intruder", password: "intruder pass 1" },
    });
    assert.equal(res.status, 409);
    assert.equal(res.headers.get("set-cookie"), null, "no session");
    const body = await res.json();
    assert.equal(body.error.code, "email_taken");
    assert.match(body.error.message, /already has a Frontdesk account/);
    const after = (await t.deps.store.users.findByEmail("admin@b.test"))!;
    assert.deepEqual(after, before, "the existing account is untouched: same workspace, role, password, sessions");
    const login = await call(t.app, "POST", "/api/auth/login", {
      body: { email: "admin@b.test", password: "intruder pass 1" },
    });
    assert.equal(login.status, 401, "the invite's password opens nothing");
    const pending = await (await call(t.app, "GET", "/api/users/invites", { cookie: t.a.cookie })).json();
    assert.deepEqual(
      pending.invites.map((i: { email: string }) => i.email),
      ["admin@b.test"],
      "the inviter sees no change",
    );
  } finally {
    await t.cleanup();
  }
});

Deno.test("invites are rate-limited per admin: 429 with Retry-After", async () => {
  const t = await setup();
  try {
    for (let i = 0; i < INVITE_LIMITS.perAdmin.limit; i++) {
      const res = await call(t.app, "POST", "/api/users/invites", {
        cookie: t.a.cookie,
        body: { email: `probe${i}@c.test` },
      });
      assert.equal(res.status, 201);
    }
    const over = await call(t.app, "POST", "/api/users/invites", { cookie: t.a.cookie, body: { email: "x@c.test" } });
    assert.equal(over.status, 429);
    assert.match(over.headers.get("content-type") ?? "", /json/);
    assert.ok(Number(over.headers.get("retry-after")) >= 1);
    assert.equal((await over.json()).error.code, "rate_limited");
    const otherWorkspace = await call(t.app, "POST", "/api/users/invites", {
      cookie: t.b.cookie,
      body: { email: "x@c.test" },
    });
    assert.equal(otherWorkspace.status, 201, "another workspace's admin is not held up");
  } finally {
    await t.cleanup();
  }
});

Deno.test("invites are rate-limited per workspace, whichever admin sends them", async () => {
  const t = await setup();
  try {
    const admins = [t.a.cookie];
    for (let i = 0; i < 2; i++) admins.push((await addMember(t, t.a.cookie, `admin${i}@a.test`, "admin")).cookie);
    let sent = 2;
    let status = 201;
    for (let i = 0; status === 201 && i < 200; i++) {
      const res = await call(t.app, "POST", "/api/users/invites", {
        cookie: admins[i % admins.length],
        body: { email: `probe${i}@c.test` },
      });
      status = res.status;
      if (status === 201) sent++;
    }
    assert.equal(status, 429);
    assert.equal(sent, INVITE_LIMITS.perWorkspace.limit);
  } finally {
    await t.cleanup();
  }
});
