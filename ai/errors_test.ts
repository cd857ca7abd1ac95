import assert from "node:assert/strict";
import { ProviderError } from "../models/ports/ai_provider.ts";
import { errorDetail, parseRetryAfter, statusError, transportError } from "./errors.ts";

Deno.test("parseRetryAfter reads retry-after-ms, seconds and HTTP dates", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  assert.equal(parseRetryAfter(new Headers({ "retry-after-ms": "1500", "retry-after": "9" }), now), 1500);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "7" }), now), 7000);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "0.5" }), now), 500);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }), now), 30_000);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "Wed, 31 Dec 2025 00:00:00 GMT" }), now), 0);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "soon" }), now), undefined);
  assert.equal(parseRetryAfter(new Headers(), now), undefined);
});

Deno.test("statusError maps statuses to kinds", () => {
  const kinds = [401, 403, 429, 408, 500, 503, 529, 400, 404, 422].map((s) => statusError("X", s, new Headers()).kind);
  assert.deepEqual(kinds, [
    "auth",
    "auth",
    "rate_limited",
    "timeout",
    "server",
    "server",
    "server",
    "bad_request",
    "bad_request",
    "bad_request",
  ]);
  assert.equal(statusError("X", 401, new Headers()).retryable, false);
  assert.equal(statusError("X", 429, new Headers({ "retry-after": "2" })).retryAfterMs, 2000);
});

Deno.test("errorDetail finds the message in OpenAI, Anthropic, FastAPI and plain bodies", () => {
  assert.equal(errorDetail({ error: { message: "Incorrect API key" } }), "Incorrect API key");
  assert.equal(errorDetail('{"type":"error","error":{"type":"x","message":"invalid x-api-key"}}'), "invalid x-api-key");
  assert.equal(errorDetail({ detail: [{ msg: "Field required" }, { msg: "Too long" }] }), "Field required; Too long");
  assert.equal(errorDetail("  Bad   gateway \n"), "Bad gateway");
  assert.equal(errorDetail("x".repeat(400))?.length, 301);
  assert.equal(errorDetail(undefined), undefined);
});

Deno.test("transportError passes a ProviderError from an injected fetch through", () => {
  const refused = new ProviderError("bad_request", "private address refused");
  assert.equal(transportError("X", refused), refused);
  assert.equal(transportError("X", new TypeError("x", { cause: refused })), refused);
  assert.equal(transportError("X", new TypeError("connection refused")).kind, "network");
});
