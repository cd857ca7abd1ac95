/**
 * Work run one at a time per key, in the order it was queued, concurrently across keys (a listener's events
 * per aggregate; the Slack alert of one conversation). A failed piece of work does not stop the next.
 *
 * @module
 */
export class OneAtATime {
  #tails = new Map<string, Promise<void>>();

  /** Runs `work` after the work queued before it under `key`; settles as `work` does. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (this.#tails.get(key) ?? Promise.resolve()).then(work);
    const settled = next.then(() => {}, () => {});
    this.#tails.set(key, settled);
    settled.then(() => {
      if (this.#tails.get(key) === settled) this.#tails.delete(key);
    });
    return next;
  }

  /** Resolves once all work queued so far has settled. */
  async settled(): Promise<void> {
    await Promise.all([...this.#tails.values()]);
  }
}
