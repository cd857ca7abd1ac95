/**
 * `/api/integrations`: Slack and Zendesk. Admins read each connection's state
 * (never a credential), connect, change, test and disconnect them; Slack's
 * OAuth install lands on `slack/oauth/callback`. Slack and Zendesk call the
 * inbound endpoints (`slack/events`, `slack/interactions`,
 * `zendesk/webhook`), which take no session: their request signatures are
 * the credential (checked over the raw body, so these read it themselves).
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { integrationState, removeIntegration, testIntegration } from "../models/integrations/integration_admin.ts";
import { slackConnectSchema, zendeskConnectSchema } from "../models/integrations/integration_schemas.ts";
import { INTEGRATION_KINDS } from "../models/integrations/integration.ts";
import { completeSlackOAuth, saveSlack, slackChannels } from "../models/integrations/slack_connection.ts";
import { handleSlackEvent, handleSlackInteraction } from "../models/integrations/slack_inbound.ts";
import { saveZendesk } from "../models/integrations/zendesk_connection.ts";
import { handleZendeskWebhook } from "../models/integrations/zendesk_sync.ts";
import { integrationsWire, slackChannelWire, slackStateWire, zendeskStateWire } from "../models/integrations/wire.ts";
import { AppError, UnauthorizedError } from "../lib/errors.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";
import { access, described, errorResponses, jsonAnswer, jsonBody, OkSchema, resource, route } from "./openapi.ts";

const tags = ["Integrations"];
const integrationsApi = resource();
// Admin operations need a session; the inbound endpoints authenticate by signature instead.
integrationsApi.use("*", async (c, next) => {
  if (/\/(slack\/events|slack\/interactions|zendesk\/webhook)$/.test(c.req.path)) return await next();
  return await requireApiSession(c, next);
});

/**
 * Refuses an unsigned request (401, whatever its body), then a body of another type than the sender's
 * protocol uses (415); the signature itself is checked by the use case, over the raw body.
 */
function requireType(c: { req: { header(n: string): string | undefined } }, type: string, signed: string[]) {
  if (signed.some((h) => !c.req.header(h))) throw new UnauthorizedError("Missing signature headers.", "unsigned");
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith(type)) {
    throw new AppError(415, "unsupported_media_type", `Send ${type}.`);
  }
}

const KindParam = z.object({
  kind: z.enum(INTEGRATION_KINDS).openapi({ param: { name: "kind", in: "path" }, example: "slack" }),
});

integrationsApi.openapi(
  route({
    method: "get",
    path: "/",
    tags,
    operationId: "listIntegrations",
    security: access.staff,
    summary: "Slack and Zendesk: each connection's state, last error and time (admins; credentials never shown)",
    responses: { 200: jsonAnswer(integrationsWire, "Both integrations"), ...errorResponses(403) },
  }),
  async (c) => c.json(await integrationState(c.var.deps, currentUser(c)), 200),
);

integrationsApi.openapi(
  route({
    method: "put",
    path: "/slack",
    tags,
    operationId: "saveSlackIntegration",
    security: access.staff,
    summary: "Connect Slack with a bot token and signing secret, or change its channel and mode",
    description: "A new token is checked with `auth.test`, a channel with `conversations.list`. `mode`: " +
      "`two_way` (thread replies reach the customer) or `alerts_only` (the default: they never do).",
    request: { body: jsonBody(slackConnectSchema) },
    responses: { 200: jsonAnswer(z.object({ slack: slackStateWire }), "Saved"), ...errorResponses(400, 403) },
  }),
  async (c) => c.json({ slack: await saveSlack(c.var.deps, currentUser(c), c.req.valid("json")) }, 200),
);

integrationsApi.openapi(
  route({
    method: "get",
    path: "/slack/channels",
    tags,
    operationId: "listSlackChannels",
    security: access.staff,
    summary: "The channels the connected Slack bot can post alerts to",
    responses: {
      200: jsonAnswer(z.object({ channels: z.array(slackChannelWire) }), "Channels by name"),
      ...errorResponses(400, 403, 404),
    },
  }),
  async (c) => c.json({ channels: await slackChannels(c.var.deps, currentUser(c)) }, 200),
);

integrationsApi.openapi(
  route({
    method: "get",
    path: "/slack/oauth/callback",
    tags,
    operationId: "slackOAuthCallback",
    security: access.staff,
    summary: 'Where Slack\'s "Add to Slack" returns: trades the code for a bot token, back to Settings',
    request: {
      query: z.object({
        code: z.string().max(500).optional(),
        state: z.string().max(500).optional(),
        error: z.string().max(200).optional(),
      }),
    },
    responses: {
      200: {
        description: "A short page that goes on to `/settings/integrations` (with `?slack=connected`, or " +
          "`?slack=error&reason=...`): a page, not a redirect, so the outcome is said even without the refresh",
        content: { "text/html": { schema: z.string() } },
      },
      ...errorResponses(403),
    },
  }),
  async (c) => {
    const { code, state, error } = c.req.valid("query");
    let outcome = "slack=connected";
    if (error || !code || !state) outcome = `slack=error&reason=${encodeURIComponent(error ?? "cancelled")}`;
    else {
      try {
        await completeSlackOAuth(c.var.deps, currentUser(c), code, state);
      } catch (err) {
        outcome = `slack=error&reason=${encodeURIComponent(err instanceof Error ? err.message : "failed")}`;
      }
    }
    const to = `/settings/integrations?${outcome}`;
    const said = outcome === "slack=connected" ? "Slack is connected." : "Slack was not connected.";
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Slack</title>` +
        `<meta http-equiv="refresh" content="0;url=${to}"></head>` +
        `<body><p>${said} <a href="${to}">Back to Integrations</a></p></body></html>`,
      200,
    );
  },
);

integrationsApi.openapi(
  route({
    method: "put",
    path: "/zendesk",
    tags,
    operationId: "saveZendeskIntegration",
    security: access.staff,
    summary: "Connect Zendesk (subdomain or base URL, agent email, API token, webhook signing secret)",
    description: "The credentials are checked with `GET /api/v2/users/me.json`; the base URL is SSRF-checked.",
    request: { body: jsonBody(zendeskConnectSchema) },
    responses: { 200: jsonAnswer(z.object({ zendesk: zendeskStateWire }), "Saved"), ...errorResponses(400, 403) },
  }),
  async (c) => c.json({ zendesk: await saveZendesk(c.var.deps, currentUser(c), c.req.valid("json")) }, 200),
);

integrationsApi.openapi(
  route({
    method: "delete",
    path: "/{kind}",
    tags,
    operationId: "deleteIntegration",
    security: access.staff,
    summary: "Disconnect Slack or Zendesk (its credentials are deleted)",
    request: { params: KindParam },
    responses: { 204: { description: "Disconnected" }, ...errorResponses(403, 404) },
  }),
  async (c) => {
    await removeIntegration(c.var.deps, currentUser(c), c.req.valid("param").kind);
    return c.body(null, 204);
  },
);

integrationsApi.openapi(
  route({
    method: "post",
    path: "/{kind}/test",
    tags,
    operationId: "testIntegration",
    security: access.staff,
    summary: "Test the stored credentials with a cheap call; the outcome becomes the connection's state",
    request: { params: KindParam },
    responses: {
      200: jsonAnswer(z.object({ ok: z.boolean(), detail: z.string() }), "The outcome"),
      ...errorResponses(403, 404),
    },
  }),
  async (c) => c.json(await testIntegration(c.var.deps, currentUser(c), c.req.valid("param").kind), 200),
);

const workspaceQuery = z.object({
  workspace: z.string().optional().openapi({
    description: "The workspace id: for Slack apps connected with a pasted token, and for every Zendesk webhook",
  }),
});

const SLACK_SIGNED = ["x-slack-signature", "x-slack-request-timestamp"];

const slackHeaders = z.object({
  "x-slack-signature": z.string().optional().openapi({ description: "`v0=` + hex HMAC-SHA256" }),
  "x-slack-request-timestamp": z.string().optional().openapi({ description: "Unix seconds; 5-minute window" }),
  "x-slack-retry-num": z.string().optional().openapi({ description: "Set on Slack's retries (deduplicated)" }),
});

const slackEvents = described(integrationsApi, {
  method: "post",
  path: "/slack/events",
  tags,
  operationId: "slackEvents",
  security: access.slack,
  summary: "Slack Events API: url_verification, and thread replies (signed requests only)",
  request: {
    query: workspaceQuery,
    headers: slackHeaders,
    body: { required: true, content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
  },
  responses: {
    200: jsonAnswer(z.object({ challenge: z.string().optional(), ok: z.boolean() }), "Taken (or the challenge)"),
    ...errorResponses(400, 401, 413, 415),
  },
});

function slackRequest(c: { req: { header(n: string): string | undefined; query(n: string): string | undefined } }) {
  return {
    signature: c.req.header("x-slack-signature") ?? null,
    timestamp: c.req.header("x-slack-request-timestamp") ?? null,
    workspace: c.req.query("workspace"),
  };
}

integrationsApi.post(slackEvents.getRoutingPath(), async (c) => {
  requireType(c, "application/json", SLACK_SIGNED);
  const body = await c.req.text();
  const out = await handleSlackEvent(c.var.deps, { body, ...slackRequest(c) });
  return c.json({ ok: true, ...out }, 200);
});

const slackInteractions = described(integrationsApi, {
  method: "post",
  path: "/slack/interactions",
  tags,
  operationId: "slackInteractions",
  security: access.slack,
  summary: 'Slack interactivity: the alert\'s "Assign to me" button (`payload=` JSON, form-encoded, signed)',
  request: {
    query: workspaceQuery,
    headers: slackHeaders,
    body: {
      required: true,
      content: { "application/x-www-form-urlencoded": { schema: z.object({ payload: z.string() }) } },
    },
  },
  responses: { 200: jsonAnswer(OkSchema, "Taken"), ...errorResponses(400, 401, 413, 415) },
});

integrationsApi.post(slackInteractions.getRoutingPath(), async (c) => {
  requireType(c, "application/x-www-form-urlencoded", SLACK_SIGNED);
  const body = await c.req.text();
  await handleSlackInteraction(c.var.deps, { body, ...slackRequest(c) });
  return c.json({ ok: true as const }, 200);
});

const zendeskWebhook = described(integrationsApi, {
  method: "post",
  path: "/zendesk/webhook",
  tags,
  operationId: "zendeskWebhook",
  security: access.zendesk,
  summary: "Zendesk ticket event webhooks: public comments and status changes (signed requests only)",
  request: {
    query: workspaceQuery,
    headers: z.object({
      "x-zendesk-webhook-signature": z.string().optional().openapi({
        description: "base64 HMAC-SHA256 of timestamp + body",
      }),
      "x-zendesk-webhook-signature-timestamp": z.string().optional(),
    }),
    body: { required: true, content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } },
  },
  responses: { 200: jsonAnswer(OkSchema, "Taken"), ...errorResponses(400, 401, 413, 415) },
});

integrationsApi.post(zendeskWebhook.getRoutingPath(), async (c) => {
  requireType(c, "application/json", ["x-zendesk-webhook-signature", "x-zendesk-webhook-signature-timestamp"]);
  const body = await c.req.text();
  await handleZendeskWebhook(c.var.deps, {
    body,
    signature: c.req.header("x-zendesk-webhook-signature") ?? null,
    timestamp: c.req.header("x-zendesk-webhook-signature-timestamp") ?? null,
    workspace: c.req.query("workspace"),
  });
  return c.json({ ok: true as const }, 200);
});

/** The `/api/integrations` sub-app. */
export default integrationsApi;
