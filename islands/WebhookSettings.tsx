/**
 * Settings → Webhooks: the workspace's endpoints (each with its actions and
 * delivery log), the form that adds one, and the new secret, shown once
 * after creating or rotating. The server renders the list; this keeps it
 * current after each change.
 *
 * @module
 */
import { useState } from "preact/hooks";
import type { ApiError } from "./shared/api.ts";
import { useFlash } from "./shared/use_flash.ts";
import { EndpointCard } from "./settings/webhooks/EndpointCard.tsx";
import { WebhookForm } from "./settings/webhooks/WebhookForm.tsx";
import { type WebhookJson, webhooksRest, type WithSecret } from "./settings/webhooks/rest.ts";

/** Props of {@linkcode WebhookSettings}. */
export interface WebhookSettingsProps {
  webhooks: WebhookJson[];
  /** The event catalog's type names, for the checkboxes. */
  eventTypes: string[];
}

/** The Webhooks page's body. */
export default function WebhookSettings(props: WebhookSettingsProps) {
  const [list, setList] = useState(props.webhooks);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [secret, setSecret] = useState<{ value: WithSecret; why: string } | null>(null);
  const note = useFlash<string>();

  async function create(input: { url: string; events: string[]; description: string }) {
    setBusy(true);
    const r = await webhooksRest.create(input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setAdding(false);
    setList((now) => [...now, r.data.webhook]);
    setSecret({ value: r.data, why: "Use it to verify the signature of every delivery." });
  }

  return (
    <div class="space-y-6">
      <div class="card">
        <div class="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <div class="min-w-0 text-sm">
            <p class="text-slate-600">
              {list.length === 0 ? "No endpoints yet." : `${list.length} endpoint${list.length === 1 ? "" : "s"}.`}{" "}
              Failed deliveries are retried for about a day; an endpoint failing for days is disabled.
            </p>
            <p role="status" class="font-medium text-emerald-700 empty:hidden">{note.value ?? ""}</p>
          </div>
          {!adding && (
            <button type="button" class="btn-primary shrink-0" onClick={() => setAdding(true)}>Add endpoint</button>
          )}
        </div>
        {adding && (
          <div class="border-t border-slate-100">
            <WebhookForm
              eventTypes={props.eventTypes}
              busy={busy}
              error={error}
              onSubmit={create}
              onCancel={() => {
                setAdding(false);
                setError(null);
              }}
            />
          </div>
        )}
      </div>
      {secret && (
        <div class="card border-l-4 border-amber-400 px-5 py-4 sm:px-6" role="region" aria-label="New signing secret">
          <p class="text-sm font-semibold text-slate-900">
            Signing secret for {secret.value.webhook.url}: copy it now, it is not shown again.
          </p>
          <p class="mt-1 text-sm text-slate-600">{secret.why}</p>
          <label for="webhook-secret" class="sr-only">Signing secret</label>
          <input
            id="webhook-secret"
            readOnly
            class="field-input font-mono"
            value={secret.value.secret}
            onFocus={(e) =>
              (e.currentTarget as HTMLInputElement).select()}
          />
          <button
            type="button"
            class="btn-secondary mt-3"
            onClick={() =>
              setSecret(null)}
          >
            I have copied it
          </button>
        </div>
      )}
      {list.length > 0 && (
        <ul class="space-y-4" aria-label="Webhook endpoints">
          {list.map((w) => (
            <EndpointCard
              key={w.id}
              webhook={w}
              onChange={(saved) => setList((now) => now.map((x) => x.id === saved.id ? saved : x))}
              onRemove={(id) => setList((now) => now.filter((x) => x.id !== id))}
              onSecret={(value, why) => setSecret({ value, why })}
              onNote={note.show}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
