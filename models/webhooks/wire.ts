/**
 * The wire contract of webhooks: an endpoint as admins see it (a secret hint,
 * never the secret, except once in the answer that made it) and its
 * deliveries with their attempts.
 *
 * @module
 */
import { z } from "zod";
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "./webhook.ts";

const time = z.string().datetime();

/** A webhook endpoint. */
export const webhookWire = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()).describe('Event types of the catalog, or `["*"]` for all'),
  enabled: z.boolean(),
  disabledReason: z.enum(["admin", "failing"]).nullable(),
  disabledAt: time.nullable(),
  failingSince: time.nullable().describe("Start of the current run of failed deliveries"),
  secretHint: z.string(),
  previousSecretExpiresAt: time.nullable().describe("Until then the secret before the last rotation signs too"),
  createdAt: time,
  updatedAt: time,
}).meta({ id: "Webhook" });

/** An endpoint with its new signing secret, shown this once. */
export const webhookWithSecretWire = z.object({
  webhook: webhookWire,
  secret: z.string().describe("The `whsec_` signing secret: shown only in this answer"),
}).meta({ id: "WebhookWithSecret" });

/** One attempt of a delivery. */
export const attemptWire = z.object({
  attempt: z.number().int(),
  at: time,
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  response: z.string().nullable().describe("The first 1 KB of the receiver's answer"),
  error: z.string().nullable(),
}).meta({ id: "WebhookAttempt" });

/** A delivery: one event (or test message) to one endpoint. */
export const deliveryWire = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string().describe("The `webhook-id` header, the same on every attempt"),
  eventType: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: time.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastResponse: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: time,
  deliveredAt: time.nullable(),
  attemptLog: z.array(attemptWire),
}).meta({ id: "WebhookDelivery" });

/** A webhook as JSON. */
export type WebhookJson = z.infer<typeof webhookWire>;
/** A delivery as JSON. */
export type DeliveryJson = z.infer<typeof deliveryWire>;

const isoOrNull = (d: Date | null) => d ? d.toISOString() : null;

/** Shapes an endpoint (without its secrets). */
export function webhookJson(e: WebhookEndpoint): WebhookJson {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: isoOrNull(e.disabledAt),
    failingSince: isoOrNull(e.failingSince),
    secretHint: e.secretHint,
    previousSecretExpiresAt: isoOrNull(e.previousSecretExpiresAt),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** Shapes a delivery with its attempts. */
export function deliveryJson(d: WebhookDelivery, attempts: WebhookAttempt[]): DeliveryJson {
  return {
    id: d.id,
    webhookId: d.endpointId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: isoOrNull(d.nextAttemptAt),
    lastStatusCode: d.lastStatusCode,
    lastLatencyMs: d.lastLatencyMs,
    lastResponse: d.lastResponse,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: isoOrNull(d.deliveredAt),
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      at: a.at.toISOString(),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      response: a.response,
      error: a.error,
    })),
  };
}
