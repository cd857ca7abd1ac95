/**
 * The Inbox's reply box (see `useComposer` for how every staff reply box
 * sends). The draft lives with its conversation, so switching back and forth
 * keeps what was typed; replying where the AI answers takes over from it.
 * Files: the "Attach file" button, a drop on the box, or a pasted image.
 *
 * @module
 */
import { useRef } from "preact/hooks";
import { AttachButton, DraftFiles, DropHint } from "../staff_chat/attach/AttachControls.tsx";
import { CharsLeft, SendButton } from "../staff_chat/ComposerParts.tsx";
import { MAX_REPLY_CHARS, type WireAttachment } from "../staff_chat/types.ts";
import { sendsOnEnter, useComposer } from "../staff_chat/use_composer.ts";

/** Props of {@linkcode Composer}. */
export interface ComposerProps {
  /** Whose conversation (placeholder text). */
  visitorName: string;
  /** The AI answers now: replying takes over. */
  aiAnswering: boolean;
  draft: string;
  onDraft: (text: string) => void;
  onSend: (text: string, attachments: WireAttachment[]) => void;
  /** The server's upload limit, in bytes. */
  maxUploadBytes: number;
  /** Every keystroke (our typing indicator). */
  onInput: () => void;
}

/** Files, textarea, Attach and Send. */
export function Composer(p: ComposerProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  const { ready, hint, setHint, submit: send, files } = useComposer({
    draft: p.draft,
    onDraft: p.onDraft,
    input,
    maxUploadBytes: p.maxUploadBytes,
  });

  function submit(e: Event) {
    e.preventDefault();
    send(p.onSend, "Write a reply first.");
  }

  return (
    <form onSubmit={submit} noValidate class="relative border-t border-slate-200 bg-white p-3" {...files.dropZone}>
      <DropHint files={files} />
      <DraftFiles files={files} />
      <label for="inbox-reply" class="sr-only">Reply</label>
      <div class="flex items-end gap-2">
        <AttachButton files={files} ready={ready} />
        <textarea
          id="inbox-reply"
          ref={input}
          name="reply"
          rows={2}
          value={p.draft}
          maxLength={MAX_REPLY_CHARS}
          placeholder={`Reply to ${p.visitorName}…`}
          aria-describedby="inbox-reply-hint"
          onInput={(e) => {
            p.onDraft((e.currentTarget as HTMLTextAreaElement).value);
            p.onInput();
            if (hint) setHint(null);
          }}
          onKeyDown={(e) => {
            if (sendsOnEnter(e)) submit(e);
          }}
          onPaste={files.onPaste}
          class="field-input mt-0 max-h-40 min-h-11 flex-1 resize-y"
        />
        <SendButton ready={ready} />
      </div>
      <p id="inbox-reply-hint" class={`mt-1.5 text-xs ${hint ? "text-red-700" : "text-slate-500"}`}>
        {hint ?? (
          <>
            <span class="hidden sm:inline">Enter to send, Shift+Enter for a new line.</span>
            {p.aiAnswering && <span class="sm:ml-1">Replying takes over from the AI.</span>}
            <CharsLeft draft={p.draft} />
          </>
        )}
      </p>
    </form>
  );
}
