/**
 * A read-only connection to the database file for another thread (the answer
 * workers): the knowledge index only, `query_only` so nothing can write
 * through it; WAL lets it read what the app committed without blocking it.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import type { KnowledgeRepo } from "../../models/ports/store_knowledge.ts";
import { cachingStatements } from "./db.ts";
import { AppendSignal } from "./events.ts";
import { sqliteKnowledge } from "./knowledge.ts";

/** The knowledge repository on its own read-only connection to `path`. */
export function readOnlyKnowledge(path: string): KnowledgeRepo {
  const db = cachingStatements(new DatabaseSync(path));
  db.exec("PRAGMA busy_timeout = 5000; PRAGMA query_only = ON;");
  return sqliteKnowledge(db, new AppendSignal());
}
