/**
 * The Inbox's reply box (see `useComposer` for how every staff reply box
 * sends). The draft lives with its conversation, so switching back and forth
 * keeps what was typed; replying where the AI answers takes over from it.
 *
 * @module
 */
import { useRef } from "preact/hooks";
import { CharsLeft, SendButton } from "../staff_chat/ComposerParts.tsx";
import { MAX_REPLY_CHARS } from "../staff_chat/types.ts";
import { sendsOnEnter, useComposer } from "../staff_chat/use_composer.ts";

/** Props of {@linkcode Composer}. */
export interface ComposerProps {
  /** Whose conversation (placeholder text). */
  visitorName: string;
  /** The AI answers now: replying takes over. */
  aiAnswering: boolean;
  draft: string;
  onDraft: (text: string) => void;
  onSend: (text: string) => void;
  /** Every keystroke (our typing indicator). */
  onInput: () => void;
}

/** Textarea plus Send. */
export function Composer(p: ComposerProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  const { ready, hint, setHint, submit: send } = useComposer({ draft: p.draft, onDraft: p.onDraft, input });

  function submit(e: Event) {
    e.preventDefault();
    send(p.onSend, "Write a reply first.");
  }

  return (
    <form onSubmit={submit} noValidate class="border-t border-slate-200 bg-white p-3">
      <label for="inbox-reply" class="sr-only">Reply</label>
      <div class="flex items-end gap-2">
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
