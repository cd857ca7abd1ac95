/**
 * Settings → Canned responses: the replies the team saves once and inserts
 * in a ticket reply with `/shortcut`. Everyone on the team may write, change
 * and delete them (the API's rule: a shared team resource). The server
 * renders the list; this keeps it current after each change.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import { Icon } from "../components/Icons.tsx";
import { useFlash } from "./shared/use_flash.ts";
import { LOAD_FAILED, useLazyComponent } from "./shared/use_lazy.ts";
import type { CannedFormProps } from "./settings/canned/CannedForm.tsx";
import { CannedRow } from "./settings/canned/CannedRow.tsx";
import { type CannedResponse, cannedView, withCanned } from "./settings/canned/rest.ts";

/** Props of {@linkcode CannedResponses}. */
export interface CannedResponsesProps {
  cannedResponses: CannedResponse[];
}

/** The list, its "New canned response" button and the dialog to write one. */
export default function CannedResponses(props: CannedResponsesProps) {
  const [list, setList] = useState(props.cannedResponses);
  // undefined: no dialog; null: a new one; else the one being changed.
  const [editing, setEditing] = useState<CannedResponse | null | undefined>(undefined);
  const done = useFlash<string>();
  const newButton = useRef<HTMLButtonElement>(null);
  // The form (and the zod it validates with) loads when first wanted, not with the page.
  const form = useLazyComponent<CannedFormProps>(() =>
    import("./settings/canned/CannedForm.tsx").then((m) => m.CannedForm)
  );
  const [loadError, setLoadError] = useState<string | null>(null);

  async function open(c: CannedResponse | null) {
    setLoadError(null);
    setEditing(c);
    if (await form.load()) return;
    setEditing(undefined);
    setLoadError(LOAD_FAILED);
  }
  const preload = () => void form.load();
  const Form = form.component;

  return (
    <div class="card">
      <div class="flex flex-col gap-3 border-b border-slate-100 px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div class="min-w-0 text-sm">
          <p class="text-slate-600">
            {list.length === 0
              ? "None yet."
              : `${list.length} canned ${list.length === 1 ? "response" : "responses"}, shared by the team.`}
          </p>
          <p role="status" class="font-medium text-emerald-700 empty:hidden">{done.value ?? ""}</p>
        </div>
        <button
          ref={newButton}
          type="button"
          class="btn-primary shrink-0"
          aria-haspopup="dialog"
          onClick={() => open(null)}
          onPointerEnter={preload}
          onFocus={preload}
        >
          <Icon name="plus" class="size-4" />
          New canned response
        </button>
      </div>
      {list.length === 0
        ? (
          <p class="px-5 py-6 text-sm text-slate-600 sm:px-6">
            Save the replies you send often, like refund timelines or opening hours. In a ticket, type{" "}
            <kbd class="font-mono">/</kbd> and the shortcut to insert one.
          </p>
        )
        : (
          <ul class="divide-y divide-slate-100" aria-label="Canned responses">
            {list.map((c) => (
              <CannedRow
                key={c.id}
                canned={c}
                onEdit={() => open(c)}
                onEditPreload={preload}
                onDeleted={() => {
                  setList((l) => l.filter((x) => x.id !== c.id));
                  done.show(`Deleted /${c.shortcut}.`);
                  newButton.current?.focus(); // its row is gone
                }}
              />
            ))}
          </ul>
        )}
      {loadError && <p role="alert" class="px-5 pb-4 text-sm text-red-700 sm:px-6">{loadError}</p>}
      {editing !== undefined && Form && (
        <Form
          editing={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setList((l) => withCanned(l, cannedView(saved)));
            setEditing(undefined);
            done.show(`Saved /${saved.shortcut}.`);
          }}
        />
      )}
    </div>
  );
}
