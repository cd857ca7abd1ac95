/**
 * `/api/api-keys` (admins, signed in: an API key never manages keys): create a key (shown once), list the
 * workspace's keys, revoke one.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { NotFoundError } from "../lib/errors.ts";
import { apiKeyCreateSchema } from "../models/api_keys/api_key_schemas.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../models/api_keys/api_keys.ts";
import { apiKeyCreatedWire, apiKeyJson, apiKeyWire } from "../models/api_keys/wire.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";
import { access, errorResponses, IdParam, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";

const tags = ["API keys"];
const apiKeysApi = resource();
apiKeysApi.use("*", requireApiSession);

apiKeysApi.openapi(
  route({
    method: "get",
    path: "/",
    tags,
    operationId: "listApiKeys",
    security: access.session,
    summary: "The workspace's API keys (never the keys themselves)",
    responses: { 200: jsonAnswer(z.object({ apiKeys: z.array(apiKeyWire) }), "Live keys, newest first") },
  }),
  async (c) => {
    const keys = await listApiKeys(c.var.deps, currentUser(c));
    return c.json({ apiKeys: keys.map(apiKeyJson) }, 200);
  },
);

apiKeysApi.openapi(
  route({
    method: "post",
    path: "/",
    tags,
    operationId: "createApiKey",
    security: access.session,
    summary: "Create an API key: the answer's `key` is shown this once",
    request: { body: jsonBody(apiKeyCreateSchema) },
    responses: { 201: jsonAnswer(apiKeyCreatedWire, "Created") },
  }),
  async (c) => {
    const { apiKey, key } = await createApiKey(c.var.deps, currentUser(c), c.req.valid("json"));
    return c.json({ apiKey: apiKeyJson(apiKey), key }, 201);
  },
);

apiKeysApi.openapi(
  route({
    method: "delete",
    path: "/{id}",
    tags,
    operationId: "revokeApiKey",
    security: access.session,
    summary: "Revoke a key: its next request answers 401 and its event streams close",
    request: { params: IdParam },
    responses: { 204: { description: "Revoked" }, ...errorResponses(404) },
  }),
  async (c) => {
    if (!await revokeApiKey(c.var.deps, currentUser(c), c.req.valid("param").id)) throw new NotFoundError("API key");
    return c.body(null, 204);
  },
);

export default apiKeysApi;
