/**
 * Runs one listener over the event log: at least once, in order per
 * aggregate (a conversation's events one after another), concurrently across
 * aggregates, from its own checkpoint. A failing event is retried with
 * exponential backoff without holding up other aggregates, and set aside (a
 * dead letter, logged) after its last attempt. The checkpoint only moves
 * past events that are done, so a crash redelivers what was in flight:
 * handlers are idempotent, keyed by the event id.
 *
 * @module
 */
import type { EventType } from "../models/events/catalog.ts";
import type { DomainEvent } from "../models/events/event.ts";
import type { Deps } from "../models/ports/deps.ts";
import { Batches } from "./batches.ts";
import { HandedEvents } from "./handed.ts";
import { DEFAULT_RUNNER, type Listener, type ListenerStatus, type RunnerOptions } from "./listener.ts";
import { handleWithRetries } from "./retries.ts";
import { backgroundTurn } from "../lib/background.ts";
import { OneAtATime } from "../lib/one_at_a_time.ts";

export { DEFAULT_RUNNER } from "./listener.ts";
export type { Listener, ListenerStatus, RunnerOptions } from "./listener.ts";

const HANDOFF_MAX = 10_000;

/** Drives one listener. */
export class ListenerRunner {
  #deps: Deps;
  #listener: Listener;
  #opts: RunnerOptions;
  #cursor = 0;
  #saved = 0;
  #inFlight = new Set<number>();
  #retrying = new Set<number>();
  /** In order per aggregate. */
  #perAggregate = new OneAtATime();
  #abort = new AbortController();
  #wake: (() => void) | null = null;
  /** Events committed by this process, not yet seen (the hand-off). */
  #handed = new HandedEvents(HANDOFF_MAX);
  /** Armed while the hand-off waits for the events of a gap (see `#next`). */
  #gapTimer: ReturnType<typeof setTimeout> | null = null;
  #types: readonly EventType[];
  #typeSet: ReadonlySet<string>;
  #loop: Promise<void> | null = null;
  /** A batch listener's batches. */
  #batches: Batches | null = null;
  #maxInFlight: number;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;
  #unsubscribe: Array<() => void> = [];
  #poll: ReturnType<typeof setInterval> | null = null;
  #handedSincePoll = false; // this process handed events over since the last poll (`start`)
  /** A wake-up came while the loop was busy: the next wait returns at once. */
  #poked = false;
  /**
   * Whether the log may hold events the hand-off will not bring (at start, after a poll's wait, another
   * instance's wake-up, an overflowed hand-off): only then is it read. A wake-up from this process's own
   * commits brings its events with it; reading the log then would race the hand-off (a worker thread's
   * commit is in the log a moment before its events are handed here) and read what is on its way.
   */
  #readLog = true;

  constructor(deps: Deps, listener: Listener, opts: RunnerOptions = DEFAULT_RUNNER) {
    this.#deps = deps;
    this.#listener = listener;
    this.#opts = opts;
    this.#types = listener.types;
    this.#typeSet = new Set(listener.types);
    // A batch listener may hold a whole batch and gather the next one meanwhile.
    this.#maxInFlight = Math.max(listener.maxInFlight ?? opts.maxInFlight, 2 * (listener.batch?.maxEvents ?? 0));
    if (listener.batch) {
      this.#batches = new Batches(listener.batch, { deps, signal: this.#abort.signal }, {
        handleOne: (e) => this.#handle(e),
        done: (e) => this.#inFlight.delete(e.position),
        ended: () => {
          this.#advance();
          this.#wake?.();
        },
        failed: (events, err) =>
          deps.log.warn("listener batch failed; handling its events one by one", {
            listener: listener.name,
            events: events.length,
            err,
          }),
        stopped: () => this.#abort.signal.aborted,
      });
    }
  }

  /** The listener's name. */
  get name(): string {
    return this.#listener.name;
  }

  /** Reads the checkpoint and starts following the log. */
  async start(): Promise<void> {
    const { store, clock } = this.#deps;
    let position = (await store.events.checkpoint(this.#listener.name))?.position;
    if (position === undefined) {
      position = this.#listener.from === "start" ? 0 : await store.events.head();
      await store.events.saveCheckpoint(this.#listener.name, position, clock.now());
    }
    this.#cursor = this.#saved = position;
    this.#unsubscribe.push(this.#deps.store.events.onAppend((events) => {
      this.#handedSincePoll = true;
      if (this.#passOver(events)) return;
      // Kept in log order; past a bound the log is read instead (`#next`).
      if (!this.#handed.add(events)) this.#readLog = true;
      this.#poke();
    }));
    // Other instances' appends (several instances on one store): read the log now rather than at the poll.
    const remote = this.#deps.cluster?.onLogAppended(() => {
      this.#readLog = true;
      this.#poke();
    });
    if (remote) this.#unsubscribe.push(remote);
    // The poll: one timer for the runner's life rather than one per wait (a busy relay waits thousands of
    // times a second per listener, and setting and clearing a timer each time showed in its profile).
    // While this process's commits keep coming, a gap before them shows in the hand-off itself (`#next`), and
    // what the log holds beyond them is on its way: reading then read back hundreds of events a second, each
    // parsed, for every listener. The poll reads only after a quiet interval.
    this.#poll = setInterval(() => {
      if (this.#handedSincePoll) {
        this.#handedSincePoll = false;
        return;
      }
      this.#readLog = true;
      this.#poke();
    }, this.#opts.pollMs);
    this.#loop = this.#run();
  }

  /** Stops reading, aborts handlers in flight (they will be redelivered) and saves the checkpoint. */
  async stop(): Promise<void> {
    if (this.#poll !== null) clearInterval(this.#poll);
    if (this.#gapTimer !== null) clearTimeout(this.#gapTimer);
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#abort.abort();
    this.#wake?.();
    await this.#loop;
    await this.#perAggregate.settled();
    this.#batches?.stop();
    await this.#batches?.settled();
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    await this.#save();
  }

  /** Resolves once every event written so far is handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (!this.#abort.signal.aborted) {
      await this.#perAggregate.settled();
      // Waiting for everything: a gathering batch need not wait any longer.
      this.#batches?.flush();
      await this.#batches?.settled();
      const head = await this.#deps.store.events.head();
      if (this.#cursor >= head && !this.#inFlight.size) break;
      this.#readLog = true;
      this.#wake?.();
      await new Promise((r) => setTimeout(r, 5));
    }
    await this.#save();
  }

  /** Something was written that the hand-off does not bring (another thread's or process's commit): read the log. */
  nudge(): void {
    this.#readLog = true;
    this.#poke();
  }

  /** Where the listener is. */
  async status(): Promise<ListenerStatus> {
    const head = await this.#deps.store.events.head();
    const checkpoint = this.#checkpoint();
    return {
      name: this.#listener.name,
      checkpoint,
      head,
      lag: head - checkpoint,
      inFlight: this.#inFlight.size,
      retrying: this.#retrying.size,
    };
  }

  async #run(): Promise<void> {
    const { log } = this.#deps;
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      let more = false;
      try {
        if (this.#inFlight.size < this.#maxInFlight) more = await this.#next();
      } catch (err) {
        log.error("listener could not read the event log", { listener: this.#listener.name, err });
      }
      if (more) continue;
      if (this.#poked) {
        this.#poked = false;
        continue;
      }
      // Stopped while reading: nothing would wake a wait now (`stop` wakes only a loop already waiting).
      if (signal.aborted) break;
      // Woken by a hand-off, a freed slot, the poll (`start`) or `stop`.
      await new Promise<void>((resolve) => {
        this.#wake = () => {
          this.#wake = null;
          resolve();
        };
      });
    }
  }

  /**
   * Takes the next events: from this process's hand-off when it follows on from the cursor (no read),
   * otherwise from the log. True when there may be more at once.
   */
  async #next(): Promise<boolean> {
    const room = this.#maxInFlight - this.#inFlight.size;
    // Only the run that follows on without a gap (another process may have written in between).
    const { run, gap } = this.#handed.take(this.#cursor, room);
    if (run.length) {
      for (const e of run) this.#see(e);
      this.#advance();
      return this.#handed.length > 0;
    }
    if (!this.#readLog) {
      // A gap is mostly the append worker's events, committed and on their way here: waited for a moment, then
      // (another process's events, which the cluster's wake-up or the poll did not flag) read from the log.
      if (gap) {
        this.#gapTimer ??= setTimeout(() => {
          this.#gapTimer = null;
          if (this.#handed.length) this.nudge();
        }, this.#opts.gapWaitMs);
      }
      return false;
    }
    this.#readLog = false;
    const { store } = this.#deps;
    const head = await store.events.head();
    if (head <= this.#cursor) return false;
    const limit = Math.min(200, room);
    const events = await store.events.after(this.#cursor, { limit, types: this.#types });
    // A full page: there is more to read at once.
    this.#readLog = events.length === limit;
    for (const e of events) this.#see(e);
    // Nothing of ours up to the head: the events in between are not for this listener.
    if (!events.length) this.#cursor = Math.max(this.#cursor, head);
    this.#advance();
    return events.length > 0;
  }

  /**
   * Events handed over while the listener waits with nothing else to do, none of which it wants, following on
   * from its cursor: it moves past them without waking up. Most of a busy relay's events are for one or two
   * of the listeners; waking all of them for each one cost every relayed message a turn of each loop.
   */
  #passOver(events: DomainEvent[]): boolean {
    if (!this.#wake || this.#readLog || this.#handed.length || events[0]?.position !== this.#cursor + 1) return false;
    try {
      for (let i = 0; i < events.length; i++) {
        const e = events[i];
        if (e.position !== this.#cursor + 1 + i) return false;
        if (this.#typeSet.has(e.type) && (this.#listener.wants?.(e) ?? true)) return false;
      }
    } catch {
      return false; // a `wants` that throws: the loop looks again, where failures are logged
    }
    this.#cursor = events[events.length - 1].position;
    this.#advance();
    return true;
  }

  #poke() {
    if (this.#wake) this.#wake();
    else this.#poked = true;
  }

  /** An event at the cursor: handled when it is of a type this listener takes, passed over otherwise. */
  #see(event: DomainEvent) {
    if (this.#typeSet.has(event.type) && (this.#listener.wants?.(event) ?? true)) this.#dispatch(event);
    else this.#cursor = event.position;
  }

  #dispatch(event: DomainEvent) {
    this.#cursor = event.position;
    this.#inFlight.add(event.position);
    if (this.#batches) return this.#batches.add(event);
    this.#perAggregate.run(event.aggregateId, async () => {
      // In slices between the sockets' turns: a burst of events must not hold up every socket's frames.
      await backgroundTurn();
      if (await this.#handle(event)) {
        this.#inFlight.delete(event.position);
        this.#advance();
      }
    }).finally(() => {
      // A freed slot may let the reader go on.
      if (this.#inFlight.size < this.#maxInFlight) this.#wake?.();
    });
  }

  /** Handles one event with retries; false when stopped before it was done. */
  #handle(event: DomainEvent): Promise<boolean> {
    const ctx = { deps: this.#deps, listener: this.#listener, opts: this.#opts, retrying: this.#retrying };
    return handleWithRetries({ ...ctx, signal: this.#abort.signal }, event);
  }

  /** Everything at or before this position is done. */
  #checkpoint(): number {
    // Positions enter the set in increasing order and a Set iterates in insertion order: its first is the least.
    const first = this.#inFlight.values().next();
    return first.done ? this.#cursor : first.value - 1;
  }

  #advance() {
    if (this.#checkpoint() <= this.#saved || this.#saveTimer !== null) return;
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = null;
      this.#save().catch((err) => this.#deps.log.error("checkpoint not saved", { listener: this.#listener.name, err }));
    }, this.#opts.checkpointEveryMs);
  }

  async #save() {
    const position = this.#checkpoint();
    if (position <= this.#saved) return;
    await this.#deps.store.events.saveCheckpoint(this.#listener.name, position, this.#deps.clock.now());
    this.#saved = position;
  }
}
