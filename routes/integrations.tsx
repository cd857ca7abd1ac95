/**
 * Settings → Integrations (`/settings/integrations`, admins): Slack and
 * Zendesk connections with their state and last errors. Members are told
 * their admins manage it.
 *
 * @module
 */
import { Hono } from "hono";
import { Alert } from "../components/Alert.tsx";
import { Island } from "../components/Island.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { AppEnv } from "../http/app_env.ts";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import Integrations from "../islands/Integrations.tsx";
import { integrationState } from "../models/integrations/integration_admin.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

/** `GET /settings/integrations`. */
export function integrationsPage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/settings/integrations", requirePageSession, async (c) => {
    const user = currentUser(c);
    const admin = user.role === "admin";
    const integrations = admin ? await integrationState(c.var.deps, user) : null;
    const outcome = c.req.query("slack");
    const reason = c.req.query("reason");
    return renderPage(
      c,
      <SignedInPage title="Integrations" current="/settings" user={user}>
        <PageHeader
          title="Integrations"
          description="Work handoffs from Slack and Zendesk. Credentials are encrypted and never shown again."
        />
        <p class="mb-6 text-sm">
          <a href="/settings" class="link">← Back to Settings</a>
        </p>
        {outcome === "connected" && (
          <Alert tone="success" title="Slack is connected" class="mb-6">Pick the channel for alerts below.</Alert>
        )}
        {outcome === "error" && (
          <Alert tone="error" title="Slack was not connected" class="mb-6">
            {reason ?? "The install did not finish."}
          </Alert>
        )}
        {integrations
          ? <Island name="Integrations" component={Integrations} props={{ integrations }} />
          : (
            <Alert tone="info" title="Managed by your admins">
              Only workspace admins can connect Slack and Zendesk.
            </Alert>
          )}
      </SignedInPage>,
    );
  });
  return app;
}
