/**
 * Teach an agent with a document: choose a file or drop it on the zone, give
 * it an optional title, and upload it (multipart) with a progress bar.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { Alert } from "../../components/Alert.tsx";
import { Field } from "../../components/Field.tsx";
import { Icon } from "../../components/Icons.tsx";
import { ProgressBar } from "../../components/ProgressBar.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { ACCEPT, checkFile, formatBytes, uploadDocument } from "./upload.ts";
import type { AddFormProps } from "./use_train_form.ts";

/** Drop zone, title, upload. */
export function AddFileForm({ base, onAdded }: AddFormProps) {
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  function choose(f: File | null | undefined) {
    setAdded(null);
    if (!f) return;
    const problem = checkFile(f);
    setError(problem);
    setFile(problem ? null : f);
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (progress !== null) return;
    if (!file) {
      setError("Choose a file to upload.");
      document.getElementById("file-source-file")?.focus();
      return;
    }
    setError(null);
    setProgress(0);
    const res = await uploadDocument(`${base}/train`, file, title, setProgress);
    setProgress(null);
    if (!res.ok) return setError(res.error.fields.file ?? res.error.message);
    onAdded(res.data.source);
    setAdded(res.data.source.title);
    setFile(null);
    setTitle("");
    const input = document.getElementById("file-source-file") as HTMLInputElement | null;
    if (input) input.value = "";
  }

  return (
    <form method="post" noValidate onSubmit={onSubmit} class="space-y-5" aria-label="Upload a document">
      {error && <Alert tone="error">{error}</Alert>}
      {added && <Alert tone="success">Uploaded “{added}”. It's being processed below.</Alert>}
      <div
        class={`rounded-xl border-2 border-dashed px-6 py-8 text-center transition-colors has-focus-visible:border-indigo-500 has-focus-visible:bg-indigo-50/50 ${
          dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-slate-50"
        }`}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={(e) => {
          if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer?.files?.[0]);
        }}
      >
        <Icon name="upload" class="mx-auto size-8 text-slate-400" />
        <p class="mt-3 text-sm text-slate-700">
          <label for="file-source-file" class="link cursor-pointer">Choose a file</label> or drag it here
        </p>
        <p id="file-source-hint" class="mt-1 text-xs text-slate-500">
          PDF, Word (.docx), Markdown, text or HTML, up to 10 MB.
        </p>
        <input
          id="file-source-file"
          type="file"
          accept={ACCEPT}
          class="sr-only"
          aria-describedby="file-source-hint"
          onChange={(e) => choose((e.currentTarget as HTMLInputElement).files?.[0])}
        />
        {file && (
          <p class="mx-auto mt-4 flex max-w-sm items-center gap-2 rounded-lg bg-white px-3 py-2 text-left text-sm ring-1 ring-slate-200">
            <Icon name="document" class="size-5 shrink-0 text-indigo-500" />
            <span class="min-w-0 flex-1 truncate font-medium text-slate-800">{file.name}</span>
            <span class="shrink-0 text-xs text-slate-500">{formatBytes(file.size)}</span>
            <button
              type="button"
              class="grid size-6 shrink-0 place-items-center rounded text-slate-400 hover:bg-slate-100 hover:text-slate-700"
              aria-label={`Remove ${file.name}`}
              onClick={() => setFile(null)}
            >
              <Icon name="close" class="size-4" />
            </button>
          </p>
        )}
      </div>
      <Field
        id="file-source-title"
        name="title"
        label="Title (optional)"
        value={title}
        hint="Defaults to the document's own title or file name."
        onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)}
      />
      {progress !== null && (
        <ProgressBar
          label="Upload progress"
          done={Math.round(progress * 100)}
          total={100}
          unit="percent"
          valueText={`${Math.round(progress * 100)}% uploaded`}
        />
      )}
      <div class="flex justify-end">
        <SubmitButton ready={ready} busy={progress !== null} busyLabel="Uploading…" class="btn-primary">
          Upload document
        </SubmitButton>
      </div>
    </form>
  );
}
