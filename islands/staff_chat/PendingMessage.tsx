/**
 * A reply (or an internal note) typed here that the server has not stored
 * yet: drawn like the message it will become, but paler, with the one
 * pending-send footer of the staff chat under it: "Sending…", or "Not sent"
 * with why and a Retry button (announced, since the reader's eyes may be on
 * the composer).
 *
 * @module
 */
import { Icon } from "../../components/Icons.tsx";
import { Attachments } from "./Attachments.tsx";
import type { PendingReply } from "./live/state.ts";

/** Props of {@linkcode PendingMessage}. */
export interface PendingMessageProps {
  reply: PendingReply;
  /** An internal note (amber, locked) rather than a reply to the visitor. */
  note?: boolean;
  onRetry: (r: PendingReply) => void;
}

/** "Sending…", or "Not sent: why" and Retry. */
function PendingFooter({ reply, onRetry }: Pick<PendingMessageProps, "reply" | "onRetry">) {
  if (reply.state !== "failed") return <p class="mt-1 text-xs text-slate-500">Sending…</p>;
  return (
    <p class="mt-1 flex items-center gap-2 text-xs text-red-700" role="alert">
      <Icon name="alert" class="size-3.5" />
      Not sent{reply.error ? `: ${reply.error}` : "."}
      <button type="button" class="font-semibold text-indigo-700 underline" onClick={() => onRetry(reply)}>
        Retry
      </button>
    </p>
  );
}

/** A reply on its way (or that failed, with a retry). */
export function PendingMessage({ reply, note, onRetry }: PendingMessageProps) {
  const failed = reply.state === "failed";
  return (
    <div class="flex flex-col items-end" data-kind="pending">
      <p class="mb-1 flex items-center gap-1 text-xs font-medium text-slate-700">
        {note && <Icon name="lock" class="size-3.5 text-amber-700" />}
        {note ? "Your internal note" : "You"}
      </p>
      <div
        class={`max-w-[85%] rounded-2xl rounded-tr-sm px-4 py-2.5 text-sm leading-6 break-words whitespace-pre-wrap ${
          note
            ? "bg-amber-50/70 text-amber-950 ring-1 ring-amber-200"
            : failed
            ? "bg-slate-400 text-white"
            : "bg-indigo-600/70 text-white"
        }`}
      >
        {reply.text}
        {reply.attachments?.length ? <Attachments items={reply.attachments} dark={!note} /> : null}
      </div>
      <PendingFooter reply={reply} onRetry={onRetry} />
    </div>
  );
}
