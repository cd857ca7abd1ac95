/**
 * Schema step 19: the cache of question signatures' embeddings that groups topics by meaning when the
 * workspace's provider embeds (models/analytics/topic_embeddings.ts). Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** Signatures' embeddings. */
export const TOPIC_MIGRATIONS: Migration[] = [
  {
    version: 19,
    name: "analytics topic signature embeddings",
    // Keyed by model (provider and embedding model): vectors of two models are not comparable. The vector is
    // float32 bytes. Not derived from the event log, so a rebuild of the rollups keeps it.
    sql: `
      CREATE TABLE analytics_topic_vectors (
        workspace_id TEXT NOT NULL,
        model TEXT NOT NULL,
        signature TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (workspace_id, model, signature)
      ) WITHOUT ROWID;
    `,
  },
];
