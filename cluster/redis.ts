/**
 * The Redis connections of one instance (`REDIS_URL`), on the maintained
 * node-redis client (`@redis/client`, pinned): one for commands and
 * publishing, one in subscriber mode (a subscribed connection can run no
 * other command). node-redis reconnects by itself with backoff and pipelines
 * the commands issued in one turn of the event loop.
 *
 * @module
 */
import { createClient } from "@redis/client";
import type { Logger } from "../lib/log.ts";

const newClient = (url: string) =>
  createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) } });

/** A node-redis client as this module makes it. */
export type RedisClient = ReturnType<typeof newClient>;

/** The instance's two connections. */
export interface RedisConnections {
  /** Commands and PUBLISH. */
  cmd: RedisClient;
  /** SUBSCRIBE only. */
  sub: RedisClient;
  /** A random id per start: the owner of this instance's leases, the sender of its messages. */
  instanceId: string;
  close(): Promise<void>;
}

/** Connects both clients (rejects when Redis does not answer). */
export async function connectRedis(url: string, log: Logger): Promise<RedisConnections> {
  const cmd = newClient(url);
  const sub = newClient(url);
  let warned = false;
  for (const [name, c] of [["commands", cmd], ["subscriber", sub]] as const) {
    c.on("error", (err) => {
      // A dropped connection reports once per retry: say it once until it is back.
      if (!warned) log.error("redis connection failed; reconnecting", { connection: name, err });
      warned = true;
    });
    c.on("ready", () => {
      if (warned) log.info("redis connection back", { connection: name });
      warned = false;
    });
  }
  await Promise.all([cmd.connect(), sub.connect()]);
  let closed = false;
  return {
    cmd,
    sub,
    instanceId: crypto.randomUUID(),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([cmd.close(), sub.close()]);
    },
  };
}

/**
 * JSON that keeps `Date`s (the live bus's events carry domain objects with dates): a date becomes
 * `{"$date": iso}` and comes back a `Date`.
 */
export function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : v;
  });
}

/** The reverse of {@linkcode encode}. */
export function decode<T>(text: string): T {
  return JSON.parse(text, (_k, v) => {
    if (v && typeof v === "object" && typeof v.$date === "string" && Object.keys(v).length === 1) {
      return new Date(v.$date);
    }
    return v;
  }) as T;
}
