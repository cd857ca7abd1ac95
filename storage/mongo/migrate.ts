/**
 * Copying a workspace's data between the embedded SQLite store and MongoDB, either way (`deno task
 * migrate:mongo`). Rows are the interchange: a MongoDB document is turned into the SQLite row it stands for and
 * back, table by table, by the specs below (which columns are JSON, booleans, dates, bytes, optional). What
 * neither side stores as data is rebuilt on arrival: the SQLite full-text index, MongoDB's vocabulary and
 * counters.
 *
 * The target must not hold the workspace yet. Events keep their positions when they fit after the target's log
 * (a move into an empty target); otherwise they are renumbered after it, in order, and listener checkpoints are
 * then left alone (the copied events' effects and analytics records still travel, so nothing is done twice).
 * Stop the app (or its writes) while copying; the copy is not one transaction.
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { Binary, type Db, type Document } from "mongodb";
import { indexGeneration } from "./knowledge.ts";
import { ensureIndexes } from "./mod.ts";
import type { Mongo } from "./db.ts";

type Row = Record<string, SQLInputValue>;

/** How one table maps to one collection. */
interface TableSpec {
  table: string;
  collection: string;
  /** The column that becomes `_id` (none: MongoDB makes one). */
  id?: string;
  json?: string[];
  bool?: string[];
  /** Date columns whose name does not end in `_at` (those that do are dates already). */
  date?: string[];
  /** Columns whose null means "absent" in the domain object (left out of the document). */
  optional?: string[];
  /** Field names that are not the column's camelCase. */
  rename?: Record<string, string>;
  /** Columns not carried (SQLite-only). */
  skip?: string[];
  /** How to pick a workspace's rows: "workspace" (workspace_id = ?) or a WHERE clause with one `?`. */
  scope?: string;
}

const EVENT_IDS = "SELECT id FROM events WHERE workspace_id = ?";

/** Every table a workspace's data lives in, parents before children. */
export const TABLES: TableSpec[] = [
  { table: "workspaces", collection: "workspaces", id: "id", scope: "id = ?" },
  { table: "users", collection: "users", id: "id" },
  { table: "one_time_tokens", collection: "one_time_tokens", id: "id", optional: ["user_id", "role", "created_by"] },
  {
    table: "provider_credentials",
    collection: "provider_credentials",
    json: ["extra"],
    optional: ["base_url", "default_model"],
  },
  {
    table: "agents",
    collection: "agents",
    id: "id",
    json: ["allowed_domains", "widget_config"],
    bool: ["is_active"],
    optional: ["lyzr_agent_id"],
  },
  {
    table: "knowledge_sources",
    collection: "knowledge_sources",
    id: "id",
    json: ["metadata"],
    optional: ["url", "error"],
  },
  {
    table: "ingest_jobs",
    collection: "ingest_jobs",
    id: "id",
    optional: ["error", "started_at", "finished_at"],
  },
  {
    table: "knowledge_chunks",
    collection: "knowledge_chunks",
    id: "id",
    optional: ["url", "embedding"],
    skip: ["seq"],
  },
  { table: "knowledge_versions", collection: "knowledge_versions", id: "id" },
  { table: "visitors", collection: "visitors", id: "id", bool: ["verified"], optional: ["name", "email", "lang"] },
  { table: "attachments", collection: "attachments", id: "id" },
  {
    table: "conversations",
    collection: "conversations",
    id: "id",
    json: ["categories"],
    optional: ["page_url", "sentiment_score"],
  },
  {
    table: "messages",
    collection: "messages",
    id: "id",
    json: ["attachment_ids", "citations", "metadata"],
    bool: ["internal"],
    optional: ["client_id", "author_id", "author_name"],
  },
  {
    table: "tickets",
    collection: "tickets",
    id: "id",
    json: ["tags", "rating"],
    optional: ["customer_name", "page_url"],
  },
  { table: "canned_responses", collection: "canned_responses", id: "id" },
  { table: "categories", collection: "categories", id: "id", json: ["examples", "counter_examples"] },
  { table: "workspace_settings", collection: "workspace_settings" },
  { table: "events", collection: "events", id: "id", json: ["payload"] },
  { table: "listener_effects", collection: "listener_effects", scope: `substr(key, 1, 24) IN (${EVENT_IDS})` },
  { table: "listener_dead_letters", collection: "listener_dead_letters", scope: `event_id IN (${EVENT_IDS})` },
  {
    table: "analytics_facts",
    collection: "analytics_facts",
    id: "conversation_id",
    json: ["tags"],
    bool: ["ai_involved", "ai_answered", "handed_off", "first_of_visitor", "first_with_agent"],
    rename: { first_response_s: "firstResponseSeconds", resolution_s: "resolutionSeconds" },
  },
  { table: "analytics_tickets", collection: "analytics_tickets", id: "ticket_id" },
  { table: "analytics_visitors", collection: "analytics_visitors" },
  { table: "analytics_days", collection: "analytics_days" },
  { table: "analytics_team_days", collection: "analytics_team_days" },
  { table: "analytics_durations", collection: "analytics_durations" },
  { table: "analytics_sketches", collection: "analytics_sketches" },
  // The Space-Saving lists keep SQLite's JSON text as is (both adapters read it with models/analytics/heavy.ts).
  { table: "analytics_questions", collection: "analytics_questions" },
  { table: "analytics_pages", collection: "analytics_pages" },
  { table: "analytics_gap_fixes", collection: "analytics_gap_fixes" },
  { table: "analytics_applied", collection: "analytics_applied", id: "event_id", scope: `event_id IN (${EVENT_IDS})` },
  {
    table: "api_keys",
    collection: "api_keys",
    id: "id",
    bool: ["internal"],
    optional: ["last_used_at", "revoked_at"],
  },
  {
    table: "webhook_endpoints",
    collection: "webhook_endpoints",
    id: "id",
    json: ["events"],
    bool: ["enabled"],
    date: ["failing_since"],
  },
  {
    table: "webhook_deliveries",
    collection: "webhook_deliveries",
    id: "id",
    bool: ["retries"],
    date: ["claimed_until"],
  },
  // Attempts carry no workspace id (neither side): they go with their deliveries.
  {
    table: "webhook_attempts",
    collection: "webhook_attempts",
    date: ["at"],
    scope: "delivery_id IN (SELECT id FROM webhook_deliveries WHERE workspace_id = ?)",
  },
  { table: "integrations", collection: "integrations", json: ["settings"] },
  { table: "integration_links", collection: "integration_links", json: ["state"] },
  { table: "integration_inbound", collection: "integration_inbound" },
];

const camel = (c: string) => c.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
const field = (s: TableSpec, col: string) => s.rename?.[col] ?? camel(col);
const isDateColumn = (s: TableSpec, col: string) => col.endsWith("_at") || !!s.date?.includes(col);

/** The columns of `table` in the SQLite schema. */
function columns(db: DatabaseSync, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}

/** A SQLite row as the MongoDB adapter's document. */
export function rowToDoc(s: TableSpec, row: Row): Document {
  const doc: Document = {};
  for (const [col, v] of Object.entries(row)) {
    if (s.skip?.includes(col)) continue;
    if (v === null && s.optional?.includes(col)) continue;
    let out: unknown = v;
    if (v !== null) {
      if (s.json?.includes(col)) out = JSON.parse(v as string);
      else if (s.bool?.includes(col)) out = Number(v) === 1;
      else if (isDateColumn(s, col)) out = new Date(v as string);
      else if (v instanceof Uint8Array) {
        // Embeddings travel as BSON float32 vectors (what Atlas Vector Search indexes); other bytes as they are.
        out = col === "embedding" ? Binary.fromFloat32Array(new Float32Array(v.slice().buffer)) : new Binary(v);
      } else if (typeof v === "bigint") out = Number(v);
    }
    if (col === "rating" && s.table === "tickets" && out) {
      const r = out as { at: string };
      out = { ...r, at: new Date(r.at) };
    }
    doc[col === s.id ? "_id" : field(s, col)] = out;
  }
  if (s.table === "events") {
    doc.actor = { kind: doc.actorKind, ...(doc.actorId ? { id: doc.actorId } : {}) };
    delete doc.actorKind;
    delete doc.actorId;
  }
  return doc;
}

/** A MongoDB adapter's document as the SQLite row (`cols`: the table's columns). */
export function docToRow(s: TableSpec, doc: Document, cols: string[]): Row {
  const d = { ...doc };
  if (s.table === "events") {
    const actor = d.actor as { kind: string; id?: string };
    d.actorKind = actor.kind;
    d.actorId = actor.id ?? null;
  }
  const row: Row = {};
  for (const col of cols) {
    if (s.skip?.includes(col)) continue;
    const v = col === s.id ? d._id : d[field(s, col)];
    if (v === undefined || v === null) row[col] = null;
    else if (s.json?.includes(col)) row[col] = JSON.stringify(v);
    else if (s.bool?.includes(col)) row[col] = v ? 1 : 0;
    else if (v instanceof Date) row[col] = v.toISOString();
    else if (v instanceof Binary) {
      row[col] = col === "embedding"
        ? new Uint8Array(v.toFloat32Array().slice().buffer)
        : new Uint8Array(v.buffer.subarray(0, v.position));
    } else row[col] = v as SQLInputValue;
  }
  return row;
}

/** A workspace's data in interchange form: per table, its rows (SQLite's shape), plus version items. */
export interface WorkspaceDump {
  workspaceId: string;
  tables: Map<string, Row[]>;
  /** knowledge_version_items rows (a table in SQLite, an array in each version document in MongoDB). */
  versionItems: Row[];
  checkpoints: Row[];
}

/** Reads a workspace's rows out of SQLite. Tables with a workspace_id that no spec names are reported. */
export function dumpSqlite(db: DatabaseSync, workspaceId: string): WorkspaceDump & { unknown: string[] } {
  const tables = new Map<string, Row[]>();
  for (const s of TABLES) {
    const where = s.scope ?? "workspace_id = ?";
    tables.set(s.table, db.prepare(`SELECT * FROM ${s.table} WHERE ${where}`).all(workspaceId) as Row[]);
  }
  const versionItems = db.prepare(
    `SELECT i.* FROM knowledge_version_items i JOIN knowledge_versions v ON v.id = i.version_id WHERE v.workspace_id = ?`,
  ).all(workspaceId) as Row[];
  const known = new Set(TABLES.map((s) => s.table));
  const unknown = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>)
    .map((r) => r.name)
    .filter((t) => !known.has(t) && columns(db, t).includes("workspace_id"));
  const checkpoints = db.prepare("SELECT * FROM listener_checkpoints").all() as Row[];
  return { workspaceId, tables, versionItems, checkpoints, unknown };
}

/** Reads a workspace's documents out of MongoDB, as SQLite rows (`schema`: a migrated SQLite database for columns). */
export async function dumpMongo(db: Db, schema: DatabaseSync, workspaceId: string): Promise<WorkspaceDump> {
  const tables = new Map<string, Row[]>();
  const eventIds = new Set(
    (await db.collection("events").find({ workspaceId }, { projection: { _id: 1 } }).toArray()).map((e) =>
      String(e._id)
    ),
  );
  const versionItems: Row[] = [];
  for (const s of TABLES) {
    const cols = columns(schema, s.table);
    let docs: Document[];
    if (s.table === "workspaces") {
      docs = await db.collection(s.collection).find({ _id: workspaceId as never }).toArray();
    } else if (s.table === "listener_effects") {
      docs = (await db.collection(s.collection).find({}).toArray()).filter((d) =>
        eventIds.has(String(d.key).slice(0, 24))
      );
    } else if (s.table === "listener_dead_letters") {
      docs = await db.collection(s.collection).find({ eventId: { $in: [...eventIds] } }).toArray();
    } else if (s.table === "webhook_attempts") {
      const deliveries = await db.collection("webhook_deliveries").find({ workspaceId }, { projection: { _id: 1 } })
        .toArray();
      docs = await db.collection(s.collection).find({ deliveryId: { $in: deliveries.map((d) => d._id) } }).toArray();
    } else if (s.table === "analytics_applied") {
      docs = await db.collection(s.collection).find({ _id: { $in: [...eventIds] as never[] } }).toArray();
    } else docs = await db.collection(s.collection).find({ workspaceId }).toArray();
    if (s.table === "knowledge_versions") {
      for (const v of docs) {
        for (const i of (v.items ?? []) as Array<{ sourceId: string; generationId: string }>) {
          versionItems.push({ version_id: v._id, source_id: i.sourceId, generation_id: i.generationId });
        }
      }
    }
    tables.set(s.table, docs.map((d) => docToRow(s, d, cols)));
  }
  const checkpoints = (await db.collection("listener_checkpoints").find({}).toArray()).map((d) => ({
    listener: String(d._id),
    position: d.position as number,
    updated_at: d.updatedAt instanceof Date ? d.updatedAt.toISOString() : null,
  }));
  return { workspaceId, tables, versionItems, checkpoints };
}

/** New positions for the dump's events: kept when they all come after `head`, else renumbered after it. */
function positions(dump: WorkspaceDump, head: number): { map: Map<number, number>; kept: boolean } {
  const events = [...(dump.tables.get("events") ?? [])].sort((a, b) => Number(a.position) - Number(b.position));
  const kept = !events.length || Number(events[0].position) > head;
  return {
    kept,
    map: new Map(events.map((e, i) => [Number(e.position), kept ? Number(e.position) : head + i + 1])),
  };
}
const renumber = (dump: WorkspaceDump, map: Map<number, number>) => {
  for (const name of ["events", "listener_dead_letters"]) {
    for (const r of dump.tables.get(name) ?? []) r.position = map.get(Number(r.position)) ?? r.position;
  }
};

/** What a copy did: rows per table. */
export type CopyReport = Record<string, number> & { eventsRenumbered?: number };

/** Writes a dump into MongoDB (the workspace must be absent), then rebuilds the vocabulary and counters. */
export async function loadMongo(m: Omit<Mongo, "signal">, dump: WorkspaceDump): Promise<CopyReport> {
  const { db } = m;
  await ensureIndexes(db);
  if (await db.collection("workspaces").findOne({ _id: dump.workspaceId as never })) {
    throw new Error(`workspace ${dump.workspaceId} is already in the MongoDB database`);
  }
  const [last] = await db.collection("events").find({}).sort({ position: -1 }).limit(1).toArray();
  const { map, kept } = positions(dump, Number(last?.position ?? 0));
  renumber(dump, map);
  const report: CopyReport = {};
  for (const s of TABLES) {
    const rows = dump.tables.get(s.table) ?? [];
    const docs = rows.map((r) => rowToDoc(s, r));
    if (s.table === "knowledge_versions") {
      for (const d of docs) {
        d.items = dump.versionItems.filter((i) => i.version_id === d._id)
          .map((i) => ({ sourceId: i.source_id, generationId: i.generation_id }));
      }
    }
    if (s.table === "one_time_tokens") { for (const d of docs) d.usedAt ??= null; }
    if (s.table === "knowledge_sources") { for (const d of docs) d.deletedAt ??= null; }
    for (let i = 0; i < docs.length; i += 1000) await db.collection(s.collection).insertMany(docs.slice(i, i + 1000));
    report[s.table] = docs.length;
  }
  if (kept) {
    for (const c of dump.checkpoints) {
      await db.collection<{ _id: string }>("listener_checkpoints").updateOne(
        { _id: c.listener as string },
        { $max: { position: Number(c.position) }, $setOnInsert: { updatedAt: new Date(c.updated_at as string) } },
        { upsert: true },
      );
    }
  } else report.eventsRenumbered = map.size;
  // The counters the adapter takes numbers from, and the vocabulary of the active knowledge.
  const head = Math.max(0, ...map.values());
  await db.collection<{ _id: string; seq: number }>("counters").updateOne(
    { _id: "events" },
    { $max: { seq: head } },
    { upsert: true },
  );
  for (const a of dump.tables.get("agents") ?? []) {
    if (!a.active_version_id) continue;
    for (const i of dump.versionItems.filter((i) => i.version_id === a.active_version_id)) {
      await indexGeneration(m, i.generation_id as string, 1, undefined);
    }
  }
  return report;
}

/** Writes a dump into SQLite (the workspace must be absent) in one transaction, and indexes its active knowledge. */
export function loadSqlite(db: DatabaseSync, dump: WorkspaceDump): CopyReport {
  if (db.prepare("SELECT 1 FROM workspaces WHERE id = ?").get(dump.workspaceId)) {
    throw new Error(`workspace ${dump.workspaceId} is already in the SQLite database`);
  }
  const head = Number((db.prepare("SELECT MAX(position) AS p FROM events").get() as Row).p ?? 0);
  const { map, kept } = positions(dump, head);
  renumber(dump, map);
  const report: CopyReport = {};
  db.exec("BEGIN IMMEDIATE");
  try {
    const insert = (table: string, rows: Row[]) => {
      for (const r of rows) {
        const cols = Object.keys(r).filter((c) => !(table === "knowledge_chunks" && c === "seq"));
        db.prepare(`INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`)
          .run(...cols.map((c) => r[c]));
      }
    };
    for (const s of TABLES) {
      const rows = dump.tables.get(s.table) ?? [];
      insert(s.table, rows);
      if (s.table === "knowledge_versions") insert("knowledge_version_items", dump.versionItems);
      report[s.table] = rows.length;
    }
    if (kept) {
      for (const c of dump.checkpoints) {
        db.prepare(
          `INSERT INTO listener_checkpoints (listener, position, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (listener) DO UPDATE SET position = MAX(position, excluded.position)`,
        ).run(c.listener, c.position, c.updated_at);
      }
    } else report.eventsRenumbered = map.size;
    // The full-text index holds the active versions' chunks (as knowledge_index.ts keeps it).
    db.prepare(
      `INSERT INTO knowledge_fts (rowid, scope, title, heading, text)
       SELECT c.seq, 'a' || c.agent_id, c.title, c.heading, c.text FROM knowledge_chunks c
       JOIN agents a ON a.id = c.agent_id
       JOIN knowledge_version_items i ON i.version_id = a.active_version_id AND i.generation_id = c.generation_id
       WHERE c.workspace_id = ?`,
    ).run(dump.workspaceId);
    db.exec("COMMIT");
  } catch (err) {
    db.exec("ROLLBACK");
    throw err;
  }
  return report;
}
