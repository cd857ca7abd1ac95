/**
 * The reply box: Enter sends, Shift+Enter starts a new line (and an IME
 * composition is never cut short). The draft lives with its conversation, so
 * switching back and forth keeps what was typed.
 *
 * @module
 */
import { Icon } from "../../components/Icons.tsx";
import { useEffect, useRef, useState } from "preact/hooks";
import { MAX_REPLY_CHARS } from "../staff_chat/types.ts";

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
  const [ready, setReady] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => setReady(true), []);

  function submit(e: Event) {
    e.preventDefault();
    const text = p.draft;
    if (!text.trim()) {
      setHint("Write a reply first.");
      input.current?.focus();
      return;
    }
    p.onSend(text);
    p.onDraft("");
    setHint(null);
    input.current?.focus();
  }

  const left = MAX_REPLY_CHARS - p.draft.length;
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
            if (e.key === "Enter" && !e.shiftKey && !e.isComposing) submit(e);
          }}
          class="field-input mt-0 max-h-40 min-h-11 flex-1 resize-y"
        />
        <button type="submit" class="btn-primary h-11" disabled={!ready}>
          <Icon name="send" class="size-4" />
          Send
        </button>
      </div>
      <p id="inbox-reply-hint" class={`mt-1.5 text-xs ${hint ? "text-red-700" : "text-slate-500"}`}>
        {hint ?? (
          <>
            <span class="hidden sm:inline">Enter to send, Shift+Enter for a new line.</span>
            {p.aiAnswering && <span class="sm:ml-1">Replying takes over from the AI.</span>}
            {left < 200 && <span class="ml-1">{left} characters left.</span>}
          </>
        )}
      </p>
    </form>
  );
}
