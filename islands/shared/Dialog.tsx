/**
 * A modal dialog on the browser's own `<dialog>` (`showModal()`): the page
 * behind is inert, the dialog is labelled by its title (and described by
 * its description), Tab and Shift+Tab cycle inside it, Escape closes it, and
 * focus returns to what had it before (the button that opened it). Keys
 * pressed inside stay inside (page shortcuts don't fire behind it). Render
 * it only while open; closing is the caller's `onClose`.
 *
 * @module
 */
import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";
import { Icon } from "../../components/Icons.tsx";

/** Props of {@linkcode Dialog}. */
export interface DialogProps {
  /** Prefix of the dialog's ids, unique on the page. */
  id: string;
  title: string;
  description?: string;
  onClose: () => void;
  children: ComponentChildren;
}

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), " +
  "textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/** The focusable elements of `root`, in tab order (tabindex > 0 is not used in this app). */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden && el.tabIndex >= 0);
}

/** The open dialog; see the module doc. */
export function Dialog(p: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    // The first field, not the close button: people come to fill the form.
    (dialog.querySelector<HTMLElement>("input, select, textarea") ?? focusables(dialog)[0])?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (before?.isConnected) before.focus();
    };
  }, []);

  function onKeyDown(e: KeyboardEvent) {
    // The page behind is inert: its keyboard shortcuts (document listeners) must not act either.
    e.stopPropagation();
    if (e.key === "Escape") {
      e.preventDefault();
      p.onClose();
      return;
    }
    if (e.key !== "Tab") return;
    const all = focusables(ref.current!);
    if (!all.length) return;
    const first = all[0], last = all[all.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      id={p.id}
      aria-labelledby={`${p.id}-title`}
      aria-describedby={p.description ? `${p.id}-description` : undefined}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        p.onClose();
      }}
      class="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-xl overflow-y-auto rounded-2xl bg-white text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/50"
    >
      <div class="flex items-start justify-between gap-3 border-b border-slate-100 px-5 py-4 sm:px-6">
        <div class="min-w-0">
          <h2 id={`${p.id}-title`} class="text-lg font-semibold text-slate-900">{p.title}</h2>
          {p.description && <p id={`${p.id}-description`} class="mt-1 text-sm text-slate-600">{p.description}</p>}
        </div>
        <button type="button" class="btn-ghost -mr-2 shrink-0 px-1.5" aria-label="Close" onClick={p.onClose}>
          <Icon name="close" class="size-5" />
        </button>
      </div>
      <div class="px-5 py-5 sm:px-6">{p.children}</div>
    </dialog>
  );
}
