/**
 * The visitor's own typing signal, throttled: `on` at the first keystroke and
 * again at most every `repeatMs` while typing continues (so the other side's
 * indicator, which expires, stays up), `off` after `idleMs` without input or
 * when the message is sent.
 *
 * @module
 */

/** Timers, injectable for tests. */
export interface TypingClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const realClock: TypingClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as number),
};

/** Sends `typing` on/off through `send`, throttled. */
export class TypingSignal {
  #on = false;
  #lastOn = -Infinity;
  #idle: unknown;

  constructor(
    private send: (on: boolean) => void,
    private opts: { repeatMs?: number; idleMs?: number; clock?: TypingClock } = {},
  ) {}

  get #clock(): TypingClock {
    return this.opts.clock ?? realClock;
  }

  /** The visitor typed something. */
  input(): void {
    const now = this.#clock.now();
    if (!this.#on || now - this.#lastOn >= (this.opts.repeatMs ?? 4000)) {
      this.#on = true;
      this.#lastOn = now;
      this.send(true);
    }
    if (this.#idle !== undefined) this.#clock.clearTimeout(this.#idle);
    this.#idle = this.#clock.setTimeout(() => this.stop(), this.opts.idleMs ?? 3000);
  }

  /** Sent, cleared, or idle: `off` if `on` was said. */
  stop(): void {
    if (this.#idle !== undefined) this.#clock.clearTimeout(this.#idle);
    this.#idle = undefined;
    if (!this.#on) return;
    this.#on = false;
    this.send(false);
  }
}
