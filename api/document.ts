/**
 * The OpenAPI 3.1 document served at `/api/openapi.json`: what `@hono/zod-openapi` generates from
 * the routes, plus what only the configuration knows (the server URL from `APP_URL`, the session
 * cookie's name) and what belongs to the whole API (license, tags, security schemes).
 *
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/app_env.ts";
import { sessionCookieName } from "../http/session.ts";
import type { Config } from "../lib/config.ts";
import { securitySchemes } from "./openapi.ts";

/** The tags operations are grouped by, in the order readers meet them. */
export const TAGS = [
  { name: "Auth", description: "Sign up, sign in and out, your profile, password reset, invite acceptance." },
  { name: "Users", description: "The workspace's members and invites (admins)." },
  {
    name: "API keys",
    description: "Keys for integrators (admins, signed in): `Authorization: Bearer fd_live_…` on the operations " +
      "that list the `apiKey` scheme.",
  },
  { name: "Agents", description: "AI support agents: their prompt, provider, widget look, embed snippet, playground." },
  {
    name: "Experiments",
    description: "A/B tests of an agent's answers: variants, a sticky split, results with confidence, promotion.",
  },
  {
    name: "Knowledge",
    description: "What an agent knows: training from text, websites and documents; sources; versions.",
  },
  { name: "Settings", description: "AI provider keys and escalation rules of the workspace." },
  { name: "Conversations", description: "The staff inbox: threads, replies, take over and hand back, staff uploads." },
  { name: "Tickets", description: "Conversations handed to the team: status, priority, assignee, tags, notes." },
  { name: "Canned responses", description: "Saved replies, inserted by their `/shortcut`." },
  {
    name: "Categories",
    description: "Workspace topics with example phrases: they auto-tag new conversations and tickets, offline.",
  },
  {
    name: "Analytics",
    description: "How the AI and the team serve customers: a period's metrics, daily series, team, CSV export.",
  },
  {
    name: "Events",
    description: "The workspace's events from the durable log (the event catalog): a feed to poll and a stream.",
  },
  {
    name: "Webhooks",
    description: "Endpoints that receive the event catalog's events, signed per Standard Webhooks; delivery logs.",
  },
  { name: "Widget", description: "What the embeddable widget calls from any origin, with the visitor token." },
  { name: "Files", description: "Attachments, served through the signed URLs the uploads answer with." },
  {
    name: "Integrations",
    description: "Slack and Zendesk (admins), and the endpoints they call, authenticated by their request signatures.",
  },
  {
    name: "Realtime",
    description: "The WebSockets: the visitor's and staff's live protocol (`realtime/protocol.ts`).",
  },
];

/**
 * The license the API is offered under. The repository carries no license file, so all rights are
 * reserved: an SPDX `LicenseRef-` names that (OpenAPI 3.1 `identifier`).
 */
const LICENSE = { name: "Proprietary", identifier: "LicenseRef-Proprietary" };

/** Builds the document for `api` (the `/api` app) as this instance serves it. */
export function openApiDocument(api: OpenAPIHono<AppEnv>, config: Config) {
  const doc = api.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Frontdesk API",
      version: "1.0.0",
      description: "AI customer-support chat: accounts, agents, knowledge, conversations and tickets. " +
        "Errors are `{ error: { code, message, details? } }`.",
    },
    servers: [{ url: `${config.appUrl}/api`, description: "This Frontdesk instance (`APP_URL`)" }],
    tags: TAGS,
  });
  doc.info.license = LICENSE;
  doc.components = { ...doc.components, securitySchemes: securitySchemes(sessionCookieName(config)) };
  return doc;
}
