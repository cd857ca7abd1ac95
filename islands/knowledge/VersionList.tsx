/**
 * Knowledge versions, newest first: what changed, how much is in each, which
 * one answers now, and (admins) rolling back to an earlier one after a
 * confirmation.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Alert } from "../../components/Alert.tsx";
import { Badge } from "../../components/Badge.tsx";
import { Icon } from "../../components/Icons.tsx";
import { SectionCard } from "../../components/SectionCard.tsx";
import { Spinner } from "../../components/SubmitButton.tsx";
import type { VersionJson } from "../shared/agent_types.ts";

/** Props of {@linkcode VersionList}. */
export interface VersionListProps {
  versions: VersionJson[] | null;
  canEdit: boolean;
  onRollback: (v: VersionJson) => Promise<string | null>;
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The "Versions" card. */
export function VersionList({ versions, canEdit, onRollback }: VersionListProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function rollback(v: VersionJson) {
    setPending(true);
    setError(null);
    const problem = await onRollback(v);
    setPending(false);
    setConfirming(null);
    setError(problem);
  }

  return (
    <SectionCard
      id="versions-heading"
      title="Versions"
      description="Every change to the knowledge makes a new version. Roll back if an update made answers worse."
      bodyClass=""
    >
      {error && (
        <div class="px-5 pt-4 sm:px-6">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      {versions === null
        ? <p class="px-5 py-6 text-sm text-slate-500 sm:px-6">Loading versions…</p>
        : versions.length === 0
        ? (
          <p class="flex items-center gap-3 px-5 py-6 text-sm text-slate-500 sm:px-6">
            <Icon name="history" class="size-5 text-slate-400" />
            No versions yet. The first one appears when a source finishes processing.
          </p>
        )
        : (
          <ol class="divide-y divide-slate-100">
            {versions.map((v) => (
              <li key={v.id} class="flex flex-col gap-3 px-5 py-3.5 sm:flex-row sm:items-center sm:px-6">
                <div class="flex min-w-0 flex-1 items-start gap-3">
                  <span class="mt-0.5 shrink-0 rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs font-semibold text-slate-700">
                    v{v.number}
                  </span>
                  <div class="min-w-0">
                    <p class="text-sm font-medium break-words text-slate-900">
                      {v.reason}
                      {v.active && <Badge tone="emerald" dot class="ml-2 align-middle">Active</Badge>}
                    </p>
                    <p class="text-xs text-slate-500">
                      {plural(v.sourceCount, "source")} · {plural(v.chunkCount, "chunk")} ·{" "}
                      {DATE_TIME.format(new Date(v.createdAt))}
                    </p>
                  </div>
                </div>
                {canEdit && !v.active && (
                  confirming === v.id
                    ? (
                      <div class="flex flex-wrap items-center gap-2">
                        <span class="text-sm text-slate-700">Answer from v{v.number} again?</span>
                        <button
                          type="button"
                          class="btn-primary px-2.5 py-1.5 text-xs"
                          disabled={pending}
                          onClick={() => rollback(v)}
                          ref={(el) =>
                            el?.focus()}
                        >
                          {pending && <Spinner />}
                          Yes, roll back
                        </button>
                        <button
                          type="button"
                          class="btn-secondary px-2.5 py-1.5 text-xs"
                          onClick={() =>
                            setConfirming(null)}
                        >
                          Cancel
                        </button>
                      </div>
                    )
                    : (
                      <button
                        type="button"
                        class="btn-secondary shrink-0 px-2.5 py-1.5 text-xs"
                        onClick={() => setConfirming(v.id)}
                      >
                        <Icon name="history" class="size-3.5" />
                        Roll back to this version<span class="sr-only">(v{v.number})</span>
                      </button>
                    )
                )}
              </li>
            ))}
          </ol>
        )}
    </SectionCard>
  );
}
