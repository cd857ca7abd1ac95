/**
 * Schema step 11: webhook endpoints, their deliveries (the durable delivery
 * queue) and each delivery's attempts. Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** Webhooks. */
export const WEBHOOK_MIGRATIONS: Migration[] = [
  {
    version: 11,
    name: "webhooks",
    sql: `
      CREATE TABLE webhook_endpoints (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        description TEXT NOT NULL,
        events TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        disabled_reason TEXT,
        disabled_at TEXT,
        failing_since TEXT,
        secret_sealed TEXT NOT NULL,
        secret_hint TEXT NOT NULL,
        previous_secret_sealed TEXT,
        previous_secret_expires_at TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX webhook_endpoints_workspace ON webhook_endpoints (workspace_id);
      CREATE TABLE webhook_deliveries (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        body TEXT NOT NULL,
        retries INTEGER NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at TEXT,
        claimed_until TEXT,
        last_status_code INTEGER,
        last_latency_ms INTEGER,
        last_response TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        delivered_at TEXT,
        UNIQUE (endpoint_id, event_id)
      );
      -- The worker's question, "what is due?", reads only pending rows.
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
      CREATE TABLE webhook_attempts (
        delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        at TEXT NOT NULL,
        status_code INTEGER,
        latency_ms INTEGER NOT NULL,
        response TEXT,
        error TEXT,
        PRIMARY KEY (delivery_id, attempt)
      ) WITHOUT ROWID;
    `,
  },
];
