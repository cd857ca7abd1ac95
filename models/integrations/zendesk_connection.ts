/**
 * Connecting Zendesk (admins): the agent's email and API token checked with `GET /users/me.json`, the webhook
 * secret; Zendesk's state as the Integrations page shows it.
 *
 * @module
 */
import type { z } from "zod";
import { ValidationError } from "../../lib/errors.ts";
import { assertPublicUrl } from "../../lib/safe_fetch.ts";
import { requireAdmin } from "../accounts/auth.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import { keyHint } from "../providers/credentials.ts";
import { health, seal, secretsOf, serviceError } from "./connections.ts";
import type { Connection, ZendeskSettings } from "./integration.ts";
import type { zendeskConnectSchema } from "./integration_schemas.ts";
import { ZendeskApi } from "./zendesk_api.ts";
import type { ZendeskStateJson } from "./wire.ts";

/** Zendesk's state as admins see it. */
export function zendeskState(deps: Deps, admin: User, c: Connection<"zendesk"> | null): ZendeskStateJson {
  const s = c?.settings;
  return {
    kind: "zendesk",
    ...health(c),
    ...(s ? { baseUrl: s.baseUrl, email: s.email, tokenHint: s.tokenHint } : {}),
    webhookSecretSet: s?.webhookSecretSet ?? false,
    webhookUrl: `${deps.config.appUrl}/api/integrations/zendesk/webhook?workspace=${admin.workspaceId}`,
  };
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
