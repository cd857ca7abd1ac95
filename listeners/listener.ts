/**
 * What a listener on the event log is (`Listener`), how the runner drives it
 * (`RunnerOptions`, `DEFAULT_RUNNER`) and what it reports (`ListenerStatus`).
 * The runner itself is `runner.ts`.
 *
 * @module
 */
import type { EventType } from "../models/events/catalog.ts";
import type { DomainEvent } from "../models/events/event.ts";
import type { Deps, ListenerProgress } from "../models/ports/deps.ts";

/** A side effect of durable events. */
export interface Listener {
  /** Stable name: the key of its checkpoint. Renaming a listener replays the log for it. */
  name: string;
  /** The event types it handles. */
  types: readonly EventType[];
  /**
   * Where a listener that never ran starts: `"now"` (the default: a new email listener must not mail the past) or
   * `"start"` of the log (one that rebuilds something from history).
   */
  from?: "now" | "start";
  /**
   * A quick, synchronous look at an event of its types: false passes it over without handling it (the hot
   * path: most chat messages concern no listener). Judged on the event alone, never on other state.
   */
  wants?(event: DomainEvent): boolean;
  /** Handles one event. May run more than once for the same event (after a crash): must be idempotent. */
  handle(event: DomainEvent, ctx: { deps: Deps; signal: AbortSignal }): Promise<void>;
  /**
   * Events in flight at most for this listener, in place of the runner's `maxInFlight`: for one whose handler
   * mostly waits in a queue of its own that should see the whole backlog (the AI responder's answers).
   */
  maxInFlight?: number;
  /**
   * Batches, for a listener that keeps a projection (the analytics rollups): its events are handed over in log
   * order, up to `maxEvents` at a time, gathered for at most `waitMs` (so under load a conversation's many
   * messages are one write). One batch at a time, in order, so per-aggregate order holds. Should a batch fail,
   * its events are handled one by one with `handle` (and the usual retries and dead letters), in order.
   */
  batch?: {
    maxEvents: number;
    waitMs: number;
    handle(events: DomainEvent[], ctx: { deps: Deps; signal: AbortSignal }): Promise<void>;
  };
}

/** How a listener is driven. */
export interface RunnerOptions {
  /** Polls the log this often even without a wake-up (events written by other processes). */
  pollMs: number;
  /** Retries: first delay, cap, and attempts before an event is set aside. */
  retry: { baseMs: number; maxMs: number; attempts: number };
  /** Events in flight at most (back-pressure on reading the log). */
  maxInFlight: number;
  /**
   * Checkpoints are written at most this often while busy. A second, not less: nine listeners on the event
   * loop saving every 100 ms under a busy relay meant ninety writes a second, each waiting for the append
   * worker's transaction to end (the process's write lock) with the loop stopped; ~12 µs a relayed message.
   * A crash redelivers at most this much more, which handlers take (idempotent by event id).
   */
  checkpointEveryMs: number;
  /**
   * How long a gap in this process's hand-off is waited for before the log is read: the append worker's events
   * reach the loop a moment after their commit (its message, behind whatever the loop is doing: tens of ms under
   * load), often after a later commit of the loop's own.
   */
  gapWaitMs: number;
}

/** Defaults for production. */
export const DEFAULT_RUNNER: RunnerOptions = {
  pollMs: 1000,
  retry: { baseMs: 1000, maxMs: 5 * 60_000, attempts: 12 },
  maxInFlight: 256,
  checkpointEveryMs: 1000,
  gapWaitMs: 100,
};

/** A listener's progress, for `/readyz` and the logs. */
export type ListenerStatus = ListenerProgress;

/** A listener running: on the event loop (`ListenerRunner`) or on a thread of its own (`ListenerThreads`). */
export interface RunningListener {
  readonly name: string;
  /** Resolves once every event written so far is handled. */
  idle(): Promise<void>;
  status(): Promise<ListenerStatus>;
  /** Stops it (what was in flight is redelivered at the next start). */
  stop(): Promise<void>;
}

/**
 * Runs the listeners it can on threads of their own (projections that only read the log and write the
 * store), off the event loop the sockets share: `start` resolves once one runs there, or is null for a
 * listener it does not take (which then runs on the loop).
 */
export interface ListenerThreads {
  start(listener: Listener, opts: RunnerOptions): Promise<RunningListener> | null;
}
