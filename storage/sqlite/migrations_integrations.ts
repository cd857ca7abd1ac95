/**
 * Schema step 12: Slack and Zendesk connections (settings in clear, secrets
 * sealed), the links between conversations and their Slack message or
 * Zendesk ticket, and the inbound deliveries already handled. Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** Integrations. */
export const INTEGRATION_MIGRATIONS: Migration[] = [
  {
    version: 12,
    name: "integrations",
    sql: `
      CREATE TABLE integrations (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('slack', 'zendesk')),
        settings TEXT NOT NULL,
        secrets_sealed TEXT NOT NULL,
        external_key TEXT,
        status TEXT NOT NULL CHECK (status IN ('connected', 'error')),
        last_error TEXT,
        last_error_at TEXT,
        connected_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (workspace_id, kind)
      );
      CREATE INDEX integrations_external ON integrations(kind, external_key) WHERE external_key IS NOT NULL;
      CREATE TABLE integration_links (
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        local_id TEXT NOT NULL,
        remote_id TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (workspace_id, kind, local_id)
      );
      CREATE INDEX integration_links_remote ON integration_links(workspace_id, kind, remote_id);
      CREATE TABLE integration_inbound (
        kind TEXT NOT NULL,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (kind, workspace_id, key)
      );
    `,
  },
];
