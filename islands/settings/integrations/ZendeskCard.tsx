/**
 * Settings → Integrations, Zendesk: the account (subdomain), the agent's
 * email and API token, the webhook's signing secret; test, disconnect.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { Alert } from "../../../components/Alert.tsx";
import { Field } from "../../../components/Field.tsx";
import { Spinner } from "../../../components/SubmitButton.tsx";
import type { ZendeskStateJson } from "../../../models/integrations/wire.ts";
import { api } from "../../shared/api.ts";
import { disconnectConnection, type Notice, testConnection } from "./actions.ts";
import { CopyUrl, HealthBadge, LastError } from "./Health.tsx";

function subdomainOf(baseUrl?: string) {
  return /^https:\/\/([a-z0-9-]+)\.zendesk\.com$/.exec(baseUrl ?? "")?.[1] ?? "";
}

/** The Zendesk card. */
export function ZendeskCard({ initial }: { initial: ZendeskStateJson }) {
  const [state, setState] = useState(initial);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [v, setV] = useState({
    subdomain: subdomainOf(initial.baseUrl),
    baseUrl: initial.baseUrl && !subdomainOf(initial.baseUrl) ? initial.baseUrl : "",
    email: initial.email ?? "",
    apiToken: "",
    webhookSecret: "",
  });
  const input = (k: keyof typeof v) => (e: Event) => setV({ ...v, [k]: (e.currentTarget as HTMLInputElement).value });

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    const body = {
      ...(v.baseUrl.trim()
        ? { baseUrl: v.baseUrl.trim() }
        : v.subdomain.trim()
        ? { subdomain: v.subdomain.trim() }
        : {}),
      email: v.email.trim(),
      ...(v.apiToken.trim() ? { apiToken: v.apiToken.trim() } : {}),
      ...(v.webhookSecret.trim() ? { webhookSecret: v.webhookSecret.trim() } : {}),
    };
    const r = await api<{ zendesk: ZendeskStateJson }>("PUT", "/api/integrations/zendesk", body);
    setBusy(false);
    if (!r.ok) {
      setFields(r.error.fields);
      return setNotice({ tone: "error", title: "Not saved", text: r.error.message });
    }
    setFields({});
    setState(r.data.zendesk);
    setV({ ...v, apiToken: "", webhookSecret: "" });
    setNotice({ tone: "success", title: "Saved", text: "New tickets are created in Zendesk too." });
  }

  async function test() {
    setBusy(true);
    const notice = await testConnection("zendesk", setState);
    setBusy(false);
    setNotice(notice);
  }

  async function disconnect() {
    setBusy(true);
    const notice = await disconnectConnection("zendesk", setState);
    setBusy(false);
    setNotice(notice);
  }

  return (
    <section class="card" aria-labelledby="zendesk-heading">
      <div class="flex flex-col gap-2 border-b border-slate-200 px-5 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div class="min-w-0">
          <h2 id="zendesk-heading" class="text-base font-semibold text-slate-900">Zendesk</h2>
          <p class="mt-1 text-sm text-slate-600">
            Each handoff opens a Zendesk ticket with the transcript and a link back. Public comments come back to the
            customer; solving or reopening on either side does the same on the other.
          </p>
        </div>
        <div class="shrink-0">
          <HealthBadge status={state.status} />
        </div>
      </div>
      <form class="space-y-5 px-5 py-5 sm:px-6" aria-label="Zendesk settings" onSubmit={save}>
        {notice && <Alert tone={notice.tone} title={notice.title}>{notice.text}</Alert>}
        <LastError status={state.status} lastError={state.lastError} lastErrorAt={state.lastErrorAt} />
        {state.connected && state.tokenHint && (
          <p class="text-sm text-slate-700">
            Connected to <span class="font-medium">{state.baseUrl}</span> as {state.email} (
            <code class="font-mono text-xs">{state.tokenHint}</code>).
          </p>
        )}
        <div class="grid gap-5 sm:grid-cols-2">
          <Field
            id="zd-subdomain"
            name="subdomain"
            label="Subdomain"
            hint="acme for acme.zendesk.com"
            value={v.subdomain}
            error={fields.subdomain}
            onInput={input("subdomain")}
          />
          <Field
            id="zd-base-url"
            name="baseUrl"
            label="Base URL (optional)"
            hint="Instead of the subdomain, e.g. a host-mapped https://support.acme.com."
            value={v.baseUrl}
            error={fields.baseUrl}
            onInput={input("baseUrl")}
          />
          <Field
            id="zd-email"
            name="email"
            type="email"
            label="Agent email"
            value={v.email}
            error={fields.email}
            onInput={input("email")}
          />
          <Field
            id="zd-token"
            name="apiToken"
            type="password"
            autocomplete="off"
            label={state.connected ? "Replace API token" : "API token"}
            hint={state.connected
              ? "Leave empty to keep the saved token."
              : "Admin Center → Apps and integrations → Zendesk API."}
            value={v.apiToken}
            error={fields.apiToken}
            onInput={input("apiToken")}
          />
          <Field
            id="zd-secret"
            name="webhookSecret"
            type="password"
            autocomplete="off"
            label="Webhook signing secret"
            hint={state.webhookSecretSet ? "Saved. Leave empty to keep it." : "On the webhook's page: Reveal secret."}
            value={v.webhookSecret}
            error={fields.webhookSecret}
            onInput={input("webhookSecret")}
          />
        </div>
        <CopyUrl
          id="zd-webhook-url"
          label="Webhook endpoint URL (ticket comment and status events)"
          url={state.webhookUrl}
        />
        <div class="flex flex-wrap gap-3 border-t border-slate-100 pt-5">
          <button type="submit" class="btn-primary" disabled={busy}>
            {busy && <Spinner />}
            {state.connected ? "Save changes" : "Connect Zendesk"}
          </button>
          {state.connected && (
            <>
              <button type="button" class="btn-secondary" disabled={busy} onClick={test}>Test connection</button>
              <button type="button" class="btn-ghost text-red-700" disabled={busy} onClick={disconnect}>
                Disconnect
              </button>
            </>
          )}
        </div>
      </form>
    </section>
  );
}
