import assert from "node:assert/strict";
import { ManualClock } from "./clock.ts";
import { RateLimiter } from "./rate_limit.ts";

Deno.test("rate limiter allows the limit per window, then says how long to wait", () => {
  const clock = new ManualClock();
  const limiter = new RateLimiter(clock);
  const rule = { limit: 3, windowMs: 60_000 };
  for (let i = 0; i < 3; i++) assert.equal(limiter.hit("k", rule).ok, true);
  const over = limiter.hit("k", rule);
  assert.equal(over.ok, false);
  assert.equal(over.retryAfter, 60);
  assert.equal(limiter.check("k", rule).ok, false);
  assert.equal(limiter.hit("other", rule).ok, true, "keys are independent");
  clock.advance(30_000);
  assert.equal(limiter.hit("k", rule).retryAfter, 30);
  clock.advance(30_000);
  assert.equal(limiter.hit("k", rule).ok, true, "a new window starts");
  limiter.reset("k");
  assert.equal(limiter.check("k", rule).remaining, 3);
});
