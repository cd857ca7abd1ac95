/**
 * Fixed-window rate limiting kept in memory. One instance per process; the
 * keys say what is limited (`login:ip:1.2.3.4`, `login:acct:bob@x.com`).
 *
 * @module
 */
import type { Clock } from "./clock.ts";
import { systemClock } from "./clock.ts";

/** The outcome of counting one hit. */
export interface LimitResult {
  ok: boolean;
  remaining: number;
  /** Seconds until the window resets (>= 1 when limited). */
  retryAfter: number;
}

/** A rule: at most `limit` hits per `windowMs`. */
export interface LimitRule {
  limit: number;
  windowMs: number;
}

/** Counts hits per key in fixed windows. */
export class RateLimiter {
  #windows = new Map<string, { start: number; count: number }>();
  #clock: Clock;
  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** Counts a hit for `key` and says whether it is within `rule`. */
  hit(key: string, rule: LimitRule): LimitResult {
    const now = this.#clock.now().getTime();
    let w = this.#windows.get(key);
    if (!w || now - w.start >= rule.windowMs) {
      w = { start: now, count: 0 };
      this.#windows.set(key, w);
      if (this.#windows.size > 50_000) this.#sweep(now, rule.windowMs);
    }
    w.count++;
    const retryAfter = Math.max(1, Math.ceil((w.start + rule.windowMs - now) / 1000));
    return { ok: w.count <= rule.limit, remaining: Math.max(0, rule.limit - w.count), retryAfter };
  }

  /** Says whether `key` is already over `rule`, without counting. */
  check(key: string, rule: LimitRule): LimitResult {
    const now = this.#clock.now().getTime();
    const w = this.#windows.get(key);
    if (!w || now - w.start >= rule.windowMs) return { ok: true, remaining: rule.limit, retryAfter: 0 };
    const retryAfter = Math.max(1, Math.ceil((w.start + rule.windowMs - now) / 1000));
    return { ok: w.count < rule.limit, remaining: Math.max(0, rule.limit - w.count), retryAfter };
  }

  /** Forgets a key (e.g. failed-login counter after a successful login). */
  reset(key: string): void {
    this.#windows.delete(key);
  }

  #sweep(now: number, windowMs: number) {
    for (const [k, w] of this.#windows) if (now - w.start >= windowMs) this.#windows.delete(k);
  }
}
