/**
 * Opening the SQLite database: WAL journal, foreign keys, a busy timeout,
 * and a small transaction helper.
 *
 * @module
 */
import { DatabaseSync, type SQLInputValue } from "node:sqlite";

/** A row as node:sqlite returns it. */
export type Row = Record<string, SQLInputValue>;

/** Opens (creating if needed) the database at `path` with production pragmas. */
export function openDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
    PRAGMA temp_store = MEMORY;
  `);
  return db;
}

/** Runs `fn` inside `BEGIN IMMEDIATE ... COMMIT`, rolling back on throw. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (err) {
    db.exec("ROLLBACK");
    throw err;
  }
}

/** ISO text for a Date (sorts as text), or null. */
export const iso = (d: Date | undefined | null): string | null => d ? d.toISOString() : null;
/** Date from ISO text, or undefined. */
export const date = (v: unknown): Date | undefined => typeof v === "string" ? new Date(v) : undefined;

/** True when `err` is SQLite's unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/.test(err.message);
}

/** Runs synchronous database work as a Promise, so a throw becomes a rejection. */
export const run = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));
