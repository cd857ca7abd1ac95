/**
 * `deno task listeners`: where each listener of the event log is — its
 * checkpoint, the log's head, the lag between them, and the events it set
 * aside (dead letters) — read from the database, so it works whether or not
 * the server runs (and across instances sharing one store).
 *
 * @module
 */
import { join } from "node:path";
import { LOG_LISTENERS } from "../listeners/mod.ts";
import { loadConfig } from "../lib/config.ts";
import { createSqliteStore } from "../storage/sqlite/mod.ts";

const config = loadConfig();
const file = join(config.dataDir, "frontdesk.db");
try {
  await Deno.stat(file);
} catch {
  console.error(`No database at ${file}: set DATA_DIR to the server's.`);
  Deno.exit(1);
}
const store = createSqliteStore(file);
try {
  const head = await store.events.head();
  const rows = [];
  for (const l of LOG_LISTENERS) {
    const cp = await store.events.checkpoint(l.name);
    const dead = await store.events.deadLetters(l.name);
    rows.push({
      listener: l.name,
      checkpoint: cp.position,
      head,
      lag: head - cp.position,
      deadLetters: dead.length,
      updatedAt: cp.updatedAt.toISOString(),
    });
  }
  console.table(rows);
  for (const d of await store.events.deadLetters()) {
    console.log(
      `dead letter: ${d.listener} ${d.type} #${d.position} (${d.eventId}) after ${d.attempts} attempts: ${d.error}`,
    );
  }
} finally {
  await store.close();
}
