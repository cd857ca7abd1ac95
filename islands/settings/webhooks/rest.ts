/**
 * The Webhooks page's calls to `/api/webhooks`, and how it groups the
 * catalog's event types for the checkboxes.
 *
 * @module
 */
import type { DeliveryJson, WebhookJson } from "../../../models/webhooks/wire.ts";
import { api, type ApiResult } from "../../shared/api.ts";

export type { DeliveryJson, WebhookJson };

/** An endpoint with its secret (the answer to create and rotate). */
export interface WithSecret {
  webhook: WebhookJson;
  secret: string;
}

/** Event types grouped by what they are about (`ticket.created` → "ticket"), in catalog order. */
export function groupEvents(types: string[]): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const t of types) {
    const group = t.split(".")[0];
    groups.set(group, [...(groups.get(group) ?? []), t]);
  }
  return [...groups];
}

const base = "/api/webhooks";

/** The calls. */
export const webhooksRest = {
  create: (body: { url: string; events: string[]; description: string }): Promise<ApiResult<WithSecret>> =>
    api("POST", base, body),
  update: (id: string, body: Record<string, unknown>) => api<{ webhook: WebhookJson }>("PATCH", `${base}/${id}`, body),
  remove: (id: string) => api("DELETE", `${base}/${id}`),
  test: (id: string) => api<{ delivery: DeliveryJson }>("POST", `${base}/${id}/test`),
  rotate: (id: string) => api<WithSecret>("POST", `${base}/${id}/rotate-secret`),
  deliveries: (id: string) => api<{ deliveries: DeliveryJson[] }>("GET", `${base}/${id}/deliveries?limit=25`),
  redeliver: (id: string, deliveryId: string) =>
    api<{ delivery: DeliveryJson }>("POST", `${base}/${id}/deliveries/${deliveryId}/redeliver`),
};
