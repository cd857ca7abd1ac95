/**
 * One knowledge source: type icon, title and where it came from, status,
 * progress while it is processed, the reason when it failed, its chunk
 * count, and (admins) re-sync and delete.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Badge, type BadgeTone } from "../../components/Badge.tsx";
import { formatDate } from "../../components/format.ts";
import { Icon, type IconName } from "../../components/Icons.tsx";
import { ProgressBar } from "../../components/ProgressBar.tsx";
import { Spinner } from "../../components/SubmitButton.tsx";
import type { SourceJson } from "../shared/agent_types.ts";

const TYPE: Record<SourceJson["type"], { icon: IconName; label: string }> = {
  text: { icon: "text", label: "Text" },
  document: { icon: "document", label: "Document" },
  website: { icon: "globe", label: "Website" },
};

const STATUS: Record<SourceJson["status"], { tone: BadgeTone; label: string }> = {
  queued: { tone: "sky", label: "Queued" },
  running: { tone: "indigo", label: "Processing" },
  ready: { tone: "emerald", label: "Ready" },
  failed: { tone: "red", label: "Failed" },
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Props of {@linkcode SourceRow}. */
export interface SourceRowProps {
  source: SourceJson;
  canEdit: boolean;
  /** Each returns an error message or null. */
  onResync: (s: SourceJson) => Promise<string | null>;
  onRemove: (s: SourceJson) => Promise<string | null>;
}

/** A `<li>` of the sources list. */
export function SourceRow({ source: s, canEdit, onResync, onRemove }: SourceRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const type = TYPE[s.type];
  const status = STATUS[s.status];
  const inProgress = s.status === "queued" || s.status === "running";
  const failure = s.error ?? s.job?.error;

  async function act(fn: () => Promise<string | null>) {
    setPending(true);
    setError(null);
    const problem = await fn();
    setPending(false);
    setConfirming(false);
    setError(problem);
  }

  return (
    <li id={`source-${s.id}`} class="flex gap-3 px-5 py-4 target:bg-indigo-50/60 sm:gap-4 sm:px-6">
      <span
        class="mt-0.5 grid size-9 shrink-0 place-items-center rounded-lg bg-slate-100 text-slate-500"
        title={type.label}
      >
        <Icon name={type.icon} class="size-5" />
        <span class="sr-only">{type.label}</span>
      </span>
      <div class="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:gap-4">
        <div class="min-w-0 flex-1 space-y-2">
          <div class="flex flex-wrap items-center gap-x-2 gap-y-1">
            <h3 class="min-w-0 text-sm font-semibold break-words text-slate-900">{s.title}</h3>
            <Badge tone={status.tone} dot pulse={inProgress}>{status.label}</Badge>
            {!s.active && s.status === "ready" && <Badge tone="slate">Not in active version</Badge>}
          </div>
          {s.type === "website"
            ? (
              <a
                href={s.url ?? s.content}
                target="_blank"
                rel="noopener noreferrer"
                class="flex min-w-0 items-center gap-1 text-xs text-slate-500 hover:text-indigo-700"
              >
                <span class="truncate">{s.url ?? s.content}</span>
                <Icon name="external" class="size-3.5 shrink-0" />
              </a>
            )
            : <p class="line-clamp-1 text-xs break-all text-slate-500">{s.content}</p>}
          {inProgress && (
            <ProgressBar
              label={`Progress of ${s.title}`}
              done={s.job?.progressDone ?? 0}
              total={s.job?.progressTotal ?? 0}
              unit={s.type === "website" ? "pages" : "chunks"}
              waiting={s.status === "queued" ? "Waiting to start…" : "Starting…"}
            />
          )}
          {s.status === "failed" && (
            <p class="flex items-start gap-1.5 text-sm text-red-700">
              <Icon name="alert" class="mt-px size-4 shrink-0" />
              <span>{failure ?? "Processing failed."}</span>
            </p>
          )}
          <p class="text-xs text-slate-500">
            {s.status === "ready" && s.type === "website" && s.job && s.job.progressDone > 0 && (
              <>{plural(s.job.progressDone, "page")} ·{" "}</>
            )}
            {s.status === "ready" && <>{plural(s.chunkCount, "chunk")} ·{" "}</>}
            Added {formatDate(s.createdAt)}
            {s.job && s.job.attempts > 1 && <>{" "}· {s.job.attempts} attempts</>}
          </p>
          {error && <p role="alert" class="text-sm text-red-700">{error}</p>}
        </div>
        {canEdit && (
          <div class="flex shrink-0 flex-wrap items-start gap-2">
            {confirming
              ? (
                <>
                  <button
                    type="button"
                    class="btn-danger px-2.5 py-1.5 text-xs"
                    disabled={pending}
                    onClick={() => act(() => onRemove(s))}
                    ref={(el) => el?.focus()}
                  >
                    {pending && <Spinner />}
                    Yes, delete
                  </button>
                  <button
                    type="button"
                    class="btn-secondary px-2.5 py-1.5 text-xs"
                    onClick={() => setConfirming(false)}
                  >
                    Cancel
                  </button>
                </>
              )
              : (
                <>
                  {s.type !== "text" && !inProgress && (
                    <button
                      type="button"
                      class="btn-secondary px-2.5 py-1.5 text-xs"
                      disabled={pending}
                      onClick={() => act(() => onResync(s))}
                      aria-label={`Re-sync ${s.title}`}
                    >
                      <Icon name="refresh" class="size-3.5" />
                      Re-sync
                    </button>
                  )}
                  <button
                    type="button"
                    class="btn-ghost px-2.5 py-1.5 text-xs text-red-700 hover:text-red-800"
                    onClick={() => setConfirming(true)}
                    aria-label={`Delete ${s.title}`}
                  >
                    <Icon name="trash" class="size-3.5" />
                    Delete
                  </button>
                </>
              )}
          </div>
        )}
      </div>
    </li>
  );
}
