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

/**
 * Limits whose keys mean the same on every instance (failed logins per account or address, sign-ups, resets,
 * invitations): counted in one place when several instances run (`cluster/redis_limits.ts`), so an attacker
 * who spreads attempts across instances is throttled as one. Per-socket flood limits stay on the process's
 * own {@linkcode RateLimiter}: a socket lives on one instance.
 */
export interface Limits {
  hit(key: string, rule: LimitRule): Promise<LimitResult>;
  check(key: string, rule: LimitRule): Promise<LimitResult>;
  reset(key: string): Promise<void>;
}

/** {@linkcode Limits} kept by one process's {@linkcode RateLimiter} (one instance, tests). */
export function memoryLimits(limiter: RateLimiter): Limits {
  return {
    hit: (key, rule) => Promise.resolve(limiter.hit(key, rule)),
    check: (key, rule) => Promise.resolve(limiter.check(key, rule)),
    reset: (key) => Promise.resolve(limiter.reset(key)),
  };
}
