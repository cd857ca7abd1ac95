/**
 * The events this process committed, handed to a listener (`ListenerRunner`) as they commit, kept in log order
 * until the listener reaches them.
 *
 * Two writers commit here at once under load: the event loop (a hand-off, a checkpoint) and the append worker,
 * whose events reach the loop a moment after their commit (when the worker's message does). So a later position
 * may be handed over before an earlier one. Held in order, the earlier ones fill the gap when they come; before,
 * every such gap sent every listener on the loop to read the log back (up to 200 events, each parsed): at 5,000
 * visitors, ~2,000 reads in 10 s and a tenth of the loop's time.
 *
 * @module
 */
import type { DomainEvent } from "../models/events/event.ts";

/** What {@linkcode HandedEvents.take} found. */
export interface Taken {
  /** The events that follow on from the cursor without a gap. */
  run: DomainEvent[];
  /** Events are held beyond a gap (one position or more not handed over yet, or never: another process's). */
  gap: boolean;
}

/** Handed-over events in log order, at most `max` (beyond it, the listener reads the log instead). */
export class HandedEvents {
  #events: DomainEvent[] = [];
  #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get length(): number {
    return this.#events.length;
  }

  /** Keeps `events` (in log order among those held); false when the bound is reached (nothing kept). */
  add(events: DomainEvent[]): boolean {
    if (this.#events.length >= this.#max) return false;
    const last = this.#events.at(-1);
    this.#events.push(...events);
    // Nearly in order already (one writer's batch behind another's): the sort is a merge of two runs.
    if (last && events[0] && events[0].position < last.position) this.#events.sort((a, b) => a.position - b.position);
    return true;
  }

  /** Takes the run that follows on from `cursor`, up to `room` events; drops what is at or before it. */
  take(cursor: number, room: number): Taken {
    const held = this.#events;
    let i = 0;
    while (i < held.length && held[i].position <= cursor) i++;
    let j = i;
    while (j < held.length && j - i < room && held[j].position === cursor + 1 + (j - i)) j++;
    const run = held.slice(i, j);
    this.#events = held.slice(j);
    const next = this.#events[0];
    return { run, gap: next !== undefined && next.position !== cursor + run.length + 1 };
  }
}
