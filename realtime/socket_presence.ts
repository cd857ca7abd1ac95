/**
 * In-process presence: counts open visitor sockets per visitor id.
 *
 * @module
 */
import type { Presence } from "../models/ports/presence.ts";

/** Presence of this process's visitor sockets. */
export class SocketPresence implements Presence {
  #count = new Map<string, number>();
  join(visitorId: string): void {
    this.#count.set(visitorId, (this.#count.get(visitorId) ?? 0) + 1);
  }
  leave(visitorId: string): void {
    const n = (this.#count.get(visitorId) ?? 1) - 1;
    if (n <= 0) this.#count.delete(visitorId);
    else this.#count.set(visitorId, n);
  }
  isOnline(visitorId: string): Promise<boolean> {
    return Promise.resolve(this.isHere(visitorId));
  }
  /** Whether this process holds a socket of the visitor. */
  isHere(visitorId: string): boolean {
    return (this.#count.get(visitorId) ?? 0) > 0;
  }
  /** The visitors with a socket here. */
  visitors(): IterableIterator<string> {
    return this.#count.keys();
  }
}
