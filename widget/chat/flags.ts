/**
 * Per-browser flags of the widget ("rated this ticket", "declined to leave an
 * email"), in `localStorage` as `frontdesk:<agentId>:<kind>:<id>`, and kept in
 * memory too where the page blocks storage.
 *
 * @module
 */
import { recall, remember } from "../session.ts";

/** One agent's flags on this browser. */
export class BrowserFlags {
  #memory = new Set<string>();

  constructor(private readonly agentId: string) {}

  has(kind: string, id: string): boolean {
    const key = this.#key(kind, id);
    return this.#memory.has(key) || !!recall(key);
  }

  set(kind: string, id: string, value: string): void {
    const key = this.#key(kind, id);
    this.#memory.add(key);
    remember(key, value);
  }

  #key(kind: string, id: string): string {
    return `frontdesk:${this.agentId}:${kind}:${id}`;
  }
}
