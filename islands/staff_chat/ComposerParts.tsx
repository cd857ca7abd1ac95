/**
 * Pieces every staff reply box draws the same way: the Send button (an
 * amber "Add note" when the box writes an internal note) and the count of
 * characters left once a reply nears the limit.
 *
 * @module
 */
import { Icon } from "../../components/Icons.tsx";
import { MAX_REPLY_CHARS } from "./types.ts";

/** Send, or Add note; disabled until the island has hydrated. */
export function SendButton({ ready, note }: { ready: boolean; note?: boolean }) {
  return (
    <button
      type="submit"
      class={`h-11 ${note ? "btn bg-amber-600 text-white hover:bg-amber-500" : "btn-primary"}`}
      disabled={!ready}
    >
      {note ? <Icon name="lock" class="size-4" /> : <Icon name="send" class="size-4" />}
      {note ? "Add note" : "Send"}
    </button>
  );
}

/** "120 characters left.", shown only within 200 characters of the limit. */
export function CharsLeft({ draft }: { draft: string }) {
  const left = MAX_REPLY_CHARS - draft.length;
  return left < 200 ? <span class="ml-1">{left} characters left.</span> : null;
}
