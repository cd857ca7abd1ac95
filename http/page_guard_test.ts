import assert from "node:assert/strict";
import { safeNext } from "./page_guard.ts";

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
