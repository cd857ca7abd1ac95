import assert from "node:assert/strict";
import { createApp } from "../app.ts";
import { call, makeTestDeps, readOutbox, sessionCookieOf, signUp } from "../tests/helpers.ts";

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const admin = await signUp(app, { email: "owner@pages.test", name: "Olive Owner", company: "Pages & Co" });
  return { ...ctx, app, admin };
}

const get = (app: Parameters<typeof call>[0], path: string, cookie?: string) => call(app, "GET", path, { cookie });

Deno.test("signed-out visitors of dashboard pages are sent to /login with the way back", async () => {
  const t = await setup();
  try {
    for (
      const [path, to] of [["/", "/login"], ["/team", "/login?next=%2Fteam"], [
        "/inbox?x=1",
        "/login?next=%2Finbox%3Fx%3D1",
      ]]
    ) {
      const res = await get(t.app, path);
      assert.equal(res.status, 302, path);
      assert.equal(res.headers.get("location"), to);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("every page, public or signed in, has one meta description", async () => {
  const t = await setup();
  try {
    for (const [path, cookie] of [["/login"], ["/signup"], ["/forgot-password"], ["/", t.admin.cookie]]) {
      const res = await get(t.app, path, cookie);
      assert.equal(res.status, 200, path);
      const metas = (await res.text()).match(/<meta name="description" content="[^"]{50,}"\/>/g) ?? [];
      assert.equal(metas.length, 1, `${path}: ${metas.join(" ")}`);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("GET /login renders the form island with a safe next, its bundle and no inline script", async () => {
  const t = await setup();
  try {
    const res = await get(t.app, "/login?next=//evil.example/x");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/html/);
    const html = await res.text();
    assert.ok(html.startsWith("<!doctype html>"));
    assert.match(html, /<title>Sign in · Frontdesk<\/title>/);
    assert.match(html, /data-island-props="LoginForm">\{"next":"\/"\}<\/script>/);
    assert.match(html, /<script type="module" src="\/static\/build\/islands\/LoginForm-[A-Z2-7]{8}\.js"><\/script>/);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.ok(scripts.every((s) => /type="application\/json"|src="\/static\//.test(s)), scripts.join("\n"));
    assert.ok(!/ on[a-z]+=/i.test(html), "no inline event handlers");
    const withNext = await (await get(t.app, "/login?next=%2Fteam")).text();
    assert.match(withNext, /\{"next":"\/team"\}/);
  } finally {
    await t.cleanup();
  }
});

Deno.test("signed-in users are sent from /login and /signup to the dashboard, which greets them", async () => {
  const t = await setup();
  try {
    for (const path of ["/login", "/signup"]) {
      const res = await get(t.app, path, t.admin.cookie);
      assert.equal(res.status, 302);
      assert.equal(res.headers.get("location"), "/");
    }
    const home = await get(t.app, "/", t.admin.cookie);
    assert.equal(home.status, 200);
    assert.equal(home.headers.get("cache-control"), "no-store");
    const html = await home.text();
    assert.match(html, /Welcome, Olive/);
    assert.match(html, /Pages &amp; Co/);
    for (const page of ["/agents", "/inbox", "/analytics", "/settings", "/profile", "/team"]) {
      assert.equal((await get(t.app, page, t.admin.cookie)).status, 200, page);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("GET /team answers 403 with a friendly page to members who are not admins", async () => {
  const t = await setup();
  try {
    const inv = await call(t.app, "POST", "/api/users/invites", {
      cookie: t.admin.cookie,
      body: { email: "m@pages.test" },
    });
    assert.equal(inv.status, 201);
    await new Promise((r) => setTimeout(r, 20));
    const link = (await readOutbox(t.dir)).at(-1)!.links.find((l) => l.includes("/invite?token="))!;
    const token = new URL(link).searchParams.get("token")!;
    const page = await get(t.app, `/invite?token=${encodeURIComponent(token)}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Join Pages &amp; Co on Frontdesk/);
    const accepted = await call(t.app, "POST", "/api/auth/invite/accept", {
      body: { token, name: "Mo", password: "member pass 1" },
    });
    const res = await get(t.app, "/team", sessionCookieOf(accepted));
    assert.equal(res.status, 403);
    const html = await res.text();
    assert.match(html, /You don't have access to this page/);
    assert.ok(!html.includes('href="/team"'), "members get no Team link");
  } finally {
    await t.cleanup();
  }
});

Deno.test("unknown pages, bad invite links and reset links without a token get error pages, not 500s", async () => {
  const t = await setup();
  try {
    const missing = await get(t.app, "/definitely-not-here");
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /Page not found/);
    assert.equal((await get(t.app, `/invite?token=${"z".repeat(40)}`)).status, 400);
    assert.equal((await get(t.app, "/invite")).status, 400);
    assert.equal((await get(t.app, "/reset-password")).status, 400);
    assert.equal((await get(t.app, `/reset-password?token=${"z".repeat(40)}`)).status, 200);
  } finally {
    await t.cleanup();
  }
});
