/**
 * Rate limits shared by every instance: fixed windows kept in Redis. A hit
 * is one script (INCR, and PEXPIRE on the window's first hit), so the
 * count and its window are set atomically however many instances count at
 * once. Windows follow Redis's clock, not each instance's.
 *
 * @module
 */
import type { LimitResult, LimitRule, Limits } from "../lib/rate_limit.ts";
import type { RedisClient } from "./redis.ts";

const PREFIX = "fd:rl:";

const HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

const PEEK = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
return {n, redis.call('PTTL', KEYS[1])}`;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** {@linkcode Limits} in Redis. */
export function redisLimits(cmd: RedisClient): Limits {
  return {
    async hit(key: string, rule: LimitRule): Promise<LimitResult> {
      const [n, ttl] = await cmd.eval(HIT, { keys: [PREFIX + key], arguments: [String(rule.windowMs)] }) as number[];
      return { ok: n <= rule.limit, remaining: Math.max(0, rule.limit - n), retryAfter: seconds(ttl) };
    },
    async check(key: string, rule: LimitRule): Promise<LimitResult> {
      const [n, ttl] = await cmd.eval(PEEK, { keys: [PREFIX + key] }) as number[];
      if (!n || ttl < 0) return { ok: true, remaining: rule.limit, retryAfter: 0 };
      return { ok: n < rule.limit, remaining: Math.max(0, rule.limit - n), retryAfter: seconds(ttl) };
    },
    async reset(key: string): Promise<void> {
      await cmd.del(PREFIX + key);
    },
  };
}
