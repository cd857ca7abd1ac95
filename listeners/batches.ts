/**
 * A batch listener's events (`Listener.batch`) gathered into batches for `ListenerRunner`: a batch starts when
 * full or once the first of its events waited `waitMs`, and one batch runs at a time, in log order, so
 * per-aggregate order holds. A batch that fails is handled again event by event (with the runner's retries and
 * dead letters), in order.
 *
 * @module
 */
import type { DomainEvent } from "../models/events/event.ts";
import type { Listener } from "./listener.ts";

/** What the runner does around a batch. */
export interface BatchHooks {
  /** Handles one event with retries; false when stopped before it was done. */
  handleOne(event: DomainEvent): Promise<boolean>;
  /** The event is done (the checkpoint may pass it). */
  done(event: DomainEvent): void;
  /** A batch ended, done or not. */
  ended(): void;
  /** The batch failed as a whole: it is handled event by event. */
  failed(events: DomainEvent[], err: unknown): void;
  /** The runner is stopping: no batch starts any more. */
  stopped(): boolean;
}

type BatchContext = Parameters<NonNullable<Listener["batch"]>["handle"]>[1];

/** The batches of one listener. */
export class Batches {
  #batch: NonNullable<Listener["batch"]>;
  #hooks: BatchHooks;
  #ctx: BatchContext;
  #pending: DomainEvent[] = [];
  #running: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(batch: NonNullable<Listener["batch"]>, ctx: BatchContext, hooks: BatchHooks) {
    this.#batch = batch;
    this.#ctx = ctx;
    this.#hooks = hooks;
  }

  /** An event at the cursor: kept for the next batch. */
  add(event: DomainEvent): void {
    this.#pending.push(event);
    this.#schedule();
  }

  /** Starts the next batch now unless one is running (it starts the next itself when done). */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#running || !this.#pending.length || this.#hooks.stopped()) return;
    const events = this.#pending.splice(0, this.#batch.maxEvents);
    this.#running = this.#handle(events).finally(() => {
      this.#running = null;
      this.#hooks.ended();
      if (!this.#hooks.stopped()) this.#schedule();
    });
  }

  /** Resolves once the running batch (if any) has ended. */
  async settled(): Promise<void> {
    await this.#running;
  }

  /** No batch starts on the timer any more (the runner is stopping). */
  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #handle(events: DomainEvent[]): Promise<void> {
    try {
      await this.#batch.handle(events, this.#ctx);
      for (const e of events) this.#hooks.done(e);
    } catch (err) {
      this.#hooks.failed(events, err);
      for (const e of events) {
        if (!(await this.#hooks.handleOne(e))) return;
        this.#hooks.done(e);
      }
    }
  }

  #schedule() {
    const { maxEvents, waitMs } = this.#batch;
    if (this.#pending.length >= maxEvents) this.flush();
    else if (this.#pending.length && this.#timer === null && !this.#running) {
      this.#timer = setTimeout(() => this.flush(), waitMs);
    }
  }
}
