/**
 * One endpoint on the Webhooks page: its URL, state and events, the actions
 * (send a test, turn off or on, rotate the secret, delete) and, on demand,
 * its delivery log.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { DeleteDialog } from "./DeleteDialog.tsx";
import { DeliveryLog } from "./DeliveryLog.tsx";
import { type WebhookJson, webhooksRest, type WithSecret } from "./rest.ts";

/** Props of {@linkcode EndpointCard}. */
export interface EndpointCardProps {
  webhook: WebhookJson;
  onChange(w: WebhookJson): void;
  onRemove(id: string): void;
  onSecret(s: WithSecret, why: string): void;
  onNote(note: string): void;
}

function stateOf(w: WebhookJson): [string, string] {
  if (w.enabled) return ["Enabled", "bg-emerald-50 text-emerald-800 ring-emerald-600/20"];
  if (w.disabledReason === "failing") return ["Disabled: kept failing", "bg-red-50 text-red-800 ring-red-600/20"];
  return ["Disabled", "bg-slate-100 text-slate-700 ring-slate-500/20"];
}

/** One endpoint. */
export function EndpointCard(p: EndpointCardProps) {
  const w = p.webhook;
  const [showLog, setShowLog] = useState(false);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [state, tone] = stateOf(w);
  const logId = `log-${w.id}`;

  async function act(name: string, fn: () => Promise<void>) {
    setBusy(name);
    try {
      await fn();
    } finally {
      setBusy(null);
    }
  }
  const test = () =>
    act("test", async () => {
      const r = await webhooksRest.test(w.id);
      if (!r.ok) return p.onNote(r.error.message);
      const d = r.data.delivery;
      p.onNote(
        d.status === "succeeded"
          ? `Test delivered: ${d.lastStatusCode} in ${d.lastLatencyMs} ms.`
          : `Test failed: ${d.lastError ?? `status ${d.lastStatusCode}`}.`,
      );
      setShowLog(true);
      setVersion((v) => v + 1);
    });
  const toggle = () =>
    act("toggle", async () => {
      const r = await webhooksRest.update(w.id, { enabled: !w.enabled });
      if (!r.ok) return p.onNote(r.error.message);
      p.onChange(r.data.webhook);
      p.onNote(r.data.webhook.enabled ? "Endpoint enabled." : "Endpoint disabled.");
    });
  const rotate = () =>
    act("rotate", async () => {
      const r = await webhooksRest.rotate(w.id);
      if (!r.ok) return p.onNote(r.error.message);
      p.onChange(r.data.webhook);
      p.onSecret(r.data, "The old secret keeps signing for 24 hours, next to this one.");
    });
  return (
    <li class="card">
      <div class="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div class="min-w-0">
          <p class="truncate font-mono text-sm font-medium text-slate-900">{w.url}</p>
          <p class="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <span class={`rounded-md px-2 py-0.5 font-medium ring-1 ring-inset ${tone}`}>{state}</span>
            {w.description && <span>{w.description}</span>}
            <span>{w.events.includes("*") ? "All events" : w.events.join(", ")}</span>
            <span class="font-mono">{w.secretHint}</span>
          </p>
        </div>
        <div class="flex shrink-0 flex-wrap gap-2">
          <button type="button" class="btn-secondary" disabled={!!busy} onClick={test}>
            {busy === "test" ? "Sending…" : "Send test"}
          </button>
          <button type="button" class="btn-secondary" disabled={!!busy} onClick={toggle}>
            {w.enabled ? "Disable" : "Enable"}
          </button>
          <button type="button" class="btn-secondary" disabled={!!busy} onClick={rotate}>Rotate secret</button>
          <button type="button" class="btn-ghost" disabled={!!busy} onClick={() => setConfirming(true)}>
            Delete
          </button>
        </div>
      </div>
      <div class="border-t border-slate-100">
        <button
          type="button"
          class="btn-ghost w-full justify-start rounded-none px-5 sm:px-6"
          aria-expanded={showLog}
          aria-controls={logId}
          onClick={() => setShowLog(!showLog)}
        >
          {showLog ? "Hide delivery log" : "Show delivery log"}
        </button>
        <div id={logId} hidden={!showLog}>
          {showLog && <DeliveryLog webhookId={w.id} version={version} />}
        </div>
      </div>
      {confirming && (
        <DeleteDialog
          webhook={w}
          onClose={() => setConfirming(false)}
          onDeleted={(id) => p.onRemove(id)}
        />
      )}
    </li>
  );
}
