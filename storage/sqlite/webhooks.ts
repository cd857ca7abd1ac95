/**
 * Webhooks on SQLite: endpoints, the delivery queue (claims are a lease in
 * `claimed_until`, released at start) and the attempts log.
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import type { EndpointPatch, WebhookRepo } from "../../models/ports/store_webhooks.ts";
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from "../../models/webhooks/webhook.ts";
import { date, iso, type Row, run, transaction } from "./db.ts";
import { type AppendSignal, writeEvents } from "./events.ts";

const orNull = (d: unknown) => date(d) ?? null;

function toEndpoint(r: Row): WebhookEndpoint {
  return {
    id: r.id as string,
    workspaceId: r.workspace_id as string,
    url: r.url as string,
    description: r.description as string,
    events: JSON.parse(r.events as string),
    enabled: r.enabled === 1,
    disabledReason: (r.disabled_reason as WebhookEndpoint["disabledReason"]) ?? null,
    disabledAt: orNull(r.disabled_at),
    failingSince: orNull(r.failing_since),
    secretSealed: r.secret_sealed as string,
    secretHint: r.secret_hint as string,
    previousSecretSealed: (r.previous_secret_sealed as string | null) ?? null,
    previousSecretExpiresAt: orNull(r.previous_secret_expires_at),
    createdBy: r.created_by as string,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

function toDelivery(r: Row): WebhookDelivery {
  return {
    id: r.id as string,
    workspaceId: r.workspace_id as string,
    endpointId: r.endpoint_id as string,
    eventId: r.event_id as string,
    eventType: r.event_type as string,
    body: r.body as string,
    retries: r.retries === 1,
    status: r.status as WebhookDelivery["status"],
    attempts: Number(r.attempts),
    nextAttemptAt: orNull(r.next_attempt_at),
    lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code),
    lastLatencyMs: r.last_latency_ms === null ? null : Number(r.last_latency_ms),
    lastResponse: (r.last_response as string | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    deliveredAt: orNull(r.delivered_at),
  };
}

function toAttempt(r: Row): WebhookAttempt {
  return {
    deliveryId: r.delivery_id as string,
    attempt: Number(r.attempt),
    at: new Date(r.at as string),
    statusCode: r.status_code === null ? null : Number(r.status_code),
    latencyMs: Number(r.latency_ms),
    response: (r.response as string | null) ?? null,
    error: (r.error as string | null) ?? null,
  };
}

const COLUMNS: Record<keyof Omit<EndpointPatch, "updatedAt">, string> = {
  url: "url",
  description: "description",
  events: "events",
  enabled: "enabled",
  disabledReason: "disabled_reason",
  disabledAt: "disabled_at",
  failingSince: "failing_since",
  secretSealed: "secret_sealed",
  secretHint: "secret_hint",
  previousSecretSealed: "previous_secret_sealed",
  previousSecretExpiresAt: "previous_secret_expires_at",
};

function sqlValue(v: unknown): SQLInputValue {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "boolean") return v ? 1 : 0;
  if (Array.isArray(v)) return JSON.stringify(v);
  return (v ?? null) as SQLInputValue;
}

/** The webhooks repository on SQLite. */
export function sqliteWebhooks(db: DatabaseSync, signal: AppendSignal): WebhookRepo {
  const getEndpoint = (wid: string, id: string) => {
    const r = db.prepare("SELECT * FROM webhook_endpoints WHERE workspace_id = ? AND id = ?").get(wid, id) as
      | Row
      | undefined;
    return r ? toEndpoint(r) : null;
  };
  return {
    insert: (e) =>
      run(() => {
        db.prepare(
          `INSERT INTO webhook_endpoints (id, workspace_id, url, description, events, enabled, disabled_reason,
             disabled_at, failing_since, secret_sealed, secret_hint, previous_secret_sealed, previous_secret_expires_at,
             created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          e.id,
          e.workspaceId,
          e.url,
          e.description,
          JSON.stringify(e.events),
          e.enabled ? 1 : 0,
          e.disabledReason,
          iso(e.disabledAt),
          iso(e.failingSince),
          e.secretSealed,
          e.secretHint,
          e.previousSecretSealed,
          iso(e.previousSecretExpiresAt),
          e.createdBy,
          iso(e.createdAt),
          iso(e.updatedAt),
        );
      }),
    list: (wid) =>
      run(() =>
        (db.prepare("SELECT * FROM webhook_endpoints WHERE workspace_id = ? ORDER BY id").all(wid) as Row[]).map(
          toEndpoint,
        )
      ),
    get: (wid, id) => run(() => getEndpoint(wid, id)),
    update: (wid, id, patch) =>
      run(() => {
        const sets: string[] = ["updated_at = ?"];
        const values: SQLInputValue[] = [iso(patch.updatedAt)];
        for (const [key, column] of Object.entries(COLUMNS)) {
          if (!(key in patch)) continue;
          sets.push(`${column} = ?`);
          values.push(sqlValue(patch[key as keyof EndpointPatch]));
        }
        const r = db.prepare(
          `UPDATE webhook_endpoints SET ${sets.join(", ")} WHERE workspace_id = ? AND id = ? RETURNING *`,
        ).get(...values, wid, id) as Row | undefined;
        return r ? toEndpoint(r) : null;
      }),
    remove: (wid, id) =>
      run(() =>
        Number(db.prepare("DELETE FROM webhook_endpoints WHERE workspace_id = ? AND id = ?").run(wid, id).changes) > 0
      ),
    subscribers: (wid, type) =>
      run(() =>
        (db.prepare(
          `SELECT * FROM webhook_endpoints WHERE workspace_id = ? AND enabled = 1
             AND EXISTS (SELECT 1 FROM json_each(events) WHERE value IN ('*', ?))`,
        ).all(wid, type) as Row[]).map(toEndpoint)
      ),

    enqueue: (deliveries) =>
      run(() =>
        transaction(db, () => {
          const insert = db.prepare(
            `INSERT INTO webhook_deliveries (id, workspace_id, endpoint_id, event_id, event_type, body, retries, status,
               attempts, next_attempt_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
          );
          let added = 0;
          for (const d of deliveries) {
            added += Number(
              insert.run(
                d.id,
                d.workspaceId,
                d.endpointId,
                d.eventId,
                d.eventType,
                d.body,
                d.retries ? 1 : 0,
                d.status,
                d.attempts,
                iso(d.nextAttemptAt),
                iso(d.createdAt),
                iso(d.updatedAt),
              ).changes,
            );
          }
          return added;
        })
      ),
    claimDue: (now, limit, leaseUntil) =>
      run(() =>
        (db.prepare(
          `UPDATE webhook_deliveries SET claimed_until = ?
           WHERE id IN (
             SELECT id FROM webhook_deliveries
             WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
             ORDER BY next_attempt_at LIMIT ?)
           RETURNING *`,
        ).all(iso(leaseUntil), iso(now), iso(now), limit) as Row[]).map(toDelivery)
      ),
    claim: (wid, id, now, leaseUntil) =>
      run(() => {
        const r = db.prepare(
          `UPDATE webhook_deliveries SET claimed_until = ?
           WHERE workspace_id = ? AND id = ? AND (claimed_until IS NULL OR claimed_until < ?) RETURNING *`,
        ).get(iso(leaseUntil), wid, id, iso(now)) as Row | undefined;
        return r ? toDelivery(r) : null;
      }),
    releaseClaims: () =>
      run(() =>
        Number(
          db.prepare("UPDATE webhook_deliveries SET claimed_until = NULL WHERE claimed_until IS NOT NULL").run()
            .changes,
        )
      ),
    nextDue: (now) =>
      run(() => {
        const r = db.prepare(
          `SELECT MIN(next_attempt_at) AS at FROM webhook_deliveries
           WHERE status = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)`,
        ).get(iso(now)) as Row;
        return orNull(r.at);
      }),
    recordAttempt: ({ attempt: a, workspaceId, delivery: d, health }) =>
      run(() =>
        transaction(db, () => {
          db.prepare(
            `INSERT OR REPLACE INTO webhook_attempts (delivery_id, attempt, at, status_code, latency_ms, response, error)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ).run(a.deliveryId, a.attempt, iso(a.at), a.statusCode, a.latencyMs, a.response, a.error);
          const row = db.prepare(
            `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_status_code = ?,
               last_latency_ms = ?, last_response = ?, last_error = ?, delivered_at = ?, updated_at = ?,
               claimed_until = NULL
             WHERE workspace_id = ? AND id = ? RETURNING endpoint_id`,
          ).get(
            d.status,
            d.attempts,
            iso(d.nextAttemptAt),
            d.lastStatusCode,
            d.lastLatencyMs,
            d.lastResponse,
            d.lastError,
            iso(d.deliveredAt),
            iso(d.updatedAt),
            workspaceId,
            d.id,
          ) as Row | undefined;
          if (!row) return; // the endpoint was deleted meanwhile
          const endpointId = row.endpoint_id as string;
          // Attempted while its endpoint was being disabled: no schedule goes on for a disabled endpoint.
          db.prepare(
            `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL
             WHERE id = ? AND status = 'pending' AND next_attempt_at IS NOT NULL
               AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE enabled = 0)`,
          ).run(d.id);
          if (!health) return;
          if (health.ok) {
            db.prepare("UPDATE webhook_endpoints SET failing_since = NULL WHERE workspace_id = ? AND id = ?")
              .run(workspaceId, endpointId);
            return;
          }
          const r = db.prepare(
            `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, ?)
             WHERE workspace_id = ? AND id = ? RETURNING *`,
          ).get(iso(health.at), workspaceId, endpointId) as Row | undefined;
          if (!r) return;
          const endpoint = toEndpoint(r);
          if (!endpoint.enabled || !health.disableIf(endpoint)) return;
          const at = iso(health.at);
          const disabled = db.prepare(
            `UPDATE webhook_endpoints SET enabled = 0, disabled_reason = 'failing', disabled_at = ?, updated_at = ?
             WHERE workspace_id = ? AND id = ? AND enabled = 1 RETURNING *`,
          ).get(at, at, workspaceId, endpointId) as Row | undefined;
          if (!disabled) return;
          db.prepare(
            `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, updated_at = ?,
               last_error = COALESCE(last_error, 'endpoint disabled')
             WHERE endpoint_id = ? AND status = 'pending'`,
          ).run(at, endpointId);
          writeEvents(db, signal, health.emit, toEndpoint(disabled));
        })
      ),

    deliveries: (wid, endpointId, limit) =>
      run(() =>
        (db.prepare(
          "SELECT * FROM webhook_deliveries WHERE workspace_id = ? AND endpoint_id = ? ORDER BY id DESC LIMIT ?",
        ).all(wid, endpointId, limit) as Row[]).map(toDelivery)
      ),
    delivery: (wid, id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM webhook_deliveries WHERE workspace_id = ? AND id = ?").get(wid, id) as
          | Row
          | undefined;
        return r ? toDelivery(r) : null;
      }),
    attempts: (wid, deliveryId) =>
      run(() =>
        (db.prepare(
          `SELECT a.* FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
           WHERE d.workspace_id = ? AND a.delivery_id = ? ORDER BY a.attempt`,
        ).all(wid, deliveryId) as Row[]).map(toAttempt)
      ),
  };
}
