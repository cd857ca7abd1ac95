/**
 * Schema step 14: workspace categories, and each conversation's rolling sentiment and categories.
 * Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** Categories; conversations' sentiment and categories. */
export const CATEGORY_MIGRATIONS: Migration[] = [
  {
    version: 14,
    name: "categories, conversation sentiment",
    sql: `
      CREATE TABLE categories (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        examples TEXT NOT NULL DEFAULT '[]',
        counter_examples TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (workspace_id, name)
      );
      -- Rolling sentiment of the customer's messages (null until they write); category names applied.
      ALTER TABLE conversations ADD COLUMN sentiment_score REAL;
      ALTER TABLE conversations ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
    `,
  },
];
