/**
 * The admin's view across integrations: every connection's state, testing the stored credentials (recorded as the
 * connection's health) and disconnecting.
 *
 * @module
 */
import { NotFoundError } from "../../lib/errors.ts";
import { requireAdmin } from "../accounts/auth.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import { describeError, recordHealth, slackFor, zendeskFor } from "./connections.ts";
import type { IntegrationKind } from "./integration.ts";
import { SlackApiError } from "./slack_api.ts";
import { slackState } from "./slack_connection.ts";
import type { IntegrationsJson } from "./wire.ts";
import { ZendeskApiError } from "./zendesk_api.ts";
import { zendeskState } from "./zendesk_connection.ts";

/** Every integration's state (admins). */
export async function integrationState(deps: Deps, admin: User): Promise<IntegrationsJson> {
  requireAdmin(admin);
  const [slack, zendesk] = await Promise.all([
    deps.store.integrations.get(admin.workspaceId, "slack"),
    deps.store.integrations.get(admin.workspaceId, "zendesk"),
  ]);
  return { slack: await slackState(deps, admin, slack), zendesk: zendeskState(deps, admin, zendesk) };
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
