/**
 * `deno task migrate:mongo`: copies workspaces between the embedded SQLite database (DATA_DIR/frontdesk.db) and
 * MongoDB (MONGODB_URI), either way, then checks the copy by counting each table's rows on both sides.
 *
 *   deno task migrate:mongo --to mongo --workspace <id> [--workspace <id>...]
 *   deno task migrate:mongo --to mongo --all
 *   deno task migrate:mongo --to sqlite --workspace <id>
 *
 * Stop the app (or its writes) first. The target must not hold the workspace yet. See storage/mongo/migrate.ts.
 *
 * @module
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../lib/config.ts";
import { connectMongo } from "../storage/mongo/mod.ts";
import { dumpMongo, dumpSqlite, loadMongo, loadSqlite } from "../storage/mongo/migrate.ts";
import { TABLES } from "../storage/mongo/migrate_tables.ts";
import { openDatabase } from "../storage/sqlite/db.ts";
import { migrate } from "../storage/sqlite/migrations.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { to: { type: "string" }, workspace: { type: "string", multiple: true }, all: { type: "boolean" } },
});
const config = loadConfig();
if (!config.mongodbUri || (values.to !== "mongo" && values.to !== "sqlite") || (!values.all && !values.workspace)) {
  console.error("usage: MONGODB_URI=... deno task migrate:mongo --to mongo|sqlite (--workspace <id>... | --all)");
  Deno.exit(2);
}
const sqlite = openDatabase(join(config.dataDir, "frontdesk.db"));
migrate(sqlite);
const { client, db } = await connectMongo(config.mongodbUri);
let failed = false;
try {
  const ids = values.all
    ? values.to === "mongo"
      ? (sqlite.prepare("SELECT id FROM workspaces").all() as Array<{ id: string }>).map((r) => r.id)
      : (await db.collection("workspaces").find({}, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id))
    : values.workspace!;
  for (const id of ids) {
    const dump = values.to === "mongo" ? dumpSqlite(sqlite, id) : await dumpMongo(db, sqlite, id);
    if ("unknown" in dump && (dump.unknown as string[]).length) {
      console.warn(`not copied (no mapping yet): ${(dump.unknown as string[]).join(", ")}`);
    }
    const report = values.to === "mongo" ? await loadMongo({ client, db }, dump) : loadSqlite(sqlite, dump);
    // Verified by counting what arrived against what was read.
    const check = values.to === "mongo" ? await dumpMongo(db, sqlite, id) : dumpSqlite(sqlite, id);
    const bad = TABLES.filter((s) => check.tables.get(s.table)!.length !== report[s.table]);
    failed ||= bad.length > 0;
    console.log(
      `${id}: ${TABLES.map((s) => `${s.table} ${report[s.table]}`).join(", ")}` +
        (report.eventsRenumbered ? ` (events renumbered: ${report.eventsRenumbered})` : "") +
        (bad.length ? ` MISMATCH in ${bad.map((s) => s.table).join(", ")}` : " - counts verified"),
    );
  }
} finally {
  sqlite.close();
  await client.close();
}
Deno.exit(failed ? 1 : 0);
