/**
 * Schema step 7: the durable event log and what its listeners keep
 * (checkpoints, effects done, events set aside). Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** The event log. */
export const EVENT_MIGRATIONS: Migration[] = [
  {
    // `position` is the rowid: appending is one B-tree insert at the end of the table, and events are read
    // by position. No other index: each would be paid by every chat message (a workspace's own feed can
    // add one when it comes).
    version: 7,
    name: "event log",
    sql: `
      CREATE TABLE events (
        position INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        type TEXT NOT NULL,
        version INTEGER NOT NULL,
        aggregate_id TEXT NOT NULL,
        actor_kind TEXT NOT NULL,
        actor_id TEXT,
        occurred_at TEXT NOT NULL,
        payload TEXT NOT NULL
      );
      CREATE TABLE listener_checkpoints (
        listener TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE listener_effects (
        listener TEXT NOT NULL,
        key TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (listener, key)
      ) WITHOUT ROWID;
      CREATE TABLE listener_dead_letters (
        listener TEXT NOT NULL,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        type TEXT NOT NULL,
        error TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (listener, event_id)
      ) WITHOUT ROWID;
    `,
  },
];
