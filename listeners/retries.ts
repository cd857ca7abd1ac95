/**
 * One event through a listener's handler, retried with exponential backoff (and jitter) until it works, the
 * runner stops, or its attempts are spent: then it is kept as a dead letter and logged, and the runner goes on.
 * The retry policy of `ListenerRunner` (`runner.ts`), apart from how the runner orders and checkpoints events.
 *
 * @module
 */
import type { DomainEvent } from "../models/events/event.ts";
import type { Deps } from "../models/ports/deps.ts";
import type { Listener, RunnerOptions } from "./listener.ts";

/** What a handling needs of its runner. */
export interface RetryContext {
  deps: Deps;
  listener: Listener;
  opts: RunnerOptions;
  signal: AbortSignal;
  /** Positions being retried now (the runner's status shows how many). */
  retrying: Set<number>;
}

/** Handles one event with retries; false when stopped before it was done. */
export async function handleWithRetries(run: RetryContext, event: DomainEvent): Promise<boolean> {
  const { log, store, clock } = run.deps;
  const { baseMs, maxMs, attempts } = run.opts.retry;
  const { signal, listener, retrying } = run;
  for (let attempt = 1;; attempt++) {
    if (signal.aborted) return false;
    try {
      await listener.handle(event, { deps: run.deps, signal });
      retrying.delete(event.position);
      return true;
    } catch (err) {
      if (signal.aborted) return false;
      const context = { listener: listener.name, eventId: event.id, type: event.type, attempt, err };
      if (attempt >= attempts) {
        log.error("listener gave up on an event; it is kept as a dead letter", context);
        await store.events.deadLetter({
          listener: listener.name,
          eventId: event.id,
          position: event.position,
          type: event.type,
          error: err instanceof Error ? err.message : String(err),
          attempts: attempt,
          at: clock.now(),
        }).catch((e) => log.error("could not keep a dead letter", { err: e }));
        retrying.delete(event.position);
        return true;
      }
      retrying.add(event.position);
      const delay = Math.min(maxMs, baseMs * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
      log.warn("listener failed; retrying", { ...context, retryInMs: Math.round(delay) });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  }
}
