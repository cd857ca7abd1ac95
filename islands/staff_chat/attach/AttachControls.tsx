/**
 * The attach controls of every staff reply box: the "Attach file" button
 * (with its hidden file input), the files picked so far (a thumbnail for
 * images, name and size otherwise, upload progress, why one failed, and a
 * button to remove each), and the outline shown while files are dragged
 * over the box.
 *
 * @module
 */
import { useRef } from "preact/hooks";
import { Icon } from "../../../components/Icons.tsx";
import { fileSize } from "../format.ts";
import type { DraftFile } from "./files.ts";
import type { Attachments } from "./use_attachments.ts";

/** A paperclip button that opens the file picker (several files at once). */
export function AttachButton({ files, ready }: { files: Attachments; ready: boolean }) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        class="btn-ghost h-11 w-11 shrink-0 justify-center px-0 text-slate-600 hover:text-slate-900"
        aria-label="Attach file"
        title="Attach file (or drop or paste it here)"
        disabled={!ready}
        onClick={() => picker.current?.click()}
      >
        <Icon name="paperclip" class="size-5" />
      </button>
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          files.add(Array.from(input.files ?? []));
          input.value = "";
        }}
      />
    </>
  );
}

function DraftFileItem({ f, onRemove }: { f: DraftFile; onRemove: () => void }) {
  const pct = Math.round(f.progress * 100);
  return (
    <li
      class={`flex max-w-64 min-w-0 items-center gap-2 rounded-lg bg-white p-1.5 pr-1 text-xs ring-1 ${
        f.state === "failed" ? "ring-red-300" : "ring-slate-200"
      }`}
      data-state={f.state}
    >
      {f.thumb
        ? <img src={f.thumb} alt="" class="size-10 shrink-0 rounded object-cover" />
        : (
          <span class="flex size-10 shrink-0 items-center justify-center rounded bg-slate-100 text-slate-600">
            <Icon name="paperclip" class="size-4" />
          </span>
        )}
      <span class="min-w-0 flex-1">
        <span class="block truncate font-medium text-slate-900">{f.name}</span>
        {f.state === "failed"
          ? <span class="block text-red-700">{f.error ?? "Not uploaded."}</span>
          : <span class="block text-slate-600">{fileSize(f.size)}</span>}
        {f.state === "uploading" && (
          <span
            role="progressbar"
            aria-label={`Uploading ${f.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            class="mt-1 block h-1 overflow-hidden rounded-full bg-slate-200"
          >
            <span class="block h-full bg-indigo-600 transition-[width]" style={{ width: `${pct}%` }} />
          </span>
        )}
      </span>
      <button
        type="button"
        class="btn-ghost shrink-0 p-1"
        aria-label={`Remove ${f.name}`}
        onClick={onRemove}
      >
        <Icon name="close" class="size-4" />
      </button>
    </li>
  );
}

/** The files of the next reply, and why any was refused; nothing when there are none. */
export function DraftFiles({ files }: { files: Attachments }) {
  if (!files.files.length && !files.notice) return null;
  return (
    <div class="mb-2">
      {files.files.length > 0 && (
        <ul class="flex flex-wrap gap-2" aria-label="Files to send">
          {files.files.map((f) => <DraftFileItem key={f.key} f={f} onRemove={() => files.remove(f.key)} />)}
        </ul>
      )}
      {files.notice && <p class="mt-1 text-xs text-red-700" role="alert">{files.notice}</p>}
    </div>
  );
}

/** Outline and "Drop files to attach" over the box while files are dragged over it. */
export function DropHint({ files }: { files: Attachments }) {
  if (!files.dragging) return null;
  return (
    <div class="pointer-events-none absolute inset-1 z-10 flex items-center justify-center rounded-lg border-2 border-dashed border-indigo-500 bg-indigo-50/90 text-sm font-semibold text-indigo-800">
      Drop files to attach
    </div>
  );
}
