/**
 * The webhooks repository: endpoints per workspace, their deliveries (a
 * durable queue: rows claimed with a lease, so a crash only delays what was
 * in flight) and each delivery's attempts.
 *
 * @module
 */
import type { Emit } from "../events/event.ts";
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "../webhooks/webhook.ts";

/** What an admin may change on an endpoint, and what rotation and health change. */
export type EndpointPatch =
  & Partial<
    Pick<
      WebhookEndpoint,
      | "url"
      | "description"
      | "events"
      | "enabled"
      | "disabledReason"
      | "disabledAt"
      | "failingSince"
      | "secretSealed"
      | "secretHint"
      | "previousSecretSealed"
      | "previousSecretExpiresAt"
    >
  >
  & { updatedAt: Date };

/** The outcome of one attempt, as the adapter records it in one transaction. */
export interface AttemptOutcome {
  attempt: WebhookAttempt;
  workspaceId: string;
  /** The delivery after the attempt. */
  delivery: Pick<
    WebhookDelivery,
    | "id"
    | "status"
    | "attempts"
    | "nextAttemptAt"
    | "lastStatusCode"
    | "lastLatencyMs"
    | "lastResponse"
    | "lastError"
    | "deliveredAt"
    | "updatedAt"
  >;
  /**
   * The endpoint's health, unless the delivery is a test: a success ends a run of failures; a failure starts
   * one (or goes on with it) and disables the endpoint when `disableIf` says so, writing the events `emit` builds
   * (only when this attempt is the one that disabled it) and failing its pending deliveries.
   */
  health?:
    | { ok: true }
    | { ok: false; at: Date; disableIf: (e: WebhookEndpoint) => boolean; emit?: Emit<WebhookEndpoint> };
}

/** Endpoints and deliveries; every read of tenant data takes the workspace id. */
export interface WebhookRepo {
  insert(e: WebhookEndpoint): Promise<void>;
  list(workspaceId: string): Promise<WebhookEndpoint[]>;
  get(workspaceId: string, id: string): Promise<WebhookEndpoint | null>;
  update(workspaceId: string, id: string, patch: EndpointPatch): Promise<WebhookEndpoint | null>;
  /** Deletes an endpoint with its deliveries. */
  remove(workspaceId: string, id: string): Promise<boolean>;
  /** The enabled endpoints of a workspace that want events of `type`. */
  subscribers(workspaceId: string, type: string): Promise<WebhookEndpoint[]>;

  /** Queues deliveries; one per endpoint and event (a repeat is ignored). Returns how many were new. */
  enqueue(deliveries: WebhookDelivery[]): Promise<number>;
  /** Claims up to `limit` pending deliveries due at `now` and not claimed, until `leaseUntil`; oldest first. */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<WebhookDelivery[]>;
  /** Claims one delivery (any status) for a manual attempt; null when missing or claimed. */
  claim(workspaceId: string, id: string, now: Date, leaseUntil: Date): Promise<WebhookDelivery | null>;
  /** Releases every claim (at start: claims of a process that stopped). */
  releaseClaims(): Promise<number>;
  /** When the next pending delivery not claimed at `now` is due (null when none). */
  nextDue(now: Date): Promise<Date | null>;
  /** Records an attempt, its delivery's new state and the endpoint's health; releases the claim. */
  recordAttempt(outcome: AttemptOutcome): Promise<void>;

  /** An endpoint's deliveries, newest first. */
  deliveries(workspaceId: string, endpointId: string, limit: number): Promise<WebhookDelivery[]>;
  delivery(workspaceId: string, id: string): Promise<WebhookDelivery | null>;
  /** A delivery's attempts, first first. */
  attempts(workspaceId: string, deliveryId: string): Promise<WebhookAttempt[]>;
}
