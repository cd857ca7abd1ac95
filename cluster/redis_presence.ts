/**
 * Presence across instances: a visitor is online when any instance holds a
 * socket of theirs. Each visitor has a sorted set in Redis of the instances
 * holding one, scored by when that claim lapses; an instance renews its
 * visitors' claims every third of the TTL, so the visitors of an instance
 * that died stop counting as online within the TTL (a staff reply then goes
 * by email). Joins and leaves are counted here first: Redis hears only the
 * first socket of a visitor on this instance and the last one closing.
 *
 * @module
 */
import type { Presence } from "../models/ports/presence.ts";
import { SocketPresence } from "../realtime/socket_presence.ts";
import type { RedisConnections } from "./redis.ts";

const KEY = "fd:presence:";

/** Presence in Redis; `stop()` withdraws this instance's claims (graceful shutdown). */
export class RedisPresence implements Presence {
  #local = new SocketPresence();
  #redis: RedisConnections;
  #ttlMs: number;
  #timer: ReturnType<typeof setInterval>;
  #onError: (err: unknown) => void;
  #stopped = false;

  constructor(redis: RedisConnections, opts: { ttlMs?: number; onError?: (err: unknown) => void } = {}) {
    this.#redis = redis;
    this.#ttlMs = opts.ttlMs ?? 30_000;
    this.#onError = opts.onError ?? console.error;
    this.#timer = setInterval(() => this.#renew(), this.#ttlMs / 3);
    Deno.unrefTimer(this.#timer);
  }

  join(visitorId: string): void {
    const first = !this.#local.isHere(visitorId);
    this.#local.join(visitorId);
    if (first && !this.#stopped) this.#claim([visitorId]);
  }

  leave(visitorId: string): void {
    this.#local.leave(visitorId);
    // After stop() the claims are withdrawn already (and the connection may be closed).
    if (this.#local.isHere(visitorId) || this.#stopped) return;
    this.#redis.cmd.zRem(KEY + visitorId, this.#redis.instanceId).catch(this.#onError);
  }

  async isOnline(visitorId: string): Promise<boolean> {
    if (this.#local.isHere(visitorId)) return true;
    return await this.#redis.cmd.zCount(KEY + visitorId, Date.now(), "+inf") > 0;
  }

  /** Stops renewing and withdraws this instance's claims. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#stopped = true;
    const me = this.#redis.instanceId;
    await Promise.allSettled([...this.#local.visitors()].map((v) => this.#redis.cmd.zRem(KEY + v, me)));
  }

  #claim(visitors: string[]) {
    const { cmd, instanceId } = this.#redis;
    const until = Date.now() + this.#ttlMs;
    for (const v of visitors) {
      // Issued in one turn: node-redis pipelines them.
      cmd.zAdd(KEY + v, { score: until, value: instanceId }).catch(this.#onError);
      cmd.pExpire(KEY + v, this.#ttlMs * 2).catch(this.#onError);
    }
  }

  #renew() {
    this.#claim([...this.#local.visitors()]);
  }
}
