/**
 * Schema step 8: the visitor's language, which the widget sends when it starts
 * its session, so the lines the system writes to them are in it. Append only.
 *
 * @module
 */
import type { Migration } from "./migration.ts";

/** What visitors gained after the event log. */
export const VISITOR_MIGRATIONS: Migration[] = [
  {
    version: 8,
    name: "visitor language",
    // NULL for visitors from before: they are written to in English until their widget says otherwise.
    sql: `ALTER TABLE visitors ADD COLUMN lang TEXT;`,
  },
];
