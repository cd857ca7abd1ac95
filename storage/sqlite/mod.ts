/**
 * The embedded SQLite Store (node:sqlite, built into Deno): the default that
 * runs everywhere with nothing to install.
 *
 * @module
 */
import type { Store } from "../../models/ports/store.ts";
import { sqliteAgents, sqliteCredentials } from "./agents.ts";
import { sqliteAnalytics } from "./analytics.ts";
import { sqliteApiKeys } from "./api_keys.ts";
import { sqliteConversations } from "./conversations.ts";
import { AppendSignal, sqliteEvents } from "./events.ts";
import { sqliteAttachments, sqliteVisitors } from "./visitors.ts";
import { startCheckpoints } from "./checkpointer.ts";
import { onTransactionEnd, openDatabase } from "./db.ts";
import { sqliteCategories } from "./categories.ts";
import { sqliteExperiments } from "./experiments.ts";
import { sqliteCanned, sqliteSettings, sqliteTickets } from "./tickets.ts";
import { sqliteKnowledge } from "./knowledge.ts";
import { sqliteIntegrations } from "./integrations.ts";
import { migrate } from "./migrations.ts";
import { sqliteTokens } from "./tokens.ts";
import { sqliteUsers, sqliteWorkspaces } from "./users.ts";
import { sqliteWebhooks } from "./webhooks.ts";

/** Opens the database at `path` (":memory:" for a throwaway one), migrates it and returns the Store. */
export function createSqliteStore(path: string): Store {
  const db = openDatabase(path);
  migrate(db);
  const checkpoints = path === ":memory:" ? null : startCheckpoints(db, path);
  let closed = false;
  const signal = new AppendSignal();
  onTransactionEnd(db, signal);
  return {
    workspaces: sqliteWorkspaces(db),
    users: sqliteUsers(db),
    tokens: sqliteTokens(db),
    agents: sqliteAgents(db, signal),
    knowledge: sqliteKnowledge(db, signal),
    credentials: sqliteCredentials(db),
    visitors: sqliteVisitors(db, signal),
    conversations: sqliteConversations(db, signal),
    attachments: sqliteAttachments(db),
    tickets: sqliteTickets(db, signal),
    events: sqliteEvents(db, signal),
    canned: sqliteCanned(db),
    categories: sqliteCategories(db),
    experiments: sqliteExperiments(db, signal),
    settings: sqliteSettings(db),
    analytics: sqliteAnalytics(db),
    apiKeys: sqliteApiKeys(db),
    webhooks: sqliteWebhooks(db, signal),
    integrations: sqliteIntegrations(db),
    ping() {
      return new Promise((resolve) => {
        db.prepare("SELECT 1").get();
        resolve();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      if (checkpoints) await (await checkpoints)();
      // Another process on the same file (several instances) may be reading or writing: the WAL cannot be
      // truncated under it, and need not be (it checkpoints too). Busy is not a failure to close, and not
      // worth the full busy timeout (the event loop waits, inside a bounded shutdown).
      try {
        db.exec("PRAGMA busy_timeout = 200");
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      } catch { /* SQLITE_BUSY: left to the other process's checkpoints */ }
      db.close();
    },
  };
}
