/**
 * Versioned schema migrations, applied in order at start-up inside one
 * transaction each; `PRAGMA user_version` records the last one applied.
 * Append only: never edit a migration that has shipped.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { Migration } from "./migration.ts";
import { ACCOUNT_MIGRATIONS } from "./migrations_accounts.ts";
import { ANALYTICS_MIGRATIONS } from "./migrations_analytics.ts";
import { API_KEY_MIGRATIONS } from "./migrations_api_keys.ts";
import { CATEGORY_MIGRATIONS } from "./migrations_categories.ts";
import { CHAT_MIGRATIONS } from "./migrations_chat.ts";
import { EVENT_MIGRATIONS } from "./migrations_events.ts";
import { EXPERIMENT_MIGRATIONS } from "./migrations_experiments.ts";
import { INTEGRATION_MIGRATIONS } from "./migrations_integrations.ts";
import { LANGUAGE_MIGRATIONS } from "./migrations_language.ts";
import { SENTENCE_MIGRATIONS } from "./migrations_sentence.ts";
import { TOPIC_MIGRATIONS } from "./migrations_topics.ts";
import { VISITOR_MIGRATIONS } from "./migrations_visitors.ts";
import { WEBHOOK_MIGRATIONS } from "./migrations_webhooks.ts";

export type { Migration } from "./migration.ts";

/** Every migration, oldest first (a family's files hold several versions, so they are sorted, never assumed). */
export const MIGRATIONS: Migration[] = [
  ...ACCOUNT_MIGRATIONS,
  ...CHAT_MIGRATIONS,
  ...EVENT_MIGRATIONS,
  ...VISITOR_MIGRATIONS,
  ...ANALYTICS_MIGRATIONS,
  ...API_KEY_MIGRATIONS,
  ...WEBHOOK_MIGRATIONS,
  ...INTEGRATION_MIGRATIONS,
  ...CATEGORY_MIGRATIONS,
  ...EXPERIMENT_MIGRATIONS,
  ...LANGUAGE_MIGRATIONS,
  ...TOPIC_MIGRATIONS,
  ...SENTENCE_MIGRATIONS,
].sort((a, b) => a.version - b.version);

// Versions are unique and gapless: a clash between two families' files fails at start, not on someone's data.
MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`migration ${i + 1} missing or doubled (found ${m.version}: ${m.name})`);
});

/** Applies every migration newer than the database's `user_version`. */
export function migrate(db: DatabaseSync, migrations: Migration[] = MIGRATIONS): number {
  const current = (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
  let applied = 0;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      // Another process on the same file (several instances starting at once) may have applied it while
      // this one waited for the write lock: read the version again under the lock.
      if ((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version >= m.version) {
        db.exec("COMMIT");
        continue;
      }
      db.exec(m.sql);
      db.exec(`PRAGMA user_version = ${m.version}`);
      db.exec("COMMIT");
      applied++;
    } catch (err) {
      db.exec("ROLLBACK");
      throw new Error(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
    }
  }
  return applied;
}
