/**
 * Schema step 10: integrators' API keys, and the index a workspace's event feed reads by. Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** API keys and the workspace feed's index. */
export const API_KEY_MIGRATIONS: Migration[] = [
  {
    version: 10,
    name: "api keys, workspace event feed",
    sql: `
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
        internal INTEGER NOT NULL DEFAULT 0,
        prefix TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX api_keys_workspace ON api_keys (workspace_id, created_at);
      -- GET /api/events and /api/events/ws page through one workspace's events by position. Every event
      -- insert pays for this index (measured on the relay with \`deno task bench\`, see the README).
      CREATE INDEX events_workspace_position ON events (workspace_id, position);
    `,
  },
];
