/**
 * A connection's state as a badge, and its last error with when it happened.
 *
 * @module
 */
import { Badge } from "../../../components/Badge.tsx";
import { formatDate } from "../../../components/format.ts";

/** Props of {@linkcode Health}. */
export interface HealthProps {
  status: "not_connected" | "connected" | "error";
  lastError: string | null;
  lastErrorAt: string | null;
}

/** The badge. */
export function HealthBadge({ status }: Pick<HealthProps, "status">) {
  if (status === "connected") return <Badge tone="emerald" dot>Connected</Badge>;
  if (status === "error") return <Badge tone="red" dot>Error</Badge>;
  return <Badge tone="slate" dot>Not connected</Badge>;
}

/** The last error, when there was one (kept after a later success, marked as earlier). */
export function LastError({ status, lastError, lastErrorAt }: HealthProps) {
  if (!lastError) return null;
  return (
    <p
      class={`rounded-lg px-3 py-2 text-sm ${
        status === "error" ? "bg-red-50 text-red-800" : "bg-slate-50 text-slate-700"
      }`}
    >
      <span class="font-medium">{status === "error" ? "Last error" : "Earlier error"}</span>
      {lastErrorAt && <span class="text-xs">{` (${formatDate(lastErrorAt)})`}</span>}
      {`: ${lastError}`}
    </p>
  );
}

/** A read-only URL to copy into the other service's settings. */
export function CopyUrl({ id, label, url }: { id: string; label: string; url: string }) {
  return (
    <div>
      <label for={id} class="field-label">{label}</label>
      <input
        id={id}
        class="field-input font-mono text-xs"
        readOnly
        value={url}
        onFocus={(e) => e.currentTarget.select()}
      />
    </div>
  );
}
