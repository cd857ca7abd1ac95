/**
 * What `migrate.ts` copies: every table a workspace's data lives in, the MongoDB collection it maps to (which
 * columns are JSON, booleans, dates, bytes, optional), and the conversion of one SQLite row to the adapter's
 * document and back.
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { Binary, type Document } from "mongodb";

/** A SQLite row, the interchange form of a copy. */
export type Row = Record<string, SQLInputValue>;

/** How one table maps to one collection. */
export interface TableSpec {
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
  {
    table: "visitors",
    collection: "visitors",
    id: "id",
    bool: ["verified"],
    optional: ["name", "email", "lang", "locale"],
  },
  { table: "attachments", collection: "attachments", id: "id" },
  {
    table: "conversations",
    collection: "conversations",
    id: "id",
    json: ["categories"],
    optional: ["page_url", "sentiment_score", "experiment_id", "variant", "language"],
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
  {
    table: "experiments",
    collection: "experiments",
    id: "id",
    json: ["variants"],
  },
  { table: "workspace_settings", collection: "workspace_settings" },
  { table: "events", collection: "events", id: "id", json: ["payload"] },
  { table: "listener_effects", collection: "listener_effects", scope: `substr(key, 1, 24) IN (${EVENT_IDS})` },
  { table: "listener_dead_letters", collection: "listener_dead_letters", scope: `event_id IN (${EVENT_IDS})` },
  {
    table: "analytics_facts",
    collection: "analytics_facts",
    id: "conversation_id",
    json: ["tags", "staff_replies", "questions", "categories"],
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
  { table: "analytics_categories", collection: "analytics_categories" },
  { table: "analytics_gap_fixes", collection: "analytics_gap_fixes" },
  { table: "analytics_topic_vectors", collection: "analytics_topic_vectors" },
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
export function columns(db: DatabaseSync, table: string): string[] {
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
