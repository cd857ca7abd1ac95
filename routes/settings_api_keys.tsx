/**
 * Settings → API keys (`/settings/api-keys`, admins): the workspace's live
 * keys; create one (shown once), revoke one. Members are refused, as the API
 * refuses them.
 *
 * @module
 */
import { Hono } from "hono";
import { Island } from "../components/Island.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { AppEnv } from "../http/app_env.ts";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import ApiKeySettings from "../islands/ApiKeySettings.tsx";
import { listTeammates } from "../models/accounts/team.ts";
import { listApiKeys } from "../models/api_keys/api_keys.ts";
import { apiKeyJson } from "../models/api_keys/wire.ts";
import { renderErrorPage } from "./errors.tsx";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

/** `GET /settings/api-keys`. */
export function apiKeysPage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/settings/api-keys", requirePageSession, async (c) => {
    const user = currentUser(c);
    if (user.role !== "admin") return renderErrorPage(c, 403, "Only workspace admins can manage API keys.");
    const [keys, team] = await Promise.all([listApiKeys(c.var.deps, user), listTeammates(c.var.deps, user)]);
    const people = Object.fromEntries(team.map((u) => [u.id, u.name]));
    return renderPage(
      c,
      <SignedInPage title="API keys" current="/settings" user={user}>
        <PageHeader
          title="API keys"
          description="Let your own code call Frontdesk's REST API and event stream. Each key is shown once, when it is created."
        />
        <p class="mb-6 text-sm">
          <a href="/settings" class="link">← Back to Settings</a>
          <span class="mx-2 text-slate-300" aria-hidden="true">·</span>
          <a href="/api/docs" class="link">API reference</a>
        </p>
        <Island name="ApiKeySettings" component={ApiKeySettings} props={{ apiKeys: keys.map(apiKeyJson), people }} />
      </SignedInPage>,
    );
  });
  return app;
}
