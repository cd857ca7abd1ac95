/**
 * `useComposer`: what every staff reply box (the Inbox's composer, a
 * ticket's reply box) does the same way. Send works once the island has
 * hydrated; sending an empty reply says so under the box instead; a sent
 * reply clears the draft and leaves the focus in the box for the next one.
 * Enter sends, Shift+Enter starts a new line, and an IME composition is
 * never cut short.
 *
 * @module
 */
import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";

/** What the box is bound to. */
export interface ComposerOptions {
  draft: string;
  onDraft: (text: string) => void;
  input: RefObject<HTMLTextAreaElement | null>;
}

/** True for the key that sends: Enter, without Shift, outside an IME composition. */
export function sendsOnEnter(e: KeyboardEvent): boolean {
  return e.key === "Enter" && !e.shiftKey && !e.isComposing;
}

/** `ready` (hydrated), the `hint` shown under the box, and `submit`. */
export function useComposer({ draft, onDraft, input }: ComposerOptions) {
  const [ready, setReady] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  useEffect(() => setReady(true), []);

  /** Hands the draft to `send` and clears it; with nothing written, says `empty` instead. True when sent. */
  function submit(send: (text: string) => void, empty: string): boolean {
    if (!draft.trim()) {
      setHint(empty);
      input.current?.focus();
      return false;
    }
    send(draft);
    onDraft("");
    setHint(null);
    input.current?.focus();
    return true;
  }

  return { ready, hint, setHint, submit };
}
