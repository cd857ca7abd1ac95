import assert from "node:assert/strict";
import { userTopic } from "../../models/ports/live_bus.ts";
import type { ServerFrame } from "../../realtime/protocol.ts";
import { addMember, call, makeTestDeps, sessionCookieOf, signUp, startServer } from "../helpers.ts";
import { connect, type TestSocket } from "./ws_client.ts";

/** Far less than the sockets' 15 s periodic re-check: a close within it is the signal's doing. */
const AT_ONCE_MS = 1500;

async function setup() {
  const ctx = await makeTestDeps();
  const server = await startServer(ctx.deps);
  const origin = server.url;
  const http = {
    request: (p: string, i: RequestInit) =>
      fetch(server.url + p, { ...i, headers: { ...i.headers as Record<string, string>, origin } }),
  };
  const admin = await signUp(http, { email: "admin@a.test" });
  const member = await addMember(http, ctx.dir, admin.cookie, "m@a.test");
  const staff = async (cookie: string) => {
    const ws = await connect(`${server.url}/api/realtime`, { cookie, origin });
    ws.send({ type: "hello" });
    await ws.next((f): f is ServerFrame => f.type === "welcome");
    return ws;
  };
  const sockets: TestSocket[] = [];
  return {
    ...ctx,
    http,
    admin,
    member,
    async staff(cookie: string) {
      const ws = await staff(cookie);
      sockets.push(ws);
      return ws;
    },
    async close() {
      await Promise.all(sockets.map((s) => s.close()));
      await server.close();
      await ctx.cleanup();
    },
  };
}

/** How the socket closed, or "still open" when it did not within `ms`. */
function closedWithin(ws: TestSocket, ms = AT_ONCE_MS) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    ws.closed,
    new Promise<"still open">((r) => timer = setTimeout(() => r("still open"), ms)),
  ]).finally(() => clearTimeout(timer));
}

/** True when the socket answers a ping. */
async function answers(ws: TestSocket): Promise<boolean> {
  const before = ws.frames.filter((f) => f.type === "pong").length;
  ws.send({ type: "ping" });
  try {
    await ws.waitFor(() => ws.frames.filter((f) => f.type === "pong").length > before, 1000);
    return true;
  } catch {
    return false;
  }
}

const endedBy = (ws: TestSocket) =>
  ws.frames.find((f) => f.type === "error" && f.code === "unauthorized") as
    | Extract<ServerFrame, { type: "error" }>
    | undefined;

Deno.test("removing a member closes their open staff sockets at once, saying why", async () => {
  const t = await setup();
  try {
    const ws = await t.staff(t.member.cookie);
    const adminWs = await t.staff(t.admin.cookie);
    const res = await call(t.http, "DELETE", `/api/users/${t.member.id}`, { cookie: t.admin.cookie });
    assert.equal(res.status, 204);
    assert.deepEqual(await closedWithin(ws), { code: 4401, reason: "account removed" });
    assert.equal(endedBy(ws)?.message, "You were removed from this workspace.");
    assert.ok(await answers(adminWs), "the admin's socket stays open");
  } finally {
    await t.close();
  }
});

Deno.test("logging out closes every socket of that user at once, and only theirs", async () => {
  const t = await setup();
  try {
    const tab1 = await t.staff(t.member.cookie);
    const tab2 = await t.staff(t.member.cookie);
    const adminWs = await t.staff(t.admin.cookie);
    const res = await call(t.http, "POST", "/api/auth/logout", { cookie: t.member.cookie });
    assert.ok(res.ok, String(res.status));
    assert.deepEqual(await closedWithin(tab1), { code: 4401, reason: "signed out" });
    assert.deepEqual(await closedWithin(tab2), { code: 4401, reason: "signed out" });
    assert.ok(await answers(adminWs), "another user's socket stays open");
  } finally {
    await t.close();
  }
});

Deno.test("changing the password closes the sockets of earlier sessions at once; the new session connects", async () => {
  const t = await setup();
  try {
    const old = await t.staff(t.member.cookie);
    const res = await call(t.http, "PUT", "/api/auth/profile", {
      cookie: t.member.cookie,
      body: { currentPassword: "member pass 1", newPassword: "a new member pass 2" },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await closedWithin(old), { code: 4401, reason: "password changed" });
    const fresh = await t.staff(sessionCookieOf(res));
    assert.equal(await closedWithin(fresh, 200), "still open");
    assert.ok(await answers(fresh));
  } finally {
    await t.close();
  }
});

Deno.test("the live bus signal alone closes the sockets (as another instance's would arrive), newer tokens stay", async () => {
  const t = await setup();
  try {
    const ws = await t.staff(t.member.cookie);
    const user = (await t.deps.store.users.get(t.admin.user.workspaceId, t.member.id))!;
    // A signal about the version this socket holds (or an older one) is not about it.
    t.deps.bus.publish(userTopic(user.id), {
      type: "sessions.ended",
      userId: user.id,
      reason: "signed_out",
      tokenVersion: user.tokenVersion,
    });
    assert.ok(await answers(ws), "a session at the signalled version stays");
    t.deps.bus.publish(userTopic(user.id), {
      type: "sessions.ended",
      userId: user.id,
      reason: "signed_out",
      tokenVersion: user.tokenVersion + 1,
    });
    assert.deepEqual(await closedWithin(ws), { code: 4401, reason: "signed out" });
  } finally {
    await t.close();
  }
});
