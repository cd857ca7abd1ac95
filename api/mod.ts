/**
 * The `/api` app: one sub-app per resource, the OpenAPI 3.1 document at
 * `/api/openapi.json` and a JSON 404 for unknown routes.
 *
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { NotFoundError } from "../lib/errors.ts";
import type { AppEnv } from "../http/app_env.ts";
import agentsApi from "./agents.ts";
import analyticsApi from "./analytics.ts";
import apiKeysApi from "./api_keys.ts";
import askApi from "./ask.ts";
import authApi from "./auth.ts";
import cannedApi from "./canned.ts";
import categoriesApi from "./categories.ts";
import eventsApi from "./events.ts";
import experimentsApi from "./experiments.ts";
import ticketsApi from "./tickets.ts";
import { openApiDocument } from "./document.ts";
import conversationsApi, { realtimeApi } from "./conversations.ts";
import filesApi from "./files.ts";
import integrationsApi from "./integrations.ts";
import knowledgeApi from "./knowledge.ts";
import { resource } from "./openapi.ts";
import settingsApi from "./settings.ts";
import usersApi from "./users.ts";
import webhooksApi from "./webhooks.ts";
import widgetApi from "./widget.ts";

/** Builds the API sub-app (mounted at `/api` by `app.ts`). */
export function createApi(): OpenAPIHono<AppEnv> {
  const api = resource();
  api.route("/auth", authApi);
  api.route("/users", usersApi);
  api.route("/api-keys", apiKeysApi);
  api.route("/agents", agentsApi);
  api.route("/agents", knowledgeApi);
  api.route("/agents", askApi);
  api.route("/agents", experimentsApi);
  api.route("/settings", settingsApi);
  api.route("/conversations", conversationsApi);
  api.route("/tickets", ticketsApi);
  api.route("/canned-responses", cannedApi);
  api.route("/categories", categoriesApi);
  api.route("/analytics", analyticsApi);
  api.route("/events", eventsApi);
  api.route("/webhooks", webhooksApi);
  api.route("/realtime", realtimeApi);
  api.route("/widget", widgetApi);
  api.route("/files", filesApi);
  api.route("/integrations", integrationsApi);
  api.get("/openapi.json", (c) => c.json(openApiDocument(api, c.var.deps.config)));
  api.notFound(() => {
    throw new NotFoundError("API route");
  });
  return api;
}
