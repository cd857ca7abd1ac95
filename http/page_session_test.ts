import assert from "node:assert/strict";
import type { User } from "../models/accounts/user.ts";
import { tinyApp } from "../tests/fakes/http_kit.ts";
import { requirePageSession, safeNext } from "./page_session.ts";

Deno.test("safeNext keeps same-site paths with their query and hash", () => {
  assert.equal(safeNext("/team"), "/team");
  assert.equal(safeNext("/inbox?status=open#t1"), "/inbox?status=open#t1");
  assert.equal(safeNext("/a/../profile"), "/profile");
});

Deno.test("safeNext refuses other sites, odd schemes, control characters and the auth pages", () => {
  for (
    const bad of [
      undefined,
      "",
      "team",
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "/\tx",
      "/login",
      "/signup?next=/x",
    ]
  ) {
    assert.equal(safeNext(bad), null, String(bad));
  }
});

Deno.test("the page guard redirects to the sign-in page and back, and lets a signed-in user through", async () => {
  const make = (user: User | null) => {
    const app = tinyApp();
    app.use("*", async (c, next) => {
      c.set("user", user);
      await next();
    });
    app.get("*", requirePageSession, (c) => c.text("page"));
    return app;
  };
  const res = await make(null).request("/inbox?status=open");
  assert.equal(res.status, 302);
  assert.equal(res.headers.get("location"), "/login?next=%2Finbox%3Fstatus%3Dopen");
  assert.equal((await make(null).request("/")).headers.get("location"), "/login");
  assert.equal(await (await make({ id: "u1" } as User).request("/inbox")).text(), "page");
});
