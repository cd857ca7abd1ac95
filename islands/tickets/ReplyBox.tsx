/**
 * The ticket's reply box: a Reply / Internal note switch (a note is amber,
 * locked, and never reaches the customer), the text, and Send. Enter sends,
 * Shift+Enter starts a new line, Escape leaves the box (so the page's
 * shortcuts work again). Canned responses: `/` at the start of the text (or
 * of a line) opens a menu filtered by what follows; arrow keys pick, Enter or
 * Tab inserts the body. The "Canned" button lists them all.
 *
 * @module
 */
import type { RefObject } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { Icon } from "../../components/Icons.tsx";
import { MAX_REPLY_CHARS } from "../staff_chat/types.ts";
import { useDismiss } from "../shared/use_dismiss.ts";
import { filterCanned, insertCanned, type SlashToken, slashToken } from "./canned.ts";
import type { CannedResponse } from "./types.ts";

/** Reply to the customer, or a note for the team. */
export type ReplyMode = "reply" | "note";

/** Props of {@linkcode ReplyBox}. */
export interface ReplyBoxProps {
  mode: ReplyMode;
  onMode: (m: ReplyMode) => void;
  draft: string;
  onDraft: (text: string) => void;
  onSend: (text: string, internal: boolean) => void;
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

const EMPTY_CANNED = "No canned responses yet. Save the replies you send often with the API " +
  "(POST /api/canned-responses) and they appear here for the whole team.";

/** Mode switch, text box with the slash menu, Canned and Send. */
export function ReplyBox(p: ReplyBoxProps) {
  const [ready, setReady] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const [token, setToken] = useState<SlashToken | null>(null);
  const [active, setActive] = useState(0);
  const [picker, setPicker] = useState(false);
  const caret = useRef<number | null>(null);
  const pickerRoot = useRef<HTMLDivElement>(null);
  const pickerButton = useRef<HTMLButtonElement>(null);
  const input = p.inputRef;
  const note = p.mode === "note";
  useEffect(() => setReady(true), []);
  useDismiss(picker, () => setPicker(false), pickerRoot, pickerButton);

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
    const text = p.draft;
    if (!text.trim()) {
      setHint(note ? "Write a note first." : "Write a reply first.");
      input.current?.focus();
      return;
    }
    p.onSend(text, note);
    p.onDraft("");
    setToken(null);
    setHint(null);
    input.current?.focus();
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
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) submit(e);
  }

  const left = MAX_REPLY_CHARS - p.draft.length;
  const optionId = (i: number) => `canned-option-${i}`;
  const label = note ? "Internal note" : `Reply to ${p.customer}`;

  return (
    <form
      onSubmit={submit}
      noValidate
      class={`relative border-t p-3 transition-colors ${
        note ? "border-amber-200 bg-amber-50" : "border-slate-200 bg-white"
      }`}
    >
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
        <div ref={pickerRoot} class="relative">
          <button
            ref={pickerButton}
            type="button"
            class="btn-ghost px-2 py-1 text-xs"
            aria-expanded={picker ? "true" : "false"}
            aria-controls="canned-picker"
            onClick={() => {
              if (!p.canned) p.onNeedCanned();
              setPicker(!picker);
            }}
          >
            <span aria-hidden="true" class="font-mono text-slate-400">/</span>
            Canned
          </button>
          {picker && (
            <div
              id="canned-picker"
              role="dialog"
              aria-label="Canned responses"
              class="absolute right-0 bottom-full z-20 mb-2 w-80 max-w-[calc(100vw-2rem)] rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-200"
            >
              {p.canned === null
                ? <p class="px-3 py-2 text-sm text-slate-500">{p.cannedError ?? "Loading…"}</p>
                : p.canned.length === 0
                ? <p class="px-3 py-2 text-sm text-slate-600">{EMPTY_CANNED}</p>
                : (
                  <ul class="max-h-64 overflow-y-auto">
                    {p.canned.map((c) => (
                      <li key={c.id}>
                        <button
                          type="button"
                          class="w-full rounded-lg px-3 py-2 text-left hover:bg-slate-50 focus-visible:bg-slate-50"
                          onClick={() => insert(c)}
                        >
                          <span class="flex items-baseline justify-between gap-2">
                            <span class="truncate text-sm font-medium text-slate-900">{c.title}</span>
                            <code class="shrink-0 text-xs text-slate-500">/{c.shortcut}</code>
                          </span>
                          <span class="mt-0.5 line-clamp-2 text-xs text-slate-500">{c.body}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
            </div>
          )}
        </div>
      </div>
      {menuOpen && (
        <div class="mb-2 overflow-hidden rounded-xl bg-white shadow-md ring-1 ring-slate-200">
          <p class="border-b border-slate-100 px-3 py-1.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
            Canned responses
          </p>
          {p.canned === null
            ? <p class="px-3 py-2 text-sm text-slate-500">{p.cannedError ?? "Loading…"}</p>
            : matches.length === 0
            ? (
              <p class="px-3 py-2 text-sm text-slate-600">
                {p.canned.length ? `No canned response matches “/${token.query}”.` : EMPTY_CANNED}
              </p>
            )
            : (
              <ul id="canned-menu" role="listbox" aria-label="Canned responses" class="max-h-56 overflow-y-auto py-1">
                {matches.map((c, i) => (
                  <li
                    key={c.id}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === activeIndex ? "true" : "false"}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => insert(c)}
                    onMouseMove={() => i !== activeIndex && setActive(i)}
                    class={`cursor-pointer px-3 py-2 ${i === activeIndex ? "bg-indigo-50" : ""}`}
                  >
                    <span class="flex items-baseline justify-between gap-3">
                      <span class="truncate text-sm font-medium text-slate-900">{c.title}</span>
                      <code class={`shrink-0 text-xs ${i === activeIndex ? "text-indigo-700" : "text-slate-500"}`}>
                        /{c.shortcut}
                      </code>
                    </span>
                    <span class="mt-0.5 line-clamp-1 text-xs text-slate-500">{c.body}</span>
                  </li>
                ))}
              </ul>
            )}
          <p class="border-t border-slate-100 px-3 py-1.5 text-[11px] text-slate-500">
            ↑↓ to choose · Enter to insert · Esc to close
          </p>
        </div>
      )}
      <label for="ticket-reply" class="sr-only">{label}</label>
      <div class="flex items-end gap-2">
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
          aria-activedescendant={menuOpen && matches.length ? optionId(activeIndex) : undefined}
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
          class={`field-input mt-0 max-h-48 min-h-16 flex-1 resize-y ${
            note ? "bg-white ring-amber-300 focus:ring-amber-500" : ""
          }`}
        />
        <button
          type="submit"
          class={`h-11 ${note ? "btn bg-amber-600 text-white hover:bg-amber-500" : "btn-primary"}`}
          disabled={!ready}
        >
          {note ? <Icon name="lock" class="size-4" /> : <Icon name="send" class="size-4" />}
          {note ? "Add note" : "Send"}
        </button>
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
            {left < 200 && <span class="ml-1">{left} characters left.</span>}
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
