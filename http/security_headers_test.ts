import assert from "node:assert/strict";
import { Hono } from "hono";
import { securityHeaders } from "./security_headers.ts";

function app(production = false) {
  const app = new Hono();
  app.use("*", securityHeaders({ production }));
  app.get("*", (c) => c.text("ok"));
  return app;
}

Deno.test("every answer carries a CSP without inline scripts, no framing, nosniff and a referrer policy", async () => {
  const res = await app().request("/inbox");
  const csp = res.headers.get("content-security-policy")!;
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /object-src 'none'/);
  assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  assert.equal(res.headers.get("x-frame-options"), "DENY");
  assert.equal(res.headers.get("referrer-policy"), "strict-origin-when-cross-origin");
  assert.equal(res.headers.get("strict-transport-security"), null);
});

Deno.test("HSTS is sent in production only", async () => {
  const res = await app(true).request("/");
  assert.equal(res.headers.get("strict-transport-security"), "max-age=63072000; includeSubDomains");
});

Deno.test("only the widget's files, its API and attachments may be read cross-origin", async () => {
  for (const path of ["/widget.js", "/widget/chat-ABCDEFGH.js", "/api/widget/session", "/api/files/a/b"]) {
    assert.equal((await app().request(path)).headers.get("cross-origin-resource-policy"), "cross-origin", path);
  }
  for (const path of ["/", "/api/agents", "/widget.jsx", "/static/app.css"]) {
    assert.equal((await app().request(path)).headers.get("cross-origin-resource-policy"), "same-origin", path);
  }
});

Deno.test("attachments get a sandboxing CSP that renders nothing active", async () => {
  const res = await app().request("/api/files/w/f");
  assert.equal(res.headers.get("content-security-policy"), "default-src 'none'; sandbox");
});
