/**
 * Schema step 16: A/B tests of agents' answers, and each conversation's variant. Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** Experiments; conversations' experiment and variant. */
export const EXPERIMENT_MIGRATIONS: Migration[] = [
  {
    version: 16,
    name: "experiments, conversation variant",
    sql: `
      CREATE TABLE experiments (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        status TEXT NOT NULL,
        variants TEXT NOT NULL,
        winner TEXT,
        started_at TEXT,
        stopped_at TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX experiments_agent ON experiments (workspace_id, agent_id, created_at);
      -- At most one running experiment per agent, held by the database, not by a read-then-write.
      CREATE UNIQUE INDEX experiments_one_running ON experiments (agent_id) WHERE status = 'running';
      ALTER TABLE conversations ADD COLUMN experiment_id TEXT;
      ALTER TABLE conversations ADD COLUMN variant TEXT;
      CREATE INDEX conversations_experiment ON conversations (experiment_id) WHERE experiment_id IS NOT NULL;
    `,
  },
];
