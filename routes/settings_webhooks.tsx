/**
 * Settings → Webhooks (`/settings/webhooks`, admins): the workspace's
 * endpoints, each with its delivery log; subscribe one, see its secret once,
 * turn it off or on, rotate its secret, send a test, redeliver.
 *
 * @module
 */
import { Hono } from "hono";
import { Island } from "../components/Island.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { AppEnv } from "../http/app_env.ts";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import WebhookSettings from "../islands/WebhookSettings.tsx";
import { EVENT_TYPES } from "../models/events/catalog.ts";
import { listWebhooks } from "../models/webhooks/webhooks.ts";
import { webhookJson } from "../models/webhooks/wire.ts";
import { renderErrorPage } from "./errors.tsx";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

/** `GET /settings/webhooks`. */
export function webhooksPage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/settings/webhooks", requirePageSession, async (c) => {
    const user = currentUser(c);
    if (user.role !== "admin") {
      return renderErrorPage(c, 403, "Only workspace admins can manage webhooks.");
    }
    const webhooks = (await listWebhooks(c.var.deps, user)).map(webhookJson);
    return renderPage(
      c,
      <SignedInPage title="Webhooks" current="/settings" user={user}>
        <PageHeader
          title="Webhooks"
          description="Send Frontdesk's events to your own systems, signed per Standard Webhooks and retried for about a day."
        />
        <Island name="WebhookSettings" component={WebhookSettings} props={{ webhooks, eventTypes: [...EVENT_TYPES] }} />
      </SignedInPage>,
    );
  });
  return app;
}
