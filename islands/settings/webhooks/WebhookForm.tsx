/**
 * The form that subscribes a new endpoint: URL, description, and the events
 * (all, or checkboxes grouped by what they are about).
 *
 * @module
 */
import { useState } from "preact/hooks";
import type { ApiError } from "../../shared/api.ts";
import { groupEvents } from "./rest.ts";

/** Props of {@linkcode WebhookForm}. */
export interface WebhookFormProps {
  eventTypes: string[];
  busy: boolean;
  error: ApiError | null;
  onSubmit(input: { url: string; events: string[]; description: string }): void;
  onCancel(): void;
}

/** The new-endpoint form. */
export function WebhookForm(p: WebhookFormProps) {
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [all, setAll] = useState(true);
  const [picked, setPicked] = useState<string[]>([]);
  const fields = p.error?.fields ?? {};
  const toggle = (t: string, on: boolean) => setPicked((now) => on ? [...now, t] : now.filter((x) => x !== t));
  return (
    <form
      class="space-y-5 px-5 py-5 sm:px-6"
      aria-label="New webhook endpoint"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        p.onSubmit({ url: url.trim(), description, events: all ? ["*"] : picked });
      }}
    >
      <div class="grid gap-4 sm:grid-cols-2">
        <div>
          <label for="webhook-url" class="field-label">Endpoint URL</label>
          <input
            id="webhook-url"
            type="url"
            class="field-input"
            placeholder="https://example.com/hooks/frontdesk"
            value={url}
            required
            aria-invalid={fields.url ? "true" : undefined}
            aria-describedby={fields.url ? "webhook-url-error" : undefined}
            onInput={(e) => setUrl((e.currentTarget as HTMLInputElement).value)}
          />
          {fields.url && <p id="webhook-url-error" class="mt-1.5 text-xs text-red-700">{fields.url}</p>}
        </div>
        <div>
          <label for="webhook-description" class="field-label">Description (optional)</label>
          <input
            id="webhook-description"
            class="field-input"
            maxLength={200}
            placeholder="CRM sync"
            value={description}
            onInput={(e) => setDescription((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
      </div>
      <fieldset>
        <legend class="field-label">Events</legend>
        <label class="mt-2 flex items-center gap-2.5 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={all}
            onChange={(e) => setAll((e.currentTarget as HTMLInputElement).checked)}
            class="size-4 rounded border-slate-300 accent-indigo-600"
          />
          All events, including ones added later
        </label>
        {!all && (
          <div class="mt-3 grid gap-4 sm:grid-cols-3">
            {groupEvents(p.eventTypes).map(([group, types]) => (
              <fieldset key={group}>
                <legend class="text-xs font-semibold tracking-wide text-slate-500 uppercase">{group}</legend>
                {types.map((t) => (
                  <label key={t} class="mt-1.5 flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      checked={picked.includes(t)}
                      onChange={(e) => toggle(t, (e.currentTarget as HTMLInputElement).checked)}
                      class="size-4 rounded border-slate-300 accent-indigo-600"
                    />
                    <span class="font-mono text-xs">{t}</span>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        )}
        {fields.events && <p class="mt-1.5 text-xs text-red-700">{fields.events}</p>}
      </fieldset>
      {p.error && !Object.keys(fields).length && <p role="alert" class="text-sm text-red-700">{p.error.message}</p>}
      <div class="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <button type="button" class="btn-secondary" onClick={p.onCancel}>Cancel</button>
        <button type="submit" class="btn-primary" disabled={p.busy}>{p.busy ? "Adding…" : "Add endpoint"}</button>
      </div>
    </form>
  );
}
