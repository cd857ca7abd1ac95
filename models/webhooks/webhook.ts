/**
 * Webhook endpoints and their deliveries (Standard Webhooks): what an admin
 * subscribes (a URL, event types of the catalog or all of them), the signing
 * secret (sealed at rest; during a rotation the previous one too, until its
 * overlap ends), and the rules of delivery: the retry schedule and when a
 * failing endpoint is disabled.
 *
 * @module
 */
import type { EventType } from "../events/catalog.ts";

/** Every event type of the catalog (what `events: ["*"]` subscribes to). */
export const ALL_EVENTS = "*";

/** Why an endpoint is disabled: an admin turned it off, or it failed for too long. */
export type DisabledReason = "admin" | "failing";

/** A webhook endpoint of a workspace. The sealed secrets never leave the server. */
export interface WebhookEndpoint {
  id: string;
  workspaceId: string;
  url: string;
  description: string;
  /** Subscribed event types, or `["*"]` for all (new types included). */
  events: (EventType | typeof ALL_EVENTS)[];
  enabled: boolean;
  disabledReason: DisabledReason | null;
  disabledAt: Date | null;
  /** Start of the current run of failed attempts (null after any success). */
  failingSince: Date | null;
  secretSealed: string;
  /** `whsec_…abcd`: enough to tell secrets apart. */
  secretHint: string;
  /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a delivery is. */
export type DeliveryStatus = "pending" | "succeeded" | "failed";

/** One message to one endpoint, with its retries. */
export interface WebhookDelivery {
  id: string;
  workspaceId: string;
  endpointId: string;
  /** The `webhook-id` header: the event's id, the same on every retry. */
  eventId: string;
  eventType: string;
  /** The JSON body, fixed when the delivery is made (a retry sends the same bytes). */
  body: string;
  /** False for test messages: one attempt, no schedule, no effect on the endpoint's health. */
  retries: boolean;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastResponse: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
}

/** A new, pending delivery (nothing attempted yet); `retries: false` with `nextAttemptAt: null` is a one-off test. */
export function newDelivery(
  d: Pick<WebhookDelivery, "id" | "workspaceId" | "endpointId" | "eventId" | "eventType" | "body" | "retries">,
  now: Date,
  nextAttemptAt: Date | null = now,
): WebhookDelivery {
  return {
    ...d,
    status: "pending",
    attempts: 0,
    nextAttemptAt,
    lastStatusCode: null,
    lastLatencyMs: null,
    lastResponse: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    deliveredAt: null,
  };
}

/** One attempt of a delivery, for the log. */
export interface WebhookAttempt {
  deliveryId: string;
  attempt: number;
  at: Date;
  statusCode: number | null;
  latencyMs: number;
  response: string | null;
  error: string | null;
}

const S = 1000, M = 60 * S, H = 60 * M;
/**
 * Delay before each attempt, the first immediate: the Standard Webhooks / Svix schedule (immediately, 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h), about 27.5 hours from the first attempt to the last.
 */
export const RETRY_DELAYS_MS: readonly number[] = [0, 5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H];

/** When to try again after `attempts` failed attempts, or null when the schedule is done. */
export function nextAttemptAt(attempts: number, at: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attempts];
  return delay === undefined ? null : new Date(at.getTime() + delay);
}

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * H;

/** The attempt's deadline: the whole exchange, headers and body. */
export const DELIVERY_TIMEOUT_MS = 10 * S;

/** Bytes of a receiver's answer kept in the log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** True when the endpoint wants events of `type`. */
export function subscribes(e: Pick<WebhookEndpoint, "events">, type: string): boolean {
  return e.events.includes(ALL_EVENTS) || (e.events as string[]).includes(type);
}

/** A new signing secret: `whsec_` and 24 random bytes in base64, as the spec's libraries expect. */
export function newSecret(): string {
  return "whsec_" + btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))));
}

/** The hint of a secret. */
export function secretHint(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}

/** What a secret is sealed with: bound to its workspace and endpoint so it cannot be moved. */
export function secretAd(workspaceId: string, endpointId: string): string {
  return `${workspaceId}:webhook:${endpointId}`;
}
