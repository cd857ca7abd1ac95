import assert from "node:assert/strict";
import { HTTPException } from "hono/http-exception";
import { NotFoundError, RateLimitedError } from "../lib/errors.ts";
import { plainDeps, tinyApp } from "../tests/fakes/http_kit.ts";
import { notFoundHandler } from "./errors.ts";

function appThrowing(err: unknown, deps = plainDeps()) {
  const app = tinyApp(deps);
  app.get("*", () => {
    throw err;
  });
  app.notFound(notFoundHandler((c) => c.text("the not-found page", 404)));
  return app;
}

Deno.test("a typed error under /api answers its status and code as JSON, never cached", async () => {
  const res = await appThrowing(new NotFoundError("Agent")).request("/api/agents/x");
  assert.equal(res.status, 404);
  assert.match(res.headers.get("content-type")!, /application\/json/);
  assert.equal(res.headers.get("cache-control"), "no-store");
  assert.deepEqual(await res.json(), { error: { code: "not_found", message: "Agent not found." } });
});

Deno.test("a typed error on a page renders the error page with its status", async () => {
  const res = await appThrowing(new NotFoundError("Agent")).request("/agents/x");
  assert.equal(res.status, 404);
  assert.equal(await res.text(), "page 404: Agent not found.");
});

Deno.test("429 says when to retry", async () => {
  const res = await appThrowing(new RateLimitedError(30)).request("/api/x");
  assert.equal(res.status, 429);
  assert.equal(res.headers.get("retry-after"), "30");
});

Deno.test("Hono's own client errors keep their status with a stable code and message", async () => {
  const res = await appThrowing(new HTTPException(400, { message: "Malformed JSON in request body" }))
    .request("/api/x");
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), {
    error: { code: "bad_request", message: "The request body is not valid JSON." },
  });
});

Deno.test("an unknown error is logged with the request id and answered 500 without internals", async () => {
  const deps = plainDeps();
  const res = await appThrowing(new Error("secret internals"), deps).request("/api/x", {
    headers: { "x-request-id": "req-12345678" },
  });
  assert.equal(res.status, 500);
  const body = await res.json();
  assert.equal(body.error.code, "internal_error");
  assert.equal(body.error.message, "Something went wrong on our side. Reference: req-12345678.");
  assert.equal(deps.errors[0].msg, "unhandled error");
  assert.equal(deps.errors[0].fields?.requestId, "req-12345678");
});

Deno.test("unknown routes: JSON 404 under /api, the not-found page elsewhere", async () => {
  const app = tinyApp();
  app.notFound(notFoundHandler((c) => c.text("the not-found page", 404)));
  const api = await app.request("/api/nope");
  assert.equal(api.status, 404);
  assert.deepEqual(await api.json(), { error: { code: "not_found", message: "API route not found." } });
  const page = await app.request("/nope");
  assert.equal(await page.text(), "the not-found page");
});
