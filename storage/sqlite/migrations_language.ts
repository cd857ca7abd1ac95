/**
 * Schema step 17: each conversation's language (ISO 639-1), from the customer's browser and what they
 * write (models/language/detect.ts). Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** Conversations' language. */
export const LANGUAGE_MIGRATIONS: Migration[] = [
  {
    version: 17,
    name: "conversation language",
    // NULL for conversations from before: unknown, answered as before (the prompt asks for the visitor's language).
    sql: `ALTER TABLE conversations ADD COLUMN language TEXT;`,
  },
];
