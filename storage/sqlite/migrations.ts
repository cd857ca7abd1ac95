/**
 * Versioned schema migrations, applied in order at start-up inside one
 * transaction each; `PRAGMA user_version` records the last one applied.
 * Append only: never edit a migration that has shipped.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";

/** One schema step. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "accounts",
    sql: `
      CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        email_lc TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        company TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
        token_version INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX users_workspace ON users(workspace_id, created_at);
      CREATE INDEX users_workspace_role ON users(workspace_id, role);
      CREATE TABLE one_time_tokens (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('reset', 'invite')),
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        role TEXT,
        created_by TEXT,
        token_hash TEXT NOT NULL UNIQUE,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX tokens_workspace_kind ON one_time_tokens(workspace_id, kind, created_at);
      CREATE INDEX tokens_user_kind ON one_time_tokens(user_id, kind);
    `,
  },
];

/** Applies every migration newer than the database's `user_version`. */
export function migrate(db: DatabaseSync, migrations: Migration[] = MIGRATIONS): number {
  const current = (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
  let applied = 0;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(m.sql);
      db.exec(`PRAGMA user_version = ${m.version}`);
      db.exec("COMMIT");
      applied++;
    } catch (err) {
      db.exec("ROLLBACK");
      throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
    }
  }
  return applied;
}
