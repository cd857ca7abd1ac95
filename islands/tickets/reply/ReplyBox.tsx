/**
 * The ticket's reply box: a Reply / Internal note switch (a note is amber,
 * locked, and never reaches the customer), the text, and Send. Enter sends,
 * Shift+Enter starts a new line, Escape leaves the box (so the page's
 * shortcuts work again). Canned responses: `/` at the start of the text (or
 * of a line) opens a menu filtered by what follows; arrow keys pick, Enter or
 * Tab inserts the body. The "Canned" button lists them all. Files: the
 * "Attach file" button, a drop on the box, or a pasted image.
 *
 * @module
 */
import type { RefObject } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { Icon } from "../../../components/Icons.tsx";
import { AttachButton, DraftFiles, DropHint } from "../../staff_chat/attach/AttachControls.tsx";
import { CharsLeft, SendButton } from "../../staff_chat/ComposerParts.tsx";
import { MAX_REPLY_CHARS, type WireAttachment } from "../../staff_chat/types.ts";
import { sendsOnEnter, useComposer } from "../../staff_chat/use_composer.ts";
import type { CannedResponse } from "../types.ts";
import { filterCanned, insertCanned, type SlashToken, slashToken } from "./canned.ts";
import { cannedOptionId, CannedPicker, SlashMenu } from "./CannedMenus.tsx";

/** Reply to the customer, or a note for the team. */
export type ReplyMode = "reply" | "note";

/** Props of {@linkcode ReplyBox}. */
export interface ReplyBoxProps {
  mode: ReplyMode;
  onMode: (m: ReplyMode) => void;
  draft: string;
  onDraft: (text: string) => void;
  onSend: (text: string, internal: boolean, attachments: WireAttachment[]) => void;
  /** The server's upload limit, in bytes. */
  maxUploadBytes: number;
  /** Every keystroke of a reply (our typing indicator; notes send none). */
  onInput: () => void;
  /** The workspace's canned responses; null until loaded. */
  canned: CannedResponse[] | null;
  cannedError: string | null;
  /** Asks for the canned responses (the first time they are needed). */
  onNeedCanned: () => void;
  customer: string;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/** Mode switch, text box with the slash menu, Canned and Send. */
export function ReplyBox(p: ReplyBoxProps) {
  const [token, setToken] = useState<SlashToken | null>(null);
  const [active, setActive] = useState(0);
  const [picker, setPicker] = useState(false);
  const caret = useRef<number | null>(null);
  const input = p.inputRef;
  const note = p.mode === "note";
  const { ready, hint, setHint, submit: send, files } = useComposer({
    draft: p.draft,
    onDraft: p.onDraft,
    input,
    maxUploadBytes: p.maxUploadBytes,
  });

  const matches = token && p.canned ? filterCanned(p.canned, token.query) : [];
  const menuOpen = token !== null;
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));

  // Put the caret after inserted text once the new value is rendered.
  useLayoutEffect(() => {
    if (caret.current === null || !input.current) return;
    input.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [p.draft]);

  function track(el: HTMLTextAreaElement) {
    const t = slashToken(el.value, el.selectionStart ?? el.value.length);
    if (t && !p.canned) p.onNeedCanned();
    if (t?.query !== token?.query || (t === null) !== (token === null)) setActive(0);
    setToken(t);
  }

  function insert(c: CannedResponse) {
    const el = input.current;
    const at = el?.selectionStart ?? p.draft.length;
    const next = insertCanned(p.draft, token, c.body, at);
    caret.current = next.caret;
    setToken(null);
    setPicker(false);
    p.onDraft(next.text);
    el?.focus();
  }

  function submit(e: Event) {
    e.preventDefault();
    const sent = send(
      (text, attachments) => p.onSend(text, note, attachments),
      note ? "Write a note first." : "Write a reply first.",
    );
    if (sent) setToken(null);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (menuOpen && matches.length && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      const n = matches.length;
      setActive((activeIndex + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
      return;
    }
    if (menuOpen && matches.length && (e.key === "Enter" || e.key === "Tab") && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      insert(matches[activeIndex]);
      return;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      if (menuOpen) setToken(null);
      else (e.currentTarget as HTMLTextAreaElement).blur();
      return;
    }
    if (sendsOnEnter(e)) submit(e);
  }

  const label = note ? "Internal note" : `Reply to ${p.customer}`;

  return (
    <form
      onSubmit={submit}
      noValidate
      class={`relative border-t p-3 transition-colors ${
        note ? "border-amber-200 bg-amber-50" : "border-slate-200 bg-white"
      }`}
      {...files.dropZone}
    >
      <DropHint files={files} />
      <div class="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div role="radiogroup" aria-label="Message type" class="flex gap-0.5 rounded-lg bg-slate-100 p-1">
          {([["reply", "Reply"], ["note", "Internal note"]] as const).map(([key, text]) => (
            <label
              key={key}
              class={`flex cursor-pointer items-center gap-1.5 rounded-md px-2.5 py-1 text-xs font-semibold whitespace-nowrap has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-indigo-600 ${
                p.mode === key
                  ? key === "note" ? "bg-amber-100 text-amber-900 shadow-xs" : "bg-white text-slate-900 shadow-xs"
                  : "text-slate-600 hover:text-slate-900"
              }`}
            >
              <input
                type="radio"
                name="ticket-reply-mode"
                value={key}
                checked={p.mode === key}
                onChange={() => {
                  p.onMode(key);
                  input.current?.focus();
                }}
                class="sr-only"
              />
              {key === "note" ? <Icon name="lock" class="size-3.5" /> : <Icon name="send" class="size-3.5" />}
              {text}
            </label>
          ))}
        </div>
        <CannedPicker
          open={picker}
          onToggle={() => {
            if (!p.canned) p.onNeedCanned();
            setPicker(!picker);
          }}
          onClose={() => setPicker(false)}
          canned={p.canned}
          cannedError={p.cannedError}
          onInsert={insert}
        />
      </div>
      {token !== null && (
        <SlashMenu
          canned={p.canned}
          cannedError={p.cannedError}
          query={token.query}
          matches={matches}
          activeIndex={activeIndex}
          onActive={setActive}
          onInsert={insert}
        />
      )}
      <DraftFiles files={files} />
      <label for="ticket-reply" class="sr-only">{label}</label>
      <div class="flex items-end gap-2">
        <AttachButton files={files} ready={ready} />
        <textarea
          id="ticket-reply"
          ref={input}
          name="reply"
          rows={3}
          value={p.draft}
          maxLength={MAX_REPLY_CHARS}
          placeholder={note
            ? "Add a note for your team. The customer never sees it."
            : `Reply to ${p.customer}… Type / for canned responses`}
          aria-describedby="ticket-reply-hint"
          aria-controls={menuOpen && matches.length ? "canned-menu" : undefined}
          aria-activedescendant={menuOpen && matches.length ? cannedOptionId(activeIndex) : undefined}
          aria-autocomplete="list"
          onInput={(e) => {
            const el = e.currentTarget as HTMLTextAreaElement;
            p.onDraft(el.value);
            track(el);
            if (!note) p.onInput();
            if (hint) setHint(null);
          }}
          onKeyUp={(e) => {
            if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End") {
              track(e.currentTarget as HTMLTextAreaElement);
            }
          }}
          onClick={(e) => track(e.currentTarget as HTMLTextAreaElement)}
          onBlur={() => setToken(null)}
          onKeyDown={onKeyDown}
          onPaste={files.onPaste}
          class={`field-input mt-0 max-h-48 min-h-16 flex-1 resize-y ${
            note ? "bg-white ring-amber-300 focus:ring-amber-500" : ""
          }`}
        />
        <SendButton ready={ready} note={note} />
      </div>
      <p
        id="ticket-reply-hint"
        class={`mt-1.5 text-xs ${hint ? "text-red-700" : note ? "text-amber-800" : "text-slate-500"}`}
        role={hint ? "alert" : undefined}
      >
        {hint ?? (
          <>
            {note
              ? <span>Only your team sees notes.</span>
              : <span>The customer sees replies, by email if they left.</span>}
            <span class="ml-1 hidden sm:inline">Enter sends, Shift+Enter adds a line.</span>
            <CharsLeft draft={p.draft} />
          </>
        )}
      </p>
      <p class="sr-only" aria-live="polite">
        {menuOpen && p.canned
          ? matches.length
            ? `${matches.length} canned ${
              matches.length === 1 ? "response" : "responses"
            }. Use the arrow keys, Enter to insert.`
            : "No canned response matches."
          : ""}
      </p>
    </form>
  );
}
