/**
 * Background work that runs on one instance at a time when several share a
 * store: each part (a listener, the ingestion worker, the escalation
 * scheduler) is started by whichever instance holds its lease
 * (`Cluster.lease`), and stopped when that instance loses it, stops, or
 * cannot renew it in time. An instance that dies stops renewing; after the
 * TTL another instance takes the lease and starts the part from its
 * checkpoint, so what the dead one had in flight is redelivered (handlers
 * are idempotent by event id).
 *
 * The holder renews every third of the TTL and counts its lease as valid
 * only until the TTL measured from when it *sent* the last successful
 * renewal, less a sixth as a margin for clock rates and Redis's own expiry;
 * past that it stops the part even while Redis is unreachable. So the part
 * is stopped here before the key can expire there.
 *
 * @module
 */
import type { Deps } from "../models/ports/deps.ts";
import type { Cluster } from "../models/ports/cluster.ts";

/** How a part ends: `held` when this instance still holds the lease (a shutdown), false when it was lost. */
export type StopPart = (how: { held: boolean }) => Promise<void>;

/** One piece of work that must run on exactly one instance. */
export interface Part {
  /** The lease's name. */
  name: string;
  /** Starts the work; returns what stops it. */
  start(): Promise<StopPart>;
}

/** Runs `part` whenever this instance holds its lease. */
export class LeaseHolder {
  #deps: Deps;
  #cluster: Cluster;
  #part: Part;
  #ttlMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #validUntil = 0;
  #stopPart: StopPart | null = null;
  /** Starting, stopping and ticking are serialised. */
  #chain: Promise<void> = Promise.resolve();
  #ticking = false;
  #stopped = false;

  constructor(deps: Deps, cluster: Cluster, part: Part, ttlMs: number) {
    this.#deps = deps;
    this.#cluster = cluster;
    this.#part = part;
    this.#ttlMs = ttlMs;
  }

  /** Whether the part runs here now. */
  get held(): boolean {
    return this.#stopPart !== null;
  }

  /** Tries now, then every third of the TTL. Resolves after the first try. */
  start(): Promise<void> {
    this.#timer = setInterval(() => {
      // Late renewal (Redis slow or away): stop before the lease can pass to another instance.
      // Not behind the serial chain: a renewal hanging on Redis must not keep the part running.
      if (this.held && performance.now() > this.#validUntil) {
        this.#lose("renewal late").catch((err) => this.#deps.log.error("stopping failed", { err }));
      }
      if (!this.#ticking) this.#tick();
    }, this.#ttlMs / 3);
    return this.#tick();
  }

  /** Stops the part if it runs here and gives the lease up. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#serial(async () => {
      const stop = this.#stopPart;
      if (!stop) return;
      this.#stopPart = null;
      await stop({ held: performance.now() <= this.#validUntil });
      await this.#cluster.release(this.#part.name).catch(() => {});
    });
  }

  #tick(): Promise<void> {
    this.#ticking = true;
    return this.#serial(async () => {
      if (this.#stopped) return;
      const sent = performance.now();
      let ok: boolean;
      try {
        ok = await this.#cluster.lease(this.#part.name, this.#ttlMs);
      } catch (err) {
        this.#deps.log.warn("lease not renewed", { part: this.#part.name, err });
        if (this.held && performance.now() > this.#validUntil) await this.#lose("redis unreachable");
        return;
      }
      if (!ok) {
        if (this.held) await this.#lose("taken by another instance");
        return;
      }
      this.#validUntil = sent + this.#ttlMs * 5 / 6;
      if (this.held || this.#stopped) return;
      if (performance.now() > this.#validUntil) return;
      this.#stopPart = await this.#part.start();
      this.#deps.log.info("running here", { part: this.#part.name, instance: this.#cluster.instanceId });
    }).finally(() => (this.#ticking = false));
  }

  async #lose(why: string) {
    const stop = this.#stopPart;
    if (!stop) return;
    this.#stopPart = null;
    this.#deps.log.warn("lease lost; stopping", { part: this.#part.name, why });
    await stop({ held: false });
  }

  #serial(fn: () => Promise<void>): Promise<void> {
    const next = this.#chain.then(fn).catch((err) =>
      this.#deps.log.error("lease holder failed", { part: this.#part.name, err })
    );
    this.#chain = next;
    return next;
  }
}
