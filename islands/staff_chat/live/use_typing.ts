/**
 * Our side of the typing indicator: `typing on` at the first keystroke and
 * again every few seconds while typing goes on (the visitor's indicator
 * expires otherwise), `typing off` after a pause, on send, and when the
 * selection changes. Never more than one frame per few seconds.
 *
 * @module
 */
import { useRef } from "preact/hooks";
import type { ClientFrame } from "../types.ts";

/** Re-announce "typing" this often while it continues (ms). */
export const TYPING_REFRESH_MS = 3000;
/** Typing stops after this long without a keystroke (ms). */
export const TYPING_IDLE_MS = 4000;

/** A throttle for typing frames; `now` and timers are injectable for tests. */
export class TypingThrottle {
  #on = false;
  #conversation = "";
  #sentAt = 0;
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private send: (f: ClientFrame) => boolean, private now: () => number = Date.now) {}

  /** A keystroke in conversation `id`. */
  input(id: string): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.stop(), TYPING_IDLE_MS);
    if (this.#on && this.#conversation !== id) this.stop();
    if (this.#on && this.now() - this.#sentAt < TYPING_REFRESH_MS) return;
    if (this.send({ type: "typing", conversationId: id, on: true })) {
      this.#on = true;
      this.#conversation = id;
      this.#sentAt = this.now();
    }
  }

  /** Typing is over (sent, paused, or another conversation was opened). */
  stop(): void {
    clearTimeout(this.#idle);
    if (!this.#on) return;
    this.#on = false;
    this.send({ type: "typing", conversationId: this.#conversation, on: false });
  }
}

/** A {@linkcode TypingThrottle} for the selected conversation, stable across renders. */
export function useTyping(send: (f: ClientFrame) => boolean, selected: () => string | null) {
  const ref = useRef<TypingThrottle | null>(null);
  ref.current ??= new TypingThrottle(send);
  const throttle = ref.current;
  return {
    input: () => {
      const id = selected();
      if (id) throttle.input(id);
    },
    stop: () => throttle.stop(),
  };
}
