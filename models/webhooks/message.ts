/**
 * What a webhook sends: the JSON body (`type`, `timestamp`, `data`: the event
 * as the catalog describes it) and the Standard Webhooks headers, signed
 * with the official `standardwebhooks` package (its `Webhook.sign`), once per
 * live secret: during a rotation's overlap the signature header carries both,
 * space-separated, as the spec allows.
 *
 * @module
 */
import { Webhook } from "standardwebhooks";
import type { DomainEvent } from "../events/event.ts";

/** The body of an event's webhook. */
export function eventBody(event: DomainEvent): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: {
      id: event.id,
      type: event.type,
      version: event.version,
      position: event.position,
      workspaceId: event.workspaceId,
      aggregateId: event.aggregateId,
      actor: event.actor,
      occurredAt: event.occurredAt.toISOString(),
      payload: event.payload,
    },
  });
}

/** The body of a test message. */
export function testBody(endpointId: string, at: Date): string {
  return JSON.stringify({
    type: "webhook.test",
    timestamp: at.toISOString(),
    data: { webhookId: endpointId, message: "A test message from Frontdesk: your endpoint is reachable." },
  });
}

/**
 * The headers of one attempt. `sentAt` is the attempt's wall-clock time: receivers compare it with their own
 * clock (the spec's replay window), so it is the real time of sending, not an injected one.
 */
export function signedHeaders(id: string, body: string, secrets: string[], sentAt: Date): Record<string, string> {
  const signatures = secrets.map((s) => new Webhook(s).sign(id, sentAt, body));
  return {
    "content-type": "application/json",
    "user-agent": "Frontdesk-Webhooks/1",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
