/**
 * The reply box's two ways to a canned response: the "Canned" button with
 * its pop-up listing them all, and the menu that `/` opens over the box,
 * filtered by what follows it (a listbox the textarea drives with the arrow
 * keys, so focus never leaves the text).
 *
 * @module
 */
import { useRef } from "preact/hooks";
import { useDismiss } from "../../shared/use_dismiss.ts";
import type { CannedResponse } from "../types.ts";

const EMPTY_CANNED = "No canned responses yet. Save the replies you send often in Settings → Canned responses " +
  "and they appear here for the whole team.";

/** The id of the slash menu's option `i` (the textarea's `aria-activedescendant`). */
export const cannedOptionId = (i: number): string => `canned-option-${i}`;

/** Props of {@linkcode CannedPicker}. */
export interface CannedPickerProps {
  open: boolean;
  onToggle: () => void;
  /** Escape or a pointer down outside. */
  onClose: () => void;
  /** The workspace's canned responses; null until loaded. */
  canned: CannedResponse[] | null;
  cannedError: string | null;
  onInsert: (c: CannedResponse) => void;
}

/** The "Canned" button and its pop-up of every canned response. */
export function CannedPicker(p: CannedPickerProps) {
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useDismiss(p.open, p.onClose, root, button);
  return (
    <div ref={root} class="relative">
      <button
        ref={button}
        type="button"
        class="btn-ghost px-2 py-1 text-xs"
        aria-expanded={p.open ? "true" : "false"}
        aria-controls="canned-picker"
        onClick={p.onToggle}
      >
        <span aria-hidden="true" class="font-mono text-slate-400">/</span>
        Canned
      </button>
      {p.open && (
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
                      onClick={() => p.onInsert(c)}
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
  );
}

/** Props of {@linkcode SlashMenu}. */
export interface SlashMenuProps {
  canned: CannedResponse[] | null;
  cannedError: string | null;
  /** What follows the `/`. */
  query: string;
  /** The canned responses matching `query`. */
  matches: CannedResponse[];
  activeIndex: number;
  onActive: (i: number) => void;
  onInsert: (c: CannedResponse) => void;
}

/** The menu `/` opens: the matches, the one the arrow keys are on, how to use it. */
export function SlashMenu(p: SlashMenuProps) {
  return (
    <div class="mb-2 overflow-hidden rounded-xl bg-white shadow-md ring-1 ring-slate-200">
      <p class="border-b border-slate-100 px-3 py-1.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
        Canned responses
      </p>
      {p.canned === null
        ? <p class="px-3 py-2 text-sm text-slate-500">{p.cannedError ?? "Loading…"}</p>
        : p.matches.length === 0
        ? (
          <p class="px-3 py-2 text-sm text-slate-600">
            {p.canned.length ? `No canned response matches “/${p.query}”.` : EMPTY_CANNED}
          </p>
        )
        : (
          <ul id="canned-menu" role="listbox" aria-label="Canned responses" class="max-h-56 overflow-y-auto py-1">
            {p.matches.map((c, i) => (
              <li
                key={c.id}
                id={cannedOptionId(i)}
                role="option"
                aria-selected={i === p.activeIndex ? "true" : "false"}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => p.onInsert(c)}
                onMouseMove={() => i !== p.activeIndex && p.onActive(i)}
                class={`cursor-pointer px-3 py-2 ${i === p.activeIndex ? "bg-indigo-50" : ""}`}
              >
                <span class="flex items-baseline justify-between gap-3">
                  <span class="truncate text-sm font-medium text-slate-900">{c.title}</span>
                  <code class={`shrink-0 text-xs ${i === p.activeIndex ? "text-indigo-700" : "text-slate-500"}`}>
                    /{c.shortcut}
                  </code>
                </span>
                <span
                  class={`mt-0.5 line-clamp-1 text-xs ${i === p.activeIndex ? "text-slate-600" : "text-slate-500"}`}
                >
                  {c.body}
                </span>
              </li>
            ))}
          </ul>
        )}
      <p class="border-t border-slate-100 px-3 py-1.5 text-[11px] text-slate-500">
        ↑↓ to choose · Enter to insert · Esc to close
      </p>
    </div>
  );
}
