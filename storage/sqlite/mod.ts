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
import { startAppendWriter, writeJob } from "./append_writer.ts";
import { AppendSignal, sqliteEvents } from "./events.ts";
import { sqliteAttachments, sqliteVisitors } from "./visitors.ts";
import { startCheckpoints } from "./checkpointer.ts";
import { onTransactionEnd, openDatabase, transaction } from "./db.ts";
import { sqliteCategories } from "./categories.ts";
import { sqliteExperiments } from "./experiments.ts";
import { sqliteCanned, sqliteSettings, sqliteTickets } from "./tickets.ts";
import { sqliteKnowledge } from "./knowledge.ts";
import { sqliteIntegrations } from "./integrations.ts";
import { migrate } from "./migrations.ts";
import { sqliteTokens } from "./tokens.ts";
import { sqliteUsers, sqliteWorkspaces } from "./users.ts";
import { sqliteWebhooks } from "./webhooks.ts";

/** How the Store runs. */
export interface SqliteStoreOptions {
  /**
   * Messages appended by a worker thread on its own connection (`append_writer.ts`), off the event loop.
   * On by default for a file (a ":memory:" database is one connection's own).
   */
  appendWorker?: boolean;
  /**
   * WAL checkpoints on a worker thread (`checkpointer.ts`). On by default for a file; off for a second store
   * a thread of the same process opens on the file (the first one's checkpoints cover it).
   */
  checkpoints?: boolean;
}

/** Opens the database at `path` (":memory:" for a throwaway one), migrates it and returns the Store. */
export function createSqliteStore(path: string, opts: SqliteStoreOptions = {}): Store {
  const db = openDatabase(path);
  migrate(db);
  const inMemory = path === ":memory:";
  const checkpoints = inMemory || opts.checkpoints === false ? null : startCheckpoints(db, path);
  let closed = false;
  const signal = new AppendSignal();
  onTransactionEnd(db, signal);
  const writer = !inMemory && (opts.appendWorker ?? true)
    ? startAppendWriter(
      path,
      signal,
      (j) => transaction(db, () => writeJob(db, signal, j)),
    )
    : undefined;
  return {
    workspaces: sqliteWorkspaces(db),
    users: sqliteUsers(db),
    tokens: sqliteTokens(db),
    agents: sqliteAgents(db, signal),
    knowledge: sqliteKnowledge(db, signal),
    credentials: sqliteCredentials(db),
    visitors: sqliteVisitors(db, signal),
    conversations: sqliteConversations(db, signal, writer),
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
      await writer?.close();
      if (checkpoints) await (await checkpoints)();
      // Another process on the same file (several instances) may be reading or writing: the WAL cannot be
      // truncated under it, and need not be (it checkpoints too). Busy is not a failure to close, and not
      // worth the full busy timeout (the event loop waits, inside a bounded shutdown).
      // A second store of this process (checkpoints off) leaves it to the first.
      if (opts.checkpoints !== false) {
        try {
          db.exec("PRAGMA busy_timeout = 200");
          db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch { /* SQLITE_BUSY: left to the other process's checkpoints */ }
      }
      db.close();
    },
  };
}
