/**
 * Connecting Slack (admins): a pasted bot token and signing secret checked with `auth.test`, or "Add to Slack"
 * (OAuth with a signed state); the alert channel and mode; Slack's state as the Integrations page shows it.
 *
 * @module
 */
import type { z } from "zod";
import { hmacSha256Hex, timingSafeEqual } from "../../lib/crypto.ts";
import { NotFoundError, ValidationError } from "../../lib/errors.ts";
import { requireAdmin } from "../accounts/auth.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import { keyHint } from "../providers/credentials.ts";
import { describeError, health, recordHealth, seal, secretsOf, serviceError, slackFor } from "./connections.ts";
import type { Connection, SlackSettings } from "./integration.ts";
import type { slackConnectSchema } from "./integration_schemas.ts";
import { SlackApi, type SlackChannel } from "./slack_api.ts";
import type { SlackStateJson } from "./wire.ts";

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

/** Slack's state as admins see it. */
export async function slackState(deps: Deps, admin: User, c: Connection<"slack"> | null): Promise<SlackStateJson> {
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
