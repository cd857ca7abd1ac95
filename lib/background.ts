/**
 * Background work on the event loop in slices, so that sockets come first.
 *
 * The listeners' handlers (an AI reply, a hand-off, a webhook's fan-out) await store calls that are
 * synchronous underneath: an `await` of one continues in the same turn of the loop, so work that starts
 * together runs together. Hundreds of handlers started at once (a burst of events handed over, the answer
 * pool giving up a backlog as busy) ran as one turn of 100-500 ms, and every socket's ack, ping and frame
 * waited behind it (issue 14: ack p99 0.5-0.8 s at 5,000 visitors while the loop was 70% busy).
 *
 * `await backgroundTurn()` before such work: callers go through in arrival order, a few milliseconds' worth
 * per turn of the loop, and between turns the loop reads its sockets. The event loop has no priorities;
 * this gives it one: chat traffic is never gated, background work is. Nothing is dropped or reordered, it
 * is only spread out. (No library does this for Deno: `scheduler.yield()` is not there, and a timer per
 * call would cost more than the work.)
 *
 * @module
 */

/** The background work run in one turn of the loop, at most (give or take the last caller's part). */
export const SLICE_MS = 4;

/**
 * Callers let through at once per slice when none wait: a lone message's few handlers run right after it, as
 * before (a hop to a later turn put their work where the next message's came, adding to its latency), while a
 * burst is sliced from its fifth caller on.
 */
export const FREE_PASSES = 4;

const waiting: Array<() => void> = [];
let armed = false;
let sliceEnds = 0;
let free = 0;
const passed = Promise.resolve();

/** Resolves when it is this caller's turn: at once within the current slice, else in a later turn of the loop. */
export function backgroundTurn(): Promise<void> {
  if (!waiting.length) {
    const now = performance.now();
    if (now >= sliceEnds) [sliceEnds, free] = [now + SLICE_MS, FREE_PASSES];
    if (free > 0) {
      free--;
      return passed;
    }
  }
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    arm();
  });
}

function arm() {
  if (armed) return;
  armed = true;
  setTimeout(release, 0);
}

/**
 * A new slice: callers are let through one at a time (each runs its part in the microtasks between), until
 * the slice is spent; the rest wait for the next turn.
 */
function release() {
  armed = false;
  sliceEnds = performance.now() + SLICE_MS;
  free = 0;
  const next = () => {
    if (!waiting.length) return;
    if (performance.now() >= sliceEnds) return arm();
    waiting.shift()!();
    queueMicrotask(next);
  };
  next();
}
