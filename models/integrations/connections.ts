/**
 * What every integration shares: credentials sealed with the workspace's secret box (bound to workspace and kind,
 * never returned), the Slack and Zendesk clients built from them, each connection's health (the latest error and
 * when, kept from every call the listeners and the inbound endpoints make) and the sentences errors become.
 * Connecting is in `slack_connection.ts` and `zendesk_connection.ts`; the admin's view across kinds in
 * `integration_admin.ts`.
 *
 * @module
 */
import { ValidationError } from "../../lib/errors.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import type { Connection, IntegrationKind, KindMap } from "./integration.ts";
import { SlackApi, SlackApiError } from "./slack_api.ts";
import { ZendeskApi, ZendeskApiError } from "./zendesk_api.ts";

const ad = (workspaceId: string, kind: IntegrationKind) => `${workspaceId}:integration:${kind}`;

/** Seals a connection's credentials. */
export function seal<K extends IntegrationKind>(deps: Deps, wid: string, kind: K, secrets: KindMap[K]["secrets"]) {
  return deps.secrets.seal(JSON.stringify(secrets), ad(wid, kind));
}

/** Opens a connection's credentials (server side only). */
export async function secretsOf<K extends IntegrationKind>(
  deps: Deps,
  c: Connection<K>,
): Promise<KindMap[K]["secrets"]> {
  return JSON.parse(await deps.secrets.open(c.secretsSealed, ad(c.workspaceId, c.kind)));
}

/** A Slack client with the connection's bot token. */
export async function slackFor(deps: Deps, c: Connection<"slack">): Promise<SlackApi> {
  return new SlackApi(deps.config, (await secretsOf(deps, c)).botToken);
}

/** A Zendesk client with the connection's agent credentials. */
export async function zendeskFor(deps: Deps, c: Connection<"zendesk">): Promise<ZendeskApi> {
  const s = await secretsOf(deps, c);
  return new ZendeskApi(c.settings.baseUrl, c.settings.email, s.apiToken, deps.config.fetchAllowLoopback);
}

/** Records the outcome of a call to the service (null: it worked). */
export async function recordHealth(deps: Deps, wid: string, kind: IntegrationKind, error: string | null) {
  await deps.store.integrations.setHealth(wid, kind, error, deps.clock.now());
}

/** A sentence about a failed call, for the Integrations page. */
export function describeError(err: unknown): string {
  if (err instanceof SlackApiError) {
    const known: Record<string, string> = {
      invalid_auth: "Slack refused the bot token (invalid_auth).",
      token_revoked: "The bot token was revoked in Slack (token_revoked).",
      account_inactive: "The Slack app was uninstalled (account_inactive).",
      channel_not_found: "The channel is gone or the bot cannot see it (channel_not_found).",
      not_in_channel: "The bot is not in the channel: invite it with /invite (not_in_channel).",
      missing_scope: "The Slack app lacks a scope it needs (missing_scope); reinstall it.",
    };
    return known[err.code] ?? err.message;
  }
  if (err instanceof ZendeskApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
/** A connection's health as the Integrations page shows it. */
export function health(c: Connection | null) {
  return {
    connected: !!c,
    status: c ? c.status : "not_connected" as const,
    lastError: c?.lastError ?? null,
    lastErrorAt: c?.lastErrorAt?.toISOString() ?? null,
    updatedAt: c?.updatedAt.toISOString() ?? null,
  };
}
/** Turns a refusal by the service into a 4xx naming the field it concerns; anything else is rethrown. */
export function serviceError(err: unknown, field?: string): never {
  if (err instanceof SlackApiError || err instanceof ZendeskApiError) {
    const message = describeError(err);
    throw new ValidationError(message, field ? { fields: { [field]: message } } : undefined, "integration_refused");
  }
  throw err;
}
/** The teammate of a workspace with this email (case-insensitive), if any. */
export async function teammateByEmail(deps: Deps, workspaceId: string, email: string | null): Promise<User | null> {
  if (!email) return null;
  const lower = email.toLowerCase();
  return (await deps.store.users.list(workspaceId)).find((u) => u.email.toLowerCase() === lower) ?? null;
}
