import assert from "node:assert/strict";
import type { User } from "../models/accounts/user.ts";
import { tinyApp } from "../tests/fakes/http_kit.ts";
import { requireApiSession } from "./api_session.ts";
import { currentUser } from "./session.ts";

function app(user: User | null) {
  const app = tinyApp();
  app.use("*", async (c, next) => {
    c.set("user", user);
    await next();
  });
  app.get("/api/me", requireApiSession, (c) => c.json({ id: currentUser(c).id }));
  return app;
}

Deno.test("the API guard answers 401 unauthenticated when no one is signed in (never a redirect)", async () => {
  const res = await app(null).request("/api/me");
  assert.equal(res.status, 401);
  assert.equal((await res.json()).error.code, "unauthenticated");
});

Deno.test("the API guard says the session ended when a token came but no longer works", async () => {
  const res = await app(null).request("/api/me", { headers: { authorization: "Bearer stale" } });
  assert.equal(res.status, 401);
  assert.deepEqual((await res.json()).error, {
    code: "invalid_session",
    message: "Your session has ended. Sign in again.",
  });
});

Deno.test("the API guard lets a signed-in user through", async () => {
  const res = await app({ id: "u1" } as User).request("/api/me");
  assert.deepEqual(await res.json(), { id: "u1" });
});
