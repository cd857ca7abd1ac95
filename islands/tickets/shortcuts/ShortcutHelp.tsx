/**
 * The "?" button and its popover listing the keyboard shortcuts. Escape or
 * a click outside closes it (focus goes back to the button).
 *
 * @module
 */
import { useLayoutEffect, useRef } from "preact/hooks";
import { useDismiss } from "../../shared/use_dismiss.ts";
import { SHORTCUTS } from "./keys.ts";

/** Props of {@linkcode ShortcutHelp}. */
export interface ShortcutHelpProps {
  open: boolean;
  onOpen: (open: boolean) => void;
}

/** Button plus popover. */
export function ShortcutHelp({ open, onOpen }: ShortcutHelpProps) {
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useDismiss(open, () => onOpen(false), root, button);
  useLayoutEffect(() => {
    if (open) panel.current?.focus();
  }, [open]);
  return (
    <div ref={root} class="relative">
      <button
        ref={button}
        id="tickets-shortcuts-button"
        type="button"
        class="btn-secondary size-8 p-0 font-mono text-sm"
        aria-expanded={open ? "true" : "false"}
        aria-controls="tickets-shortcuts"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => onOpen(!open)}
      >
        ?
      </button>
      {open && (
        <div
          ref={panel}
          id="tickets-shortcuts"
          role="dialog"
          aria-labelledby="tickets-shortcuts-heading"
          tabIndex={-1}
          class="absolute right-0 z-30 mt-2 w-72 rounded-xl bg-white p-4 shadow-lg ring-1 ring-slate-200"
        >
          <h2 id="tickets-shortcuts-heading" class="text-sm font-semibold text-slate-900">Keyboard shortcuts</h2>
          <p class="mt-1 text-xs text-slate-500">They work anywhere on the page except while you type in a field.</p>
          <dl class="mt-3 space-y-1.5">
            {SHORTCUTS.map((s) => (
              <div key={s.action} class="flex items-center justify-between gap-3 text-sm">
                <dt class="text-slate-700">{s.label}</dt>
                <dd>
                  {s.keys.map((k) => (
                    <kbd
                      key={k}
                      class="inline-grid min-w-6 place-items-center rounded-md bg-slate-50 px-1.5 py-0.5 font-mono text-xs font-semibold text-slate-700 ring-1 ring-slate-300"
                    >
                      {k}
                    </kbd>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </div>
  );
}
