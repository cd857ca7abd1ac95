/**
 * An endpoint's delivery log: each event (or test), its attempts, the last
 * status and latency, an excerpt of the answer, and "Redeliver".
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { type DeliveryJson, webhooksRest } from "./rest.ts";

const STATUS_CLASS: Record<DeliveryJson["status"], string> = {
  succeeded: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  pending: "bg-amber-50 text-amber-800 ring-amber-600/20",
  failed: "bg-red-50 text-red-800 ring-red-600/20",
};

/** The log of one endpoint; `version` changes reload it. */
export function DeliveryLog(p: { webhookId: string; version: number }) {
  const [list, setList] = useState<DeliveryJson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    webhooksRest.deliveries(p.webhookId).then((r) => r.ok ? setList(r.data.deliveries) : setError(r.error.message));
  }, [p.webhookId, p.version]);

  async function redeliver(d: DeliveryJson) {
    setBusy(d.id);
    const r = await webhooksRest.redeliver(p.webhookId, d.id);
    setBusy(null);
    if (!r.ok) return setError(r.error.message);
    setList((now) => now?.map((x) => x.id === d.id ? r.data.delivery : x) ?? null);
  }

  if (error) return <p role="alert" class="px-5 py-4 text-sm text-red-700 sm:px-6">{error}</p>;
  if (!list) return <p class="px-5 py-4 text-sm text-slate-600 sm:px-6">Loading the delivery log…</p>;
  if (!list.length) return <p class="px-5 py-4 text-sm text-slate-600 sm:px-6">No deliveries yet.</p>;
  return (
    <div class="overflow-x-auto">
      <table class="min-w-full text-left text-sm">
        <caption class="sr-only">Delivery log</caption>
        <thead class="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" class="px-5 py-2 font-semibold sm:px-6">Event</th>
            <th scope="col" class="px-3 py-2 font-semibold">Attempts</th>
            <th scope="col" class="px-3 py-2 font-semibold">Status</th>
            <th scope="col" class="px-3 py-2 font-semibold">Latency</th>
            <th scope="col" class="px-3 py-2 font-semibold">Response</th>
            <th scope="col" class="px-3 py-2">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody class="divide-y divide-slate-100">
          {list.map((d) => (
            <tr key={d.id}>
              <td class="px-5 py-2.5 sm:px-6">
                <span class="font-mono text-xs text-slate-900">{d.eventType}</span>
                <span class="block text-xs text-slate-500">{new Date(d.createdAt).toLocaleString()}</span>
              </td>
              <td class="px-3 py-2.5 text-slate-700">{d.attempts}</td>
              <td class="px-3 py-2.5">
                <span class={`rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_CLASS[d.status]}`}>
                  {d.status}
                  {d.lastStatusCode !== null ? ` · ${d.lastStatusCode}` : ""}
                </span>
                {d.nextAttemptAt && (
                  <span class="block text-xs text-slate-500">
                    next try {new Date(d.nextAttemptAt).toLocaleTimeString()}
                  </span>
                )}
              </td>
              <td class="px-3 py-2.5 text-slate-700">{d.lastLatencyMs === null ? "–" : `${d.lastLatencyMs} ms`}</td>
              <td class="max-w-56 truncate px-3 py-2.5 font-mono text-xs text-slate-600" title={d.lastError ?? ""}>
                {d.lastError ?? d.lastResponse ?? ""}
              </td>
              <td class="px-3 py-2.5 text-right">
                <button type="button" class="btn-ghost" disabled={busy === d.id} onClick={() => redeliver(d)}>
                  {busy === d.id ? "Sending…" : "Redeliver"}
                  <span class="sr-only">{d.eventType} {d.id}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
