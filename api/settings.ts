/**
 * `/api/settings/providers`: per-workspace AI provider credentials (admins).
 * Keys are sealed at rest and never returned; a hint identifies them.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { getRules, saveRules } from "../models/tickets/escalation.ts";
import * as providers from "../models/providers/providers.ts";
import { providerJson, providerWire } from "../models/providers/wire.ts";
import { escalationRulesSchema } from "../models/tickets/ticket_schemas.ts";
import { ruleOf, saveRule, sentimentRuleSchema } from "../models/sentiment/rules.ts";
import {
  credentialSchema,
  credentialTestSchema,
  providerParamSchema,
  REMOTE_PROVIDERS,
} from "../models/providers/settings_schemas.ts";
import { access, errorResponses, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const tags = ["Settings"];
const settingsApi = resource();
settingsApi.use("*", requireApiSession);

const ProviderParam = z.object({
  provider: providerParamSchema.shape.provider.openapi({ param: { name: "provider", in: "path" } }),
});

settingsApi.openapi(
  route({
    method: "get",
    path: "/providers",
    tags,
    operationId: "listProviders",
    security: access.staff,
    summary: "AI providers of your workspace (keys shown only as hints)",
    responses: {
      200: jsonAnswer(z.object({ providers: z.array(providerWire) }), "Every remote provider"),
      ...errorResponses(401, 403),
    },
  }),
  async (c) => {
    const stored = await providers.listCredentials(c.var.deps, currentUser(c));
    const list = REMOTE_PROVIDERS.map((id) => {
      const found = stored.find((s) => s.provider === id);
      return found ? providerJson(found) : { provider: id, configured: false, extra: {} };
    });
    return c.json({ providers: list }, 200);
  },
);

settingsApi.openapi(
  route({
    method: "put",
    path: "/providers/{provider}",
    tags,
    operationId: "saveProvider",
    security: access.staff,
    summary: "Save a provider's key, base URL and default model",
    request: { params: ProviderParam, body: jsonBody(credentialSchema) },
    responses: {
      200: jsonAnswer(z.object({ provider: providerWire }), "Saved"),
      ...errorResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const saved = await providers.saveCredential(
      c.var.deps,
      currentUser(c),
      c.req.valid("param").provider,
      c.req.valid("json"),
    );
    return c.json({ provider: providerJson(saved) }, 200);
  },
);

settingsApi.openapi(
  route({
    method: "delete",
    path: "/providers/{provider}",
    tags,
    operationId: "deleteProvider",
    security: access.staff,
    summary: "Remove a provider's settings",
    request: { params: ProviderParam },
    responses: { 204: { description: "Removed" }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    await providers.deleteCredential(c.var.deps, currentUser(c), c.req.valid("param").provider);
    return c.body(null, 204);
  },
);

settingsApi.openapi(
  route({
    method: "post",
    path: "/providers/{provider}/test",
    tags,
    operationId: "testProvider",
    security: access.staff,
    summary: "Test the stored settings, or unsaved values given here, with a cheap call",
    request: { params: ProviderParam, body: jsonBody(credentialTestSchema) },
    responses: {
      200: jsonAnswer(z.object({ ok: z.boolean(), detail: z.string() }), "The outcome"),
      ...errorResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const result = await providers.testCredential(
      c.var.deps,
      currentUser(c),
      c.req.valid("param").provider,
      c.req.valid("json"),
    );
    return c.json(result, 200);
  },
);

settingsApi.openapi(
  route({
    method: "get",
    path: "/escalation",
    tags,
    operationId: "getEscalationRules",
    security: access.staff,
    summary: "Escalation rules (no staff reply within N minutes -> escalate)",
    responses: { 200: jsonAnswer(escalationRulesSchema, "The rules"), ...errorResponses(401) },
  }),
  async (c) => c.json(await getRules(c.var.deps, currentUser(c)), 200),
);

settingsApi.openapi(
  route({
    method: "put",
    path: "/escalation",
    tags,
    operationId: "saveEscalationRules",
    security: access.staff,
    summary: "Replace the escalation rules (admins)",
    request: { body: jsonBody(escalationRulesSchema) },
    responses: { 200: jsonAnswer(escalationRulesSchema, "Saved"), ...errorResponses(400, 401, 403) },
  }),
  async (c) => c.json(await saveRules(c.var.deps, currentUser(c), c.req.valid("json")), 200),
);

settingsApi.openapi(
  route({
    method: "get",
    path: "/sentiment",
    tags,
    operationId: "getSentimentRule",
    security: access.staff,
    summary: "The sentiment rule (strongly negative messages raise priority, may hand off at once)",
    responses: { 200: jsonAnswer(sentimentRuleSchema, "The rule"), ...errorResponses(401) },
  }),
  async (c) => c.json(await ruleOf(c.var.deps, currentUser(c).workspaceId), 200),
);

settingsApi.openapi(
  route({
    method: "put",
    path: "/sentiment",
    tags,
    operationId: "saveSentimentRule",
    security: access.staff,
    summary: "Replace the sentiment rule (admins)",
    request: { body: jsonBody(sentimentRuleSchema) },
    responses: { 200: jsonAnswer(sentimentRuleSchema, "Saved"), ...errorResponses(400, 401, 403) },
  }),
  async (c) => c.json(await saveRule(c.var.deps, currentUser(c), c.req.valid("json")), 200),
);

/** The `/api/settings` sub-app. */
export default settingsApi;
