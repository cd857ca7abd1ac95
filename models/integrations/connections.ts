/**
 * Connecting Slack and Zendesk (admins): credentials are checked against the
 * service, sealed with the workspace's secret box (bound to workspace and
 * kind) and never returned; each connection's health (the latest error and
 * when) is kept from every call the listeners and the inbound endpoints make.
 *
 * @module
 */
import type { z } from "zod";
import { hmacSha256Hex, timingSafeEqual } from "../../lib/crypto.ts";
import { NotFoundError, ValidationError } from "../../lib/errors.ts";
import { assertPublicUrl } from "../../lib/safe_fetch.ts";
import { requireAdmin } from "../accounts/auth.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import { keyHint } from "../providers/credentials.ts";
import type { Connection, IntegrationKind, KindMap, SlackSettings, ZendeskSettings } from "./integration.ts";
import type { slackConnectSchema, zendeskConnectSchema } from "./integration_schemas.ts";
import { SlackApi, SlackApiError, type SlackChannel } from "./slack_api.ts";
import type { IntegrationsJson, SlackStateJson, ZendeskStateJson } from "./wire.ts";
import { ZendeskApi, ZendeskApiError } from "./zendesk_api.ts";

/** The bot scopes "Add to Slack" asks for: post and edit alerts, list channels, read thread replies, match emails. */
export const SLACK_SCOPES = [
  "chat:write",
  "chat:write.public",
  "channels:read",
  "groups:read",
  "channels:history",
  "groups:history",
  "users:read",
  "users:read.email",
];

const ad = (workspaceId: string, kind: IntegrationKind) => `${workspaceId}:integration:${kind}`;

/** Seals a connection's credentials. */
function seal<K extends IntegrationKind>(deps: Deps, wid: string, kind: K, secrets: KindMap[K]["secrets"]) {
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

function health(c: Connection | null) {
  return {
    connected: !!c,
    status: c ? c.status : "not_connected" as const,
    lastError: c?.lastError ?? null,
    lastErrorAt: c?.lastErrorAt?.toISOString() ?? null,
    updatedAt: c?.updatedAt.toISOString() ?? null,
  };
}

/** Slack's state as admins see it. */
async function slackState(deps: Deps, admin: User, c: Connection<"slack"> | null): Promise<SlackStateJson> {
  const base = deps.config.appUrl;
  const s = c?.settings;
  // A pasted app has its own signing secret: its Request URL names the workspace so url_verification finds it.
  const own = s?.via === "token" ? `?workspace=${admin.workspaceId}` : "";
  return {
    kind: "slack",
    ...health(c),
    ...(s
      ? {
        teamId: s.teamId,
        teamName: s.teamName,
        channelId: s.channelId,
        channelName: s.channelName,
        via: s.via,
        tokenHint: s.tokenHint,
      }
      : {}),
    mode: s?.mode ?? "alerts_only",
    installUrl: await slackInstallUrl(deps, admin),
    eventsUrl: `${base}/api/integrations/slack/events${own}`,
    interactionsUrl: `${base}/api/integrations/slack/interactions${own}`,
  };
}

function zendeskState(deps: Deps, admin: User, c: Connection<"zendesk"> | null): ZendeskStateJson {
  const s = c?.settings;
  return {
    kind: "zendesk",
    ...health(c),
    ...(s ? { baseUrl: s.baseUrl, email: s.email, tokenHint: s.tokenHint } : {}),
    webhookSecretSet: s?.webhookSecretSet ?? false,
    webhookUrl: `${deps.config.appUrl}/api/integrations/zendesk/webhook?workspace=${admin.workspaceId}`,
  };
}

/** Every integration's state (admins). */
export async function integrationState(deps: Deps, admin: User): Promise<IntegrationsJson> {
  requireAdmin(admin);
  const [slack, zendesk] = await Promise.all([
    deps.store.integrations.get(admin.workspaceId, "slack"),
    deps.store.integrations.get(admin.workspaceId, "zendesk"),
  ]);
  return { slack: await slackState(deps, admin, slack), zendesk: zendeskState(deps, admin, zendesk) };
}

function serviceError(err: unknown, field?: string): never {
  if (err instanceof SlackApiError || err instanceof ZendeskApiError) {
    const message = describeError(err);
    throw new ValidationError(message, field ? { fields: { [field]: message } } : undefined, "integration_refused");
  }
  throw err;
}

/** Connects or changes Slack: a pasted bot token (+ signing secret) is checked with `auth.test`; a channel with `conversations.list`. */
export async function saveSlack(
  deps: Deps,
  admin: User,
  input: z.infer<typeof slackConnectSchema>,
): Promise<SlackStateJson> {
  requireAdmin(admin);
  const wid = admin.workspaceId;
  const existing = await deps.store.integrations.get(wid, "slack");
  const oldSecrets = existing ? await secretsOf(deps, existing) : null;
  let settings: SlackSettings;
  let secrets = oldSecrets;
  if (input.botToken) {
    const signingSecret = input.signingSecret ??
      (existing?.settings.via === "token" ? oldSecrets?.signingSecret : undefined);
    if (!signingSecret) {
      const message = "Paste the app's signing secret too: it proves Slack's requests are Slack's.";
      throw new ValidationError(message, { fields: { signingSecret: message } });
    }
    const who = await new SlackApi(deps.config, input.botToken).authTest().catch((e) => serviceError(e, "botToken"));
    const sameTeam = existing?.settings.teamId === who.team_id;
    settings = {
      teamId: who.team_id,
      teamName: who.team,
      botUserId: who.user_id,
      ...(who.bot_id ? { botId: who.bot_id } : {}),
      ...(sameTeam && existing?.settings.channelId
        ? { channelId: existing.settings.channelId, channelName: existing.settings.channelName }
        : {}),
      mode: existing?.settings.mode ?? "alerts_only",
      via: "token",
      tokenHint: keyHint(input.botToken),
    };
    secrets = { botToken: input.botToken, signingSecret };
  } else if (existing && secrets) {
    settings = { ...existing.settings };
    if (input.signingSecret && existing.settings.via === "token") {
      secrets = { ...secrets, signingSecret: input.signingSecret };
    }
  } else {
    const message = "Paste the bot token (or use Add to Slack).";
    throw new ValidationError(message, { fields: { botToken: message } });
  }
  if (input.channelId) {
    const channels = await new SlackApi(deps.config, secrets.botToken).channels().catch((e) =>
      serviceError(e, "channelId")
    );
    const found = channels.find((c) => c.id === input.channelId);
    if (!found) {
      const message = "The bot cannot see that channel.";
      throw new ValidationError(message, { fields: { channelId: message } });
    }
    settings = { ...settings, channelId: found.id, channelName: found.name };
  }
  if (input.mode) settings = { ...settings, mode: input.mode };
  const now = deps.clock.now();
  const conn: Connection<"slack"> = {
    workspaceId: wid,
    kind: "slack",
    settings,
    secretsSealed: await seal(deps, wid, "slack", secrets),
    externalKey: settings.teamId,
    status: "connected",
    lastError: existing?.lastError ?? null,
    lastErrorAt: existing?.lastErrorAt ?? null,
    connectedBy: input.botToken ? admin.id : existing?.connectedBy ?? admin.id,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await deps.store.integrations.upsert(conn);
  return await slackState(deps, admin, conn);
}

/** The channels the connected bot can post to. */
export async function slackChannels(deps: Deps, admin: User): Promise<SlackChannel[]> {
  requireAdmin(admin);
  const c = await deps.store.integrations.get(admin.workspaceId, "slack");
  if (!c) throw new NotFoundError("Slack connection");
  try {
    const list = await (await slackFor(deps, c)).channels();
    await recordHealth(deps, c.workspaceId, "slack", null);
    return list.sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    await recordHealth(deps, c.workspaceId, "slack", describeError(err));
    serviceError(err);
  }
}

async function oauthSignature(deps: Deps, payload: string) {
  return await hmacSha256Hex(`${deps.config.jwtSecret}:slack-oauth`, payload);
}

/** "Add to Slack": Slack's authorize URL with a signed state naming the admin (valid 15 minutes), or null. */
export async function slackInstallUrl(deps: Deps, admin: User): Promise<string | null> {
  const { clientId, clientSecret } = deps.config.slack;
  if (!clientId || !clientSecret) return null;
  const exp = Math.floor(deps.clock.now().getTime() / 1000) + 15 * 60;
  const payload = `${admin.workspaceId}.${admin.id}.${exp}`;
  const url = new URL("/oauth/v2/authorize", deps.config.slack.apiUrl);
  url.searchParams.set("client_id", clientId);
  url.searchParams.set("scope", SLACK_SCOPES.join(","));
  url.searchParams.set("redirect_uri", slackRedirectUri(deps));
  url.searchParams.set("state", `${payload}.${await oauthSignature(deps, payload)}`);
  return url.href;
}

function slackRedirectUri(deps: Deps) {
  return `${deps.config.appUrl}/api/integrations/slack/oauth/callback`;
}

/** Finishes "Add to Slack": checks the state is this admin's and fresh, trades the code for a bot token. */
export async function completeSlackOAuth(deps: Deps, admin: User, code: string, state: string): Promise<void> {
  requireAdmin(admin);
  const { clientId, clientSecret } = deps.config.slack;
  const [wid, uid, exp, sig] = state.split(".");
  const fresh = Number(exp) * 1000 > deps.clock.now().getTime();
  const genuine = !!sig && timingSafeEqual(await oauthSignature(deps, `${wid}.${uid}.${exp}`), sig);
  if (!clientId || !clientSecret || !genuine || !fresh || wid !== admin.workspaceId || uid !== admin.id) {
    throw new ValidationError("This Slack install link is not valid any more: start again.", undefined, "bad_state");
  }
  const api = new SlackApi(deps.config);
  const granted = await api.oauthAccess(clientId, clientSecret, code, slackRedirectUri(deps)).catch((e) =>
    serviceError(e)
  );
  const existing = await deps.store.integrations.get(admin.workspaceId, "slack");
  const sameTeam = existing?.settings.teamId === granted.team.id;
  const now = deps.clock.now();
  await deps.store.integrations.upsert({
    workspaceId: admin.workspaceId,
    kind: "slack",
    settings: {
      teamId: granted.team.id,
      ...(granted.team.name ? { teamName: granted.team.name } : {}),
      ...(granted.bot_user_id ? { botUserId: granted.bot_user_id } : {}),
      ...(sameTeam && existing?.settings.channelId
        ? { channelId: existing.settings.channelId, channelName: existing.settings.channelName }
        : {}),
      mode: existing?.settings.mode ?? "alerts_only",
      via: "oauth",
      tokenHint: keyHint(granted.access_token),
    },
    secretsSealed: await seal(deps, admin.workspaceId, "slack", { botToken: granted.access_token }),
    externalKey: granted.team.id,
    status: "connected",
    lastError: null,
    lastErrorAt: null,
    connectedBy: admin.id,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  });
}

/** Connects or changes Zendesk: the credentials are checked with `GET /users/me.json`. */
export async function saveZendesk(
  deps: Deps,
  admin: User,
  input: z.infer<typeof zendeskConnectSchema>,
): Promise<ZendeskStateJson> {
  requireAdmin(admin);
  const wid = admin.workspaceId;
  const existing = await deps.store.integrations.get(wid, "zendesk");
  const old = existing ? await secretsOf(deps, existing) : null;
  const baseUrl = input.baseUrl?.replace(/\/+$/, "") ??
    (input.subdomain ? `https://${input.subdomain}.zendesk.com` : existing?.settings.baseUrl);
  if (!baseUrl) {
    const message = "Enter your Zendesk subdomain.";
    throw new ValidationError(message, { fields: { subdomain: message } });
  }
  await assertPublicUrl(baseUrl, { allowLoopback: deps.config.fetchAllowLoopback });
  const apiToken = input.apiToken ?? old?.apiToken;
  if (!apiToken) {
    const message = "Paste the API token.";
    throw new ValidationError(message, { fields: { apiToken: message } });
  }
  const api = new ZendeskApi(baseUrl, input.email, apiToken, deps.config.fetchAllowLoopback);
  const me = await api.me().catch((e) => serviceError(e, "apiToken"));
  const webhookSecret = input.webhookSecret ?? old?.webhookSecret;
  const settings: ZendeskSettings = {
    baseUrl,
    email: input.email,
    agentUserId: me.id,
    tokenHint: keyHint(apiToken),
    webhookSecretSet: !!webhookSecret,
  };
  const now = deps.clock.now();
  const conn: Connection<"zendesk"> = {
    workspaceId: wid,
    kind: "zendesk",
    settings,
    secretsSealed: await seal(deps, wid, "zendesk", { apiToken, ...(webhookSecret ? { webhookSecret } : {}) }),
    externalKey: null,
    status: "connected",
    lastError: existing?.lastError ?? null,
    lastErrorAt: existing?.lastErrorAt ?? null,
    connectedBy: admin.id,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await deps.store.integrations.upsert(conn);
  return zendeskState(deps, admin, conn);
}

/** Disconnects (the links stay, so a reconnect to the same Slack team keeps editing old threads). */
export async function removeIntegration(deps: Deps, admin: User, kind: IntegrationKind): Promise<void> {
  requireAdmin(admin);
  if (!(await deps.store.integrations.remove(admin.workspaceId, kind))) throw new NotFoundError("Integration");
}

/** Tests the stored credentials with a cheap call, and records the outcome as the connection's health. */
export async function testIntegration(
  deps: Deps,
  admin: User,
  kind: IntegrationKind,
): Promise<{ ok: boolean; detail: string }> {
  requireAdmin(admin);
  const wid = admin.workspaceId;
  try {
    let detail: string;
    if (kind === "slack") {
      const c = await deps.store.integrations.get(wid, "slack");
      if (!c) throw new NotFoundError("Integration");
      const who = await (await slackFor(deps, c)).authTest();
      detail = `Connected to the Slack workspace ${who.team} as its bot.`;
    } else {
      const c = await deps.store.integrations.get(wid, "zendesk");
      if (!c) throw new NotFoundError("Integration");
      const me = await (await zendeskFor(deps, c)).me();
      detail = `Connected to ${c.settings.baseUrl} as ${me.name} (${me.email}).`;
    }
    await recordHealth(deps, wid, kind, null);
    return { ok: true, detail };
  } catch (err) {
    if (!(err instanceof SlackApiError || err instanceof ZendeskApiError)) throw err;
    const detail = describeError(err);
    await recordHealth(deps, wid, kind, detail);
    return { ok: false, detail };
  }
}

/** The teammate of a workspace with this email (case-insensitive), if any. */
export async function teammateByEmail(deps: Deps, workspaceId: string, email: string | null): Promise<User | null> {
  if (!email) return null;
  const lower = email.toLowerCase();
  return (await deps.store.users.list(workspaceId)).find((u) => u.email.toLowerCase() === lower) ?? null;
}
