/**
 * A value that clears itself after a while (a notice, the other side's typing
 * indicator whose `off` never came), telling its owner when it does.
 *
 * @module
 */

/** Holds a value for `ms` after each `set`, then null. */
export class Expiring<T> {
  value: T | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ms: number, private readonly onExpire: () => void) {}

  /** Sets the value (null clears it at once) and restarts the clock. */
  set(value: T | null): void {
    this.value = value;
    clearTimeout(this.#timer);
    if (value === null) return;
    this.#timer = setTimeout(() => {
      this.value = null;
      this.onExpire();
    }, this.ms);
  }

  /** Stops the clock for good. */
  stop(): void {
    clearTimeout(this.#timer);
  }
}
