/**
 * The Cluster port on Redis: leases (who runs each listener) and the event
 * log's "appended" wake-up between instances.
 *
 * A lease is a key holding its owner's instance id with an expiry: taken
 * with SET NX PX, renewed (PEXPIRE) and released (DEL) by a script that
 * first checks the owner, so only the holder can extend or end it. The
 * holder renews every third of the TTL and stops the work it guards as soon
 * as a renewal fails or is late (see `listeners/leased.ts`): it stops before
 * the key can expire, so two instances never run the same listener at once
 * while clocks run at the same rate. The ids are per start, so a restarted
 * instance never mistakes a lease of its previous life for its own.
 *
 * @module
 */
import type { Cluster } from "../models/ports/cluster.ts";
import type { RedisConnections } from "./redis.ts";

const LEASE = "fd:lease:";
const LOG_CHANNEL = "fd:log";

const TAKE_OR_RENEW = `
local owner = redis.call('GET', KEYS[1])
if owner == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if owner == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** The Cluster over `redis`'s connections. */
export async function redisCluster(redis: RedisConnections): Promise<Cluster> {
  const { cmd, sub, instanceId } = redis;
  const wakers = new Set<() => void>();
  await sub.subscribe(LOG_CHANNEL, (sender: string) => {
    if (sender === instanceId) return;
    for (const fn of wakers) fn();
  });
  return {
    instanceId,
    async lease(name, ttlMs) {
      const held = await cmd.eval(TAKE_OR_RENEW, { keys: [LEASE + name], arguments: [instanceId, String(ttlMs)] });
      return held === 1;
    },
    async release(name) {
      await cmd.eval(RELEASE, { keys: [LEASE + name], arguments: [instanceId] });
    },
    logAppended() {
      // Lost while Redis is away: the listeners' poll (pollMs) reads the log all the same.
      cmd.publish(LOG_CHANNEL, instanceId).catch(() => {});
    },
    onLogAppended(fn) {
      wakers.add(fn);
      return () => wakers.delete(fn);
    },
  };
}
