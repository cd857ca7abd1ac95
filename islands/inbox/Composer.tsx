/**
 * The Inbox's reply box (see `useComposer` for how every staff reply box
 * sends). The draft lives with its conversation, so switching back and forth
 * keeps what was typed; replying where the AI answers takes over from it.
 * Files: the "Attach file" button, a drop on the box, or a pasted image.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import { languageLabel } from "../../components/LanguageBadge.tsx";
import { translate } from "./rest.ts";
import { AttachButton, DraftFiles, DropHint } from "../staff_chat/attach/AttachControls.tsx";
import { CharsLeft, SendButton } from "../staff_chat/ComposerParts.tsx";
import { MAX_REPLY_CHARS, type WireAttachment } from "../staff_chat/types.ts";
import { sendsOnEnter, useComposer } from "../staff_chat/use_composer.ts";
import { Icon } from "../../components/Icons.tsx";

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
  /** The customer's language when it is not the team's and the agent's provider can translate. */
  translateTo?: { conversationId: string; language: string };
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

  /** The draft as written before it was translated (for Undo), and a translation's error. */
  const [before, setBefore] = useState<string | null>(null);
  const [translating, setTranslating] = useState(false);
  const [translateError, setTranslateError] = useState<string | null>(null);
  const target = p.translateTo;

  async function translateDraft() {
    if (!target || !p.draft.trim()) return;
    setTranslating(true);
    setTranslateError(null);
    const res = await translate(target.conversationId, p.draft, target.language);
    setTranslating(false);
    if (!res.ok) return setTranslateError(res.error.message);
    setBefore(p.draft);
    p.onDraft(res.data.text);
  }

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
          lang={before !== null && target ? target.language : undefined}
          onInput={(e) => {
            setBefore(null);
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
      {target && (
        <div class="mt-1.5 flex flex-wrap items-center gap-2 text-xs">
          {before === null
            ? (
              <button
                type="button"
                class="btn-ghost px-2 py-1 text-xs"
                onClick={translateDraft}
                disabled={translating || !p.draft.trim()}
              >
                <Icon name="sparkles" class="size-4 text-violet-600" />
                {translating ? "Translating…" : `Translate reply to ${languageLabel(target.language)}`}
              </button>
            )
            : (
              <>
                <span class="text-slate-600">Translated to {languageLabel(target.language)}: check it, then send.</span>
                <button
                  type="button"
                  class="btn-ghost px-2 py-1 text-xs"
                  onClick={() => {
                    p.onDraft(before);
                    setBefore(null);
                  }}
                >
                  Undo translation
                </button>
              </>
            )}
          {translateError && <span class="text-red-700" role="alert">{translateError}</span>}
        </div>
      )}
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
