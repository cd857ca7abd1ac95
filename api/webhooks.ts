/**
 * `/api/webhooks`: the workspace's webhook endpoints (admins): create (the
 * `whsec_` secret is in that answer only), list, read, change, delete, send
 * a test message, rotate the secret, read the delivery log and redeliver.
 * Deliveries follow the Standard Webhooks spec; see the README.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import * as hooks from "../models/webhooks/webhooks.ts";
import { webhookCreateSchema, webhookUpdateSchema } from "../models/webhooks/webhook_schemas.ts";
import {
  deliveryJson,
  deliveryWire,
  webhookJson,
  webhookWire,
  webhookWithSecretWire,
} from "../models/webhooks/wire.ts";
import { isId } from "../lib/ids.ts";
import { access, errorResponses, IdParam, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const tags = ["Webhooks"];
const webhooksApi = resource();
webhooksApi.use("*", requireApiSession);

const One = z.object({ webhook: webhookWire });
const OneDelivery = z.object({ delivery: deliveryWire });
const DeliveryParams = IdParam.extend({
  deliveryId: z.string().refine(isId, { message: "Must be a 24-character hex id." }).openapi({
    param: { name: "deliveryId", in: "path" },
    example: "65f1c0ffee0000000000abce",
  }),
});
const DeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({
    param: { name: "limit", in: "query" },
    description: "How many of the newest deliveries (default 50)",
  }),
});

webhooksApi.openapi(
  route({
    method: "get",
    path: "/",
    tags,
    operationId: "listWebhooks",
    security: access.staff,
    summary: "Webhook endpoints of your workspace (admins)",
    responses: { 200: jsonAnswer(z.object({ webhooks: z.array(webhookWire) }), "All"), ...errorResponses(401, 403) },
  }),
  async (c) => c.json({ webhooks: (await hooks.listWebhooks(c.var.deps, currentUser(c))).map(webhookJson) }, 200),
);

webhooksApi.openapi(
  route({
    method: "post",
    path: "/",
    tags,
    operationId: "createWebhook",
    security: access.staff,
    summary: "Subscribe an endpoint to events (a REST hook's subscribe); the secret is shown only here",
    description: "The URL must be public (checked after DNS, now and on every delivery). `events` are names from " +
      'the event catalog, or `["*"]` (the default) for every event, new types included.',
    request: { body: jsonBody(webhookCreateSchema) },
    responses: { 201: jsonAnswer(webhookWithSecretWire, "Created"), ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const { webhook, secret } = await hooks.createWebhook(c.var.deps, currentUser(c), c.req.valid("json"));
    return c.json({ webhook: webhookJson(webhook), secret }, 201);
  },
);

webhooksApi.openapi(
  route({
    method: "get",
    path: "/{id}",
    tags,
    operationId: "getWebhook",
    security: access.staff,
    summary: "One webhook endpoint",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(One, "It"), ...errorResponses(401, 403, 404) },
  }),
  async (c) =>
    c.json({ webhook: webhookJson(await hooks.getWebhook(c.var.deps, currentUser(c), c.req.valid("param").id)) }, 200),
);

webhooksApi.openapi(
  route({
    method: "patch",
    path: "/{id}",
    tags,
    operationId: "updateWebhook",
    security: access.staff,
    summary: "Change an endpoint's URL, events or description, or turn it off or back on",
    request: { params: IdParam, body: jsonBody(webhookUpdateSchema) },
    responses: { 200: jsonAnswer(One, "Saved"), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const saved = await hooks.updateWebhook(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ webhook: webhookJson(saved) }, 200);
  },
);

webhooksApi.openapi(
  route({
    method: "delete",
    path: "/{id}",
    tags,
    operationId: "deleteWebhook",
    security: access.staff,
    summary: "Delete an endpoint and its delivery log (a REST hook's unsubscribe)",
    request: { params: IdParam },
    responses: { 204: { description: "Deleted" }, ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    await hooks.deleteWebhook(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.body(null, 204);
  },
);

webhooksApi.openapi(
  route({
    method: "post",
    path: "/{id}/test",
    tags,
    operationId: "testWebhook",
    security: access.staff,
    summary: "Send a `webhook.test` message now (once, no retries) and answer what happened",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(OneDelivery, "The attempt"), ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    const { delivery, attempts } = await hooks.testWebhook(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.json({ delivery: deliveryJson(delivery, attempts) }, 200);
  },
);

webhooksApi.openapi(
  route({
    method: "post",
    path: "/{id}/rotate-secret",
    tags,
    operationId: "rotateWebhookSecret",
    security: access.staff,
    summary: "A new signing secret, shown only here; the old one also signs for 24 hours",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(webhookWithSecretWire, "Rotated"), ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    const { webhook, secret } = await hooks.rotateSecret(c.var.deps, currentUser(c), c.req.valid("param").id);
    return c.json({ webhook: webhookJson(webhook), secret }, 200);
  },
);

webhooksApi.openapi(
  route({
    method: "get",
    path: "/{id}/deliveries",
    tags,
    operationId: "listWebhookDeliveries",
    security: access.staff,
    summary: "The endpoint's delivery log, newest first, each with its attempts",
    request: { params: IdParam, query: DeliveriesQuery },
    responses: {
      200: jsonAnswer(z.object({ deliveries: z.array(deliveryWire) }), "The log"),
      ...errorResponses(401, 403, 404),
    },
  }),
  async (c) => {
    const list = await hooks.listDeliveries(
      c.var.deps,
      currentUser(c),
      c.req.valid("param").id,
      c.req.valid("query").limit,
    );
    return c.json({ deliveries: list.map((d) => deliveryJson(d.delivery, d.attempts)) }, 200);
  },
);

webhooksApi.openapi(
  route({
    method: "post",
    path: "/{id}/deliveries/{deliveryId}/redeliver",
    tags,
    operationId: "redeliverWebhook",
    security: access.staff,
    summary: "Send a delivery again now, with the same `webhook-id` and body",
    request: { params: DeliveryParams },
    responses: { 200: jsonAnswer(OneDelivery, "The attempt"), ...errorResponses(401, 403, 404, 409) },
  }),
  async (c) => {
    const { id, deliveryId } = c.req.valid("param");
    const { delivery, attempts } = await hooks.redeliver(c.var.deps, currentUser(c), id, deliveryId);
    return c.json({ delivery: deliveryJson(delivery, attempts) }, 200);
  },
);

/** The `/api/webhooks` sub-app. */
export default webhooksApi;
