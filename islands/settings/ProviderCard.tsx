/**
 * One AI provider's settings card: whether a key is saved (only its hint is
 * ever shown), a form to save or replace it with the base URL, default
 * model and extras, "Test connection" (with the values as typed, saved or
 * not), and removing the settings after a confirmation.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { credentialSchema } from "../../models/providers/settings_schemas.ts";
import { Alert } from "../../components/Alert.tsx";
import { Badge } from "../../components/Badge.tsx";
import { Field } from "../../components/Field.tsx";
import { formatDate } from "../../components/format.ts";
import { Icon } from "../../components/Icons.tsx";
import { FormMessages } from "../../components/FormMessages.tsx";
import { PROVIDER_INFO } from "../../components/providers.ts";
import { Spinner, SubmitButton } from "../../components/SubmitButton.tsx";
import type { ProviderJson } from "../shared/agent_types.ts";
import { api } from "../shared/api.ts";
import { useForm } from "../shared/use_form.ts";
import { mergeExtras, PROVIDER_FORMS } from "./provider_fields.ts";

/** Props of {@linkcode ProviderCard}. */
export interface ProviderCardProps {
  initial: ProviderJson;
}

type Notice = { tone: "success" | "error"; title: string; text: string } | null;

function formValues(p: ProviderJson): Record<string, string> {
  const values: Record<string, string> = {
    apiKey: "",
    baseUrl: p.baseUrl ?? "",
    defaultModel: p.defaultModel ?? "",
  };
  for (const f of PROVIDER_FORMS[p.provider].extras) values[f.key] = p.extra[f.key] ?? "";
  return values;
}

/** The card of one remote provider. */
export function ProviderCard({ initial }: ProviderCardProps) {
  const [state, setState] = useState(initial);
  const [notice, setNotice] = useState<Notice>(null);
  const [testing, setTesting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const spec = PROVIDER_FORMS[state.provider];
  const info = PROVIDER_INFO[state.provider];
  const url = `/api/settings/providers/${state.provider}`;
  const id = `provider-${state.provider}`;

  const body = (v: Record<string, string>) => ({
    apiKey: v.apiKey.trim() || undefined,
    baseUrl: v.baseUrl.trim(),
    defaultModel: v.defaultModel.trim(),
    ...(spec.extras.length ? { extra: mergeExtras(state.extra, spec.extras, v) } : {}),
  });

  const form = useForm({
    id,
    initial: formValues(initial),
    schema: credentialSchema,
    toInput: body,
    check: (v) => (!state.configured && !v.apiKey.trim() ? { apiKey: "Enter the API key." } : {}),
    send: (data) => {
      setNotice(null);
      return api<{ provider: ProviderJson }>("PUT", url, data);
    },
    onSuccess: (data) => {
      const saved = (data as { provider: ProviderJson }).provider;
      setState(saved);
      form.setValues(formValues(saved));
      setNotice({
        tone: "success",
        title: "Saved",
        text: `${info.label} settings are saved. Agents using it answer with them now.`,
      });
    },
  });

  async function test() {
    setNotice(null);
    setTesting(true);
    const res = await api<{ ok: boolean; detail: string }>("POST", `${url}/test`, body(form.values));
    setTesting(false);
    if (!res.ok) return setNotice({ tone: "error", title: "Couldn't test", text: res.error.message });
    setNotice(
      res.data.ok
        ? { tone: "success", title: "Connection works", text: res.data.detail }
        : { tone: "error", title: "Connection failed", text: res.data.detail },
    );
  }

  async function remove() {
    setRemoving(true);
    setNotice(null);
    const res = await api("DELETE", url);
    setRemoving(false);
    setConfirming(false);
    if (!res.ok) return setNotice({ tone: "error", title: "Couldn't remove", text: res.error.message });
    const cleared: ProviderJson = { provider: state.provider, configured: false, extra: {} };
    setState(cleared);
    form.setValues(formValues(cleared));
    setNotice({ tone: "success", title: "Removed", text: `The ${info.label} key was deleted.` });
  }

  const key = form.field("apiKey");
  return (
    <section id={id} class="card scroll-mt-8 target:ring-2 target:ring-indigo-500" aria-labelledby={`${id}-heading`}>
      <div class="flex flex-col gap-2 border-b border-slate-200 px-5 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div class="min-w-0">
          <h3 id={`${id}-heading`} class="text-base font-semibold text-slate-900">
            {state.provider === "openai" ? "OpenAI / OpenAI-compatible" : info.label}
          </h3>
          <p class="mt-1 text-sm text-slate-600">{info.description}</p>
        </div>
        <div class="flex shrink-0 flex-col items-start gap-1 sm:items-end">
          {state.configured ? <Badge tone="emerald" dot>Configured</Badge> : <Badge tone="slate" dot>Not set up</Badge>}
          {state.configured && state.updatedAt && (
            <span class="text-xs text-slate-500">Updated {formatDate(state.updatedAt)}</span>
          )}
        </div>
      </div>
      <form
        method="post"
        noValidate
        onSubmit={form.onSubmit}
        class="space-y-5 px-5 py-5 sm:px-6"
        aria-label={`${info.label} settings`}
      >
        <FormMessages formError={form.formError} errorCount={form.errorCount} />
        {notice && <Alert tone={notice.tone} title={notice.title}>{notice.text}</Alert>}
        {state.configured && state.keyHint && (
          <p class="flex items-center gap-2 text-sm text-slate-700">
            <Icon name="key" class="size-4 text-slate-400" />
            Saved key: <code class="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{state.keyHint}</code>
          </p>
        )}
        <Field
          {...key}
          type="password"
          autocomplete="off"
          label={state.configured ? "Replace key" : "API key"}
          required={!state.configured}
          hint={state.configured ? "Leave empty to keep the saved key." : spec.keyHint}
        />
        <Field {...form.field("baseUrl")} label="Base URL" autocomplete="off" hint={spec.baseUrlHint} />
        <Field
          {...form.field("defaultModel")}
          label="Default model"
          autocomplete="off"
          hint={`Used when an agent names none. Empty means ${spec.modelPlaceholder}.`}
        />
        {spec.extras.length > 0 && (
          <details
            class="group rounded-lg bg-slate-50 ring-1 ring-slate-200"
            open={spec.extras.some((f) => state.extra[f.key])}
          >
            <summary class="flex cursor-pointer list-none items-center justify-between gap-3 rounded-lg px-4 py-3 text-sm font-medium text-slate-800 [&::-webkit-details-marker]:hidden">
              <span>
                More settings
                <span class="ml-1 font-normal text-slate-500">
                  ({spec.extras.map((f) =>
                    f.label
                  ).join(", ")})
                </span>
              </span>
              <Icon
                name="chevronDown"
                class="size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-180"
              />
            </summary>
            <div class="grid gap-5 border-t border-slate-200 px-4 py-4 sm:grid-cols-2">
              {spec.extras.map((f) => (
                <Field key={f.key} {...form.field(f.key)} label={f.label} autocomplete="off" hint={f.hint} />
              ))}
            </div>
          </details>
        )}
        <div class="flex flex-col-reverse gap-3 border-t border-slate-100 pt-5 sm:flex-row sm:items-center">
          {state.configured && (
            confirming
              ? (
                <div class="flex flex-wrap items-center gap-2">
                  <span class="text-sm text-slate-700">Delete the saved key?</span>
                  <button
                    type="button"
                    class="btn-danger"
                    disabled={removing}
                    onClick={remove}
                    ref={(el) => el?.focus()}
                  >
                    {removing && <Spinner />}
                    Yes, remove
                  </button>
                  <button
                    type="button"
                    class="btn-secondary"
                    onClick={() =>
                      setConfirming(false)}
                  >
                    Cancel
                  </button>
                </div>
              )
              : (
                <button
                  type="button"
                  class="btn-ghost text-red-700 hover:text-red-800"
                  onClick={() => setConfirming(true)}
                >
                  Remove<span class="sr-only">{info.label} settings</span>
                </button>
              )
          )}
          <div class="flex flex-col gap-3 sm:ml-auto sm:flex-row">
            <button type="button" class="btn-secondary" disabled={!form.ready || testing} onClick={test}>
              {testing ? <Spinner /> : <Icon name="bolt" class="size-4" />}
              {testing ? "Testing…" : "Test connection"}
            </button>
            <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Saving…" class="btn-primary">
              {state.configured ? "Save changes" : "Save key"}
            </SubmitButton>
          </div>
        </div>
      </form>
    </section>
  );
}
