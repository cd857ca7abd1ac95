/**
 * Reconnect delays: exponential from `baseMs`, capped at `capMs` (15 s), with
 * "equal jitter" (half fixed, half random) so a server restart doesn't bring
 * every widget back in the same millisecond, yet none waits near zero.
 *
 * @module
 */

/** Options of {@linkcode backoffDelay}. */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** A number in [0, 1); `Math.random` by default. */
  random?: () => number;
}

/** The wait (ms) before reconnect attempt `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 500;
  const cap = opts.capMs ?? 15_000;
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(ceiling / 2 + (opts.random ?? Math.random)() * (ceiling / 2));
}
