import assert from "node:assert/strict";
import { tinyApp } from "../tests/fakes/http_kit.ts";

function appEchoingId() {
  const app = tinyApp();
  app.get("/", (c) => c.text(c.var.requestId));
  return app;
}

Deno.test("a request without an id gets a fresh UUID, echoed in X-Request-Id and on the context", async () => {
  const res = await appEchoingId().request("/");
  const id = res.headers.get("x-request-id")!;
  assert.match(id, /^[0-9a-f-]{36}$/);
  assert.equal(await res.text(), id);
});

Deno.test("a caller's well-formed request id is kept", async () => {
  const res = await appEchoingId().request("/", { headers: { "x-request-id": "trace.abc-123_x" } });
  assert.equal(res.headers.get("x-request-id"), "trace.abc-123_x");
});

Deno.test("a malformed or oversized request id is replaced", async () => {
  for (const bad of ["short", "has space in it", "x".repeat(65), "<script>alert(1)</script>"]) {
    const res = await appEchoingId().request("/", { headers: { "x-request-id": bad } });
    assert.notEqual(res.headers.get("x-request-id"), bad, bad);
    assert.match(res.headers.get("x-request-id")!, /^[0-9a-f-]{36}$/);
  }
});
