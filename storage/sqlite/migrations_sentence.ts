/**
 * Schema step 20: which model a chunk's embedding comes from. The built-in responder's chunks are embedded by
 * the offline sentence model (`lib/sentence_model.ts`), a provider's by the provider; the two spaces never mix
 * (NULL: the agent's provider, as before). Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** The embedding's model. */
export const SENTENCE_MIGRATIONS: Migration[] = [
  {
    version: 20,
    name: "knowledge chunk embedding model",
    sql: `ALTER TABLE knowledge_chunks ADD COLUMN embedding_model TEXT;`,
  },
];
