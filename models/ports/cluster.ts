/**
 * The Cluster port: what instances of the app coordinate through when
 * several share one store (`REDIS_URL` set; `cluster/redis_cluster.ts`).
 * Absent from `Deps` when one process runs alone: then every listener runs
 * here and the event log's in-process hand-off is all the wake-up needed.
 *
 * @module
 */

/** Coordination between instances. */
export interface Cluster {
  /** This process's id, unique per start (a lease's owner). */
  readonly instanceId: string;
  /**
   * Takes the lease `name` for `ttlMs`, or renews it when this instance already holds it; true when this
   * instance holds it now. A lease only this instance can renew or release: while it is held, no other
   * instance runs the work it guards.
   */
  lease(name: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up (only if this instance holds it), so another instance takes over at once. */
  release(name: string): Promise<void>;
  /** Tells the other instances that this one appended to the event log (their listeners read it now). */
  logAppended(): void;
  /** Calls `fn` when another instance appended to the event log; returns the function that stops. */
  onLogAppended(fn: () => void): () => void;
}
