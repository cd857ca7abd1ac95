/**
 * One canned response in Settings: its title, `/shortcut` and text, with
 * Edit and Delete. Delete asks first, in the row (focus goes to the
 * question's Cancel), and says the server's refusal there.
 *
 * @module
 */
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { Icon } from "../../../components/Icons.tsx";
import { type CannedResponse, deleteCanned } from "./rest.ts";

/** Props of {@linkcode CannedRow}. */
export interface CannedRowProps {
  canned: CannedResponse;
  onEdit: () => void;
  /** Hover or focus on Edit: the form's code can start loading. */
  onEditPreload: () => void;
  onDeleted: () => void;
}

/** A row of the list. */
export function CannedRow({ canned: c, onEdit, onEditPreload, onDeleted }: CannedRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const del = useRef<HTMLButtonElement>(null);
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    (confirming ? cancel : del).current?.focus();
  }, [confirming]);

  async function remove() {
    setBusy(true);
    setError(null);
    const res = await deleteCanned(c.id);
    setBusy(false);
    if (res.ok || res.status === 404) return onDeleted();
    setError(res.error.message);
  }

  const titleId = `canned-${c.id}-title`;
  return (
    <li class="px-5 py-4 sm:px-6" aria-labelledby={titleId}>
      <div class="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div class="min-w-0">
          <p class="flex flex-wrap items-baseline gap-x-2">
            <span id={titleId} class="text-sm font-semibold text-slate-900">{c.title}</span>
            <code class="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">/{c.shortcut}</code>
          </p>
          <p class="mt-1 line-clamp-2 text-sm whitespace-pre-line text-slate-600">{c.body}</p>
        </div>
        {!confirming && (
          <div class="flex shrink-0 gap-2">
            <button
              type="button"
              class="btn-secondary px-2.5 py-1.5"
              onClick={onEdit}
              onPointerEnter={onEditPreload}
              onFocus={onEditPreload}
            >
              Edit<span class="sr-only">{` /${c.shortcut}`}</span>
            </button>
            <button
              ref={del}
              type="button"
              class="btn-ghost px-2.5 py-1.5 text-red-700 hover:bg-red-50 hover:text-red-800"
              onClick={() => setConfirming(true)}
            >
              <Icon name="trash" class="size-4" />
              Delete<span class="sr-only">{` /${c.shortcut}`}</span>
            </button>
          </div>
        )}
      </div>
      {confirming && (
        <div
          role="group"
          aria-label={`Delete /${c.shortcut}?`}
          class="mt-3 flex flex-col gap-3 rounded-lg bg-red-50 p-3 ring-1 ring-red-200 ring-inset sm:flex-row sm:items-center sm:justify-between"
        >
          <p class="text-sm text-red-800">Delete it for the whole team? This can't be undone.</p>
          <div class="flex shrink-0 gap-2">
            <button ref={cancel} type="button" class="btn-secondary px-2.5 py-1.5" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button type="button" class="btn-danger px-2.5 py-1.5" disabled={busy} onClick={remove}>
              {busy ? "Deleting…" : "Delete"}
            </button>
          </div>
        </div>
      )}
      {error && <p role="alert" class="mt-2 text-sm text-red-700">{error}</p>}
    </li>
  );
}
