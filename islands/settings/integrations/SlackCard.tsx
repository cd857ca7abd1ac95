/**
 * Settings → Integrations, Slack: connect ("Add to Slack" when the app's
 * OAuth credentials are configured, or a pasted bot token and signing
 * secret), pick the channel and the mode, test, disconnect.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { Alert } from "../../../components/Alert.tsx";
import { Field } from "../../../components/Field.tsx";
import { Spinner } from "../../../components/SubmitButton.tsx";
import type { SlackStateJson } from "../../../models/integrations/wire.ts";
import { api } from "../../shared/api.ts";
import { disconnectConnection, type Notice, testConnection } from "./actions.ts";
import { CopyUrl, HealthBadge, LastError } from "./Health.tsx";

type Channel = { id: string; name: string; isPrivate: boolean };

/** The Slack card. */
export function SlackCard({ initial }: { initial: SlackStateJson }) {
  const [state, setState] = useState(initial);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState("");
  const [secret, setSecret] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [channels, setChannels] = useState<Channel[] | null>(null);
  const [channelId, setChannelId] = useState(initial.channelId ?? "");
  const [mode, setMode] = useState(initial.mode);

  useEffect(() => {
    if (!state.connected) return;
    api<{ channels: Channel[] }>("GET", "/api/integrations/slack/channels").then((r) => {
      if (r.ok) setChannels(r.data.channels);
    });
  }, [state.connected, state.teamId]);

  async function save(body: Record<string, unknown>, done: string) {
    setBusy(true);
    setNotice(null);
    const r = await api<{ slack: SlackStateJson }>("PUT", "/api/integrations/slack", body);
    setBusy(false);
    if (!r.ok) {
      setFields(r.error.fields);
      return setNotice({ tone: "error", title: "Not saved", text: r.error.message });
    }
    setFields({});
    setToken("");
    setSecret("");
    setState(r.data.slack);
    setChannelId(r.data.slack.channelId ?? "");
    setMode(r.data.slack.mode);
    setNotice({ tone: "success", title: "Saved", text: done });
  }

  async function test() {
    setBusy(true);
    const notice = await testConnection("slack", setState);
    setBusy(false);
    setNotice(notice);
  }

  async function disconnect() {
    setBusy(true);
    const notice = await disconnectConnection("slack", setState);
    setBusy(false);
    if (notice?.tone === "success") setChannels(null);
    setNotice(notice);
  }

  return (
    <section class="card" aria-labelledby="slack-heading">
      <div class="flex flex-col gap-2 border-b border-slate-200 px-5 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6">
        <div class="min-w-0">
          <h2 id="slack-heading" class="text-base font-semibold text-slate-900">Slack</h2>
          <p class="mt-1 text-sm text-slate-600">
            Handoffs and new tickets are posted to a channel; the alert follows the ticket. In two-way mode a teammate's
            reply in the alert's thread reaches the customer (start it with <code>note:</code> to keep it internal).
          </p>
        </div>
        <div class="shrink-0">
          <HealthBadge status={state.status} />
        </div>
      </div>
      <div class="space-y-5 px-5 py-5 sm:px-6">
        {notice && <Alert tone={notice.tone} title={notice.title}>{notice.text}</Alert>}
        <LastError status={state.status} lastError={state.lastError} lastErrorAt={state.lastErrorAt} />
        {state.connected && (
          <p class="text-sm text-slate-700">
            Connected to <span class="font-medium">{state.teamName ?? state.teamId}</span>
            {state.via === "oauth" ? " with Add to Slack" : " with a bot token"}
            {state.tokenHint && (
              <>
                {" ("}
                <code class="font-mono text-xs">{state.tokenHint}</code>)
              </>
            )}.
          </p>
        )}
        {state.connected && (
          <form
            class="grid gap-5 sm:grid-cols-2"
            aria-label="Slack channel and mode"
            onSubmit={(e) => {
              e.preventDefault();
              save({ ...(channelId ? { channelId } : {}), mode }, "Alerts go to the channel you picked.");
            }}
          >
            <div>
              <label for="slack-channel" class="field-label">Channel</label>
              <select
                id="slack-channel"
                class="field-input"
                value={channelId}
                onChange={(e) => setChannelId((e.currentTarget as HTMLSelectElement).value)}
              >
                <option value="">{channels ? "Pick a channel" : "Loading channels…"}</option>
                {(channels ?? []).map((c) => (
                  <option key={c.id} value={c.id}>{c.isPrivate ? "🔒 " : "#"}{c.name}</option>
                ))}
              </select>
              {fields.channelId && <p class="field-error">{fields.channelId}</p>}
            </div>
            <fieldset>
              <legend class="field-label">Mode</legend>
              <div class="mt-1 space-y-1.5 text-sm text-slate-700">
                <label class="flex items-center gap-2">
                  <input
                    type="radio"
                    name="slack-mode"
                    checked={mode === "alerts_only"}
                    onChange={() => setMode("alerts_only")}
                  />
                  Alerts only: Slack never writes to customers
                </label>
                <label class="flex items-center gap-2">
                  <input
                    type="radio"
                    name="slack-mode"
                    checked={mode === "two_way"}
                    onChange={() => setMode("two_way")}
                  />
                  Two-way: thread replies reach the customer
                </label>
              </div>
            </fieldset>
            <div class="flex flex-wrap gap-3 sm:col-span-2">
              <button type="submit" class="btn-primary" disabled={busy}>
                {busy && <Spinner />}Save channel and mode
              </button>
              <button type="button" class="btn-secondary" disabled={busy} onClick={test}>Test connection</button>
              <button type="button" class="btn-ghost text-red-700" disabled={busy} onClick={disconnect}>
                Disconnect
              </button>
            </div>
          </form>
        )}
        {state.installUrl && (
          <p>
            <a class="btn-primary" href={state.installUrl}>
              {state.connected ? "Reinstall with Add to Slack" : "Add to Slack"}
            </a>
          </p>
        )}
        <details class="rounded-lg bg-slate-50 ring-1 ring-slate-200" open={!state.connected && !state.installUrl}>
          <summary class="cursor-pointer px-4 py-3 text-sm font-medium text-slate-800">
            {state.connected ? "Replace the bot token" : "Connect with your own Slack app's bot token"}
          </summary>
          <form
            class="space-y-4 border-t border-slate-200 px-4 py-4"
            aria-label="Connect with a bot token"
            onSubmit={(e) => {
              e.preventDefault();
              save(
                { botToken: token.trim(), ...(secret.trim() ? { signingSecret: secret.trim() } : {}) },
                "Slack is connected. Pick a channel.",
              );
            }}
          >
            <Field
              id="slack-token"
              name="botToken"
              type="password"
              autocomplete="off"
              label="Bot token"
              hint="OAuth & Permissions → Bot User OAuth Token (xoxb-…)."
              value={token}
              error={fields.botToken}
              onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)}
            />
            <Field
              id="slack-secret"
              name="signingSecret"
              type="password"
              autocomplete="off"
              label="Signing secret"
              hint="Basic Information → Signing Secret."
              value={secret}
              error={fields.signingSecret}
              onInput={(e) => setSecret((e.currentTarget as HTMLInputElement).value)}
            />
            <CopyUrl id="slack-events-url" label="Event Subscriptions request URL" url={state.eventsUrl} />
            <CopyUrl id="slack-interactions-url" label="Interactivity request URL" url={state.interactionsUrl} />
            <button type="submit" class="btn-primary" disabled={busy || !token.trim()}>
              {busy && <Spinner />}Connect
            </button>
          </form>
        </details>
      </div>
    </section>
  );
}
