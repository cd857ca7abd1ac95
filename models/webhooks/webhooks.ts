/**
 * Webhook use cases for admins: endpoints (create, list, change, delete),
 * secret rotation, a test message, the delivery log and redelivery. Zapier
 * style REST hooks need nothing more: subscribe is create, unsubscribe delete.
 *
 * @module
 */
import type { z } from "zod";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { assertPublicUrl } from "../../lib/safe_fetch.ts";
import { requireAdmin } from "../accounts/auth.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import type { EndpointPatch } from "../ports/store_webhooks.ts";
import { attemptDelivery } from "./delivery.ts";
import { testBody } from "./message.ts";
import {
  newDelivery,
  newSecret,
  ROTATION_OVERLAP_MS,
  secretAd,
  secretHint,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "./webhook.ts";
import type { webhookCreateSchema, webhookUpdateSchema } from "./webhook_schemas.ts";

/** A claim on a delivery outlives the 10 s attempt with room to spare; a crash frees it at the next start. */
export const CLAIM_LEASE_MS = 60_000;

async function checkUrl(deps: Deps, url: string) {
  await assertPublicUrl(url, { allowLoopback: deps.config.fetchAllowLoopback });
}

/** One endpoint of the admin's workspace (404 for any other). */
export async function getWebhook(deps: Deps, admin: User, id: string): Promise<WebhookEndpoint> {
  requireAdmin(admin);
  const e = await deps.store.webhooks.get(admin.workspaceId, id);
  if (!e) throw new NotFoundError("Webhook");
  return e;
}

/** The workspace's endpoints. */
export function listWebhooks(deps: Deps, admin: User): Promise<WebhookEndpoint[]> {
  requireAdmin(admin);
  return deps.store.webhooks.list(admin.workspaceId);
}

/** Creates an endpoint; its secret is returned here and never again. */
export async function createWebhook(
  deps: Deps,
  admin: User,
  input: z.infer<typeof webhookCreateSchema>,
): Promise<{ webhook: WebhookEndpoint; secret: string }> {
  requireAdmin(admin);
  await checkUrl(deps, input.url);
  const now = deps.clock.now();
  const id = newId(now);
  const secret = newSecret();
  const webhook: WebhookEndpoint = {
    id,
    workspaceId: admin.workspaceId,
    url: input.url,
    description: input.description,
    events: [...new Set(input.events)] as WebhookEndpoint["events"],
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    secretSealed: await deps.secrets.seal(secret, secretAd(admin.workspaceId, id)),
    secretHint: secretHint(secret),
    previousSecretSealed: null,
    previousSecretExpiresAt: null,
    createdBy: admin.id,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.webhooks.insert(webhook);
  return { webhook, secret };
}

/** Changes an endpoint; turning it back on clears why it was off and its run of failures. */
export async function updateWebhook(
  deps: Deps,
  admin: User,
  id: string,
  input: z.infer<typeof webhookUpdateSchema>,
): Promise<WebhookEndpoint> {
  const current = await getWebhook(deps, admin, id);
  if (input.url !== undefined) await checkUrl(deps, input.url);
  const now = deps.clock.now();
  const patch: EndpointPatch = { updatedAt: now };
  if (input.url !== undefined) patch.url = input.url;
  if (input.description !== undefined) patch.description = input.description;
  if (input.events !== undefined) patch.events = [...new Set(input.events)] as WebhookEndpoint["events"];
  if (input.enabled === true && !current.enabled) {
    Object.assign(patch, { enabled: true, disabledReason: null, disabledAt: null, failingSince: null });
  } else if (input.enabled === false && current.enabled) {
    Object.assign(patch, { enabled: false, disabledReason: "admin", disabledAt: now });
  }
  const saved = await deps.store.webhooks.update(admin.workspaceId, id, patch);
  if (!saved) throw new NotFoundError("Webhook");
  return saved;
}

/** Deletes an endpoint and its delivery log. */
export async function deleteWebhook(deps: Deps, admin: User, id: string): Promise<void> {
  requireAdmin(admin);
  if (!(await deps.store.webhooks.remove(admin.workspaceId, id))) throw new NotFoundError("Webhook");
}

/**
 * A new secret, returned this once. The old one keeps signing for {@linkcode ROTATION_OVERLAP_MS} (both
 * signatures are sent), so receivers can switch without losing a message.
 */
export async function rotateSecret(
  deps: Deps,
  admin: User,
  id: string,
): Promise<{ webhook: WebhookEndpoint; secret: string }> {
  const current = await getWebhook(deps, admin, id);
  const now = deps.clock.now();
  const secret = newSecret();
  const webhook = await deps.store.webhooks.update(admin.workspaceId, id, {
    updatedAt: now,
    secretSealed: await deps.secrets.seal(secret, secretAd(admin.workspaceId, id)),
    secretHint: secretHint(secret),
    previousSecretSealed: current.secretSealed,
    previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
  });
  if (!webhook) throw new NotFoundError("Webhook");
  return { webhook, secret };
}

/** A delivery with its attempts. */
export interface DeliveryWithAttempts {
  delivery: WebhookDelivery;
  attempts: WebhookAttempt[];
}

async function withAttempts(deps: Deps, d: WebhookDelivery): Promise<DeliveryWithAttempts> {
  return { delivery: d, attempts: await deps.store.webhooks.attempts(d.workspaceId, d.id) };
}

/** Sends a `webhook.test` message now (once, no retries) and answers what happened. */
export async function testWebhook(deps: Deps, admin: User, id: string): Promise<DeliveryWithAttempts> {
  const endpoint = await getWebhook(deps, admin, id);
  const now = deps.clock.now();
  const deliveryId = newId(now);
  const d = newDelivery(
    {
      id: deliveryId,
      workspaceId: endpoint.workspaceId,
      endpointId: endpoint.id,
      eventId: deliveryId,
      eventType: "webhook.test",
      body: testBody(endpoint.id, now),
      retries: false,
    },
    now,
    // Never due: the worker leaves it alone; it is attempted here.
    null,
  );
  await deps.store.webhooks.enqueue([d]);
  const claimed = await deps.store.webhooks.claim(d.workspaceId, d.id, now, new Date(now.getTime() + CLAIM_LEASE_MS));
  return await withAttempts(deps, await attemptDelivery(deps, claimed ?? d, { manual: true }));
}

/** An endpoint's latest deliveries with their attempts, newest first. */
export async function listDeliveries(
  deps: Deps,
  admin: User,
  id: string,
  limit = 50,
): Promise<DeliveryWithAttempts[]> {
  const endpoint = await getWebhook(deps, admin, id);
  const list = await deps.store.webhooks.deliveries(endpoint.workspaceId, endpoint.id, limit);
  return await Promise.all(list.map((d) => withAttempts(deps, d)));
}

/**
 * Sends a delivery again now, with the same `webhook-id` and body. A pending one goes on with its schedule
 * if this attempt fails; a finished one stays finished. 409 while an attempt of it is in flight.
 */
export async function redeliver(
  deps: Deps,
  admin: User,
  id: string,
  deliveryId: string,
): Promise<DeliveryWithAttempts> {
  const endpoint = await getWebhook(deps, admin, id);
  const existing = await deps.store.webhooks.delivery(endpoint.workspaceId, deliveryId);
  if (!existing || existing.endpointId !== endpoint.id) throw new NotFoundError("Delivery");
  const now = deps.clock.now();
  const claimed = await deps.store.webhooks.claim(
    endpoint.workspaceId,
    deliveryId,
    now,
    new Date(now.getTime() + CLAIM_LEASE_MS),
  );
  if (!claimed) throw new ConflictError("This delivery is being attempted right now.", "in_flight");
  return await withAttempts(deps, await attemptDelivery(deps, claimed, { manual: true }));
}
