/**
 * `useComposer`: what every staff reply box (the Inbox's composer, a
 * ticket's reply box) does the same way. Send works once the island has
 * hydrated; sending an empty reply says so under the box instead; a sent
 * reply clears the draft and leaves the focus in the box for the next one.
 * Enter sends, Shift+Enter starts a new line, and an IME composition is
 * never cut short. Files ride along (`./attach/`): a reply may be files
 * alone, and waits for its files to finish uploading.
 *
 * @module
 */
import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useAttachments } from "./attach/use_attachments.ts";
import type { WireAttachment } from "./types.ts";

/** What the box is bound to. */
export interface ComposerOptions {
  draft: string;
  onDraft: (text: string) => void;
  input: RefObject<HTMLTextAreaElement | null>;
  /** The server's upload limit, in bytes. */
  maxUploadBytes: number;
}

/** True for the key that sends: Enter, without Shift, outside an IME composition. */
export function sendsOnEnter(e: KeyboardEvent): boolean {
  return e.key === "Enter" && !e.shiftKey && !e.isComposing;
}

const WAIT = "Wait for the files to finish uploading.";
const FAILED = "Remove the files that didn't upload first.";

/** `ready` (hydrated), the `hint` shown under the box, the reply's `files`, and `submit`. */
export function useComposer({ draft, onDraft, input, maxUploadBytes }: ComposerOptions) {
  const [ready, setReady] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const files = useAttachments(maxUploadBytes);
  useEffect(() => setReady(true), []);
  // "Wait for the files" goes once they are up (or removed).
  useEffect(() => {
    if (!files.uploading && !files.failed) setHint((h) => (h === WAIT || h === FAILED ? null : h));
  }, [files.uploading, files.failed]);

  /**
   * Hands the draft and its uploaded files to `send` and clears both; with nothing written or attached,
   * says `empty` instead; while files upload (or one failed), says so. True when sent.
   */
  function submit(send: (text: string, attachments: WireAttachment[]) => void, empty: string): boolean {
    const why = files.uploading ? WAIT : files.failed ? FAILED : !draft.trim() && !files.ready.length ? empty : null;
    if (why) {
      setHint(why);
      input.current?.focus();
      return false;
    }
    send(draft, files.ready);
    onDraft("");
    files.clear();
    setHint(null);
    input.current?.focus();
    return true;
  }

  return { ready, hint, setHint, submit, files };
}
