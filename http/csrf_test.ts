import assert from "node:assert/strict";
import { plainDeps, tinyApp } from "../tests/fakes/http_kit.ts";
import { csrfGuard } from "./csrf.ts";

function app() {
  const app = tinyApp(plainDeps());
  app.use("/api/*", csrfGuard);
  app.all("/api/*", (c) => c.json({ ok: true }));
  return app;
}

const cookie = "fd_session=t";

Deno.test("a cookie-carrying write from another origin answers 403 bad_origin", async () => {
  const res = await app().request("/api/agents", {
    method: "POST",
    headers: { cookie, origin: "https://evil.example" },
  });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).error.code, "bad_origin");
});

Deno.test("a cookie-carrying write with neither Origin nor Referer is refused too", async () => {
  assert.equal((await app().request("/api/agents", { method: "POST", headers: { cookie } })).status, 403);
});

Deno.test("a cookie-carrying write from the app's own origin (or Referer) passes", async () => {
  const own: Record<string, string>[] = [{ cookie, origin: "http://localhost" }, {
    cookie,
    referer: "http://localhost/inbox",
  }];
  for (const headers of own) {
    assert.equal((await app().request("/api/agents", { method: "POST", headers })).status, 200);
  }
});

Deno.test("reads are never refused, and header-authenticated writes are not at risk", async () => {
  const get = await app().request("/api/agents", { headers: { cookie, origin: "https://evil.example" } });
  assert.equal(get.status, 200);
  const bearer = await app().request("/api/agents", {
    method: "POST",
    headers: { authorization: "Bearer t", origin: "https://evil.example" },
  });
  assert.equal(bearer.status, 200);
});

Deno.test("a foreign Origin cannot use the auth endpoints even without a cookie (login CSRF)", async () => {
  const res = await app().request("/api/auth/login", { method: "POST", headers: { origin: "https://evil.example" } });
  assert.equal(res.status, 403);
});
