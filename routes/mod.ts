/**
 * The server-rendered dashboard: every page, mounted by `app.ts` at `/`
 * after the API, plus the error pages `app.ts` uses.
 *
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../http/app_env.ts";
import { agentPages } from "./agent_pages.tsx";
import { apiDocsPage } from "./api_docs.tsx";
import { analyticsPage } from "./analytics.tsx";
import { agentsPages } from "./agents.tsx";
import { authPages } from "./auth_pages.tsx";
import { homePage } from "./home.tsx";
import { inboxPages } from "./inbox.tsx";
import { integrationsPage } from "./integrations.tsx";
import { invitePage } from "./invite.tsx";
import { passwordPages } from "./password_pages.tsx";
import { profilePage } from "./profile.tsx";
import { ratePage } from "./rate.tsx";
import { settingsPage } from "./settings.tsx";
import { apiKeysPage } from "./settings_api_keys.tsx";
import { webhooksPage } from "./settings_webhooks.tsx";
import { teamPage } from "./team.tsx";
import { ticketsPages } from "./tickets.tsx";

export { renderErrorPage, renderNotFound } from "./errors.tsx";

/** All dashboard pages as one Hono app. */
export function createPages(): Hono<AppEnv> {
  const pages = new Hono<AppEnv>();
  for (
    const sub of [
      authPages(),
      passwordPages(),
      invitePage(),
      ratePage(),
      homePage(),
      profilePage(),
      teamPage(),
      agentsPages(),
      agentPages(),
      settingsPage(),
      webhooksPage(),
      apiKeysPage(),
      integrationsPage(),
      analyticsPage(),
      apiDocsPage(),
      // Before the Inbox: `/inbox/tickets` is not a conversation id.
      ticketsPages(),
      inboxPages(),
    ]
  ) {
    pages.route("/", sub);
  }
  return pages;
}
