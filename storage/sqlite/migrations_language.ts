/**
 * Schema step 17: each conversation's language (ISO 639-1), from the customer's browser (the visitor's
 * `locale`) and what they write (models/language/detect.ts). Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** Conversations' language. */
export const LANGUAGE_MIGRATIONS: Migration[] = [
  {
    version: 17,
    name: "conversation language, visitor browser language",
    // NULL for conversations from before: unknown, answered as before (the prompt asks for the visitor's language).
    // A visitor's `locale` is their browser's own first language (any, where `lang` is one the widget speaks).
    sql: `
      ALTER TABLE conversations ADD COLUMN language TEXT;
      ALTER TABLE visitors ADD COLUMN locale TEXT;
    `,
  },
];
