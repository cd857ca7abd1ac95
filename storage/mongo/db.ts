/**
 * What every MongoDB repository shares: the client and database, transactions that carry the events of a change,
 * the counters behind sequence numbers, and the mapping between domain objects (`id`) and documents (`_id`).
 *
 * @module
 */
import type { ClientSession, Db, Document, MongoClient } from "mongodb";
import type { DomainEvent, Emit } from "../../models/events/event.ts";
import type { AppendSignal } from "../sqlite/events.ts";

/** The adapter's handles: the client (sessions), the database, and the hand-off of committed events. */
export interface Mongo {
  client: MongoClient;
  db: Db;
  signal: AppendSignal;
}

/** A transaction in progress: its session, and the events it wrote (handed to listeners once it commits). */
export interface Tx {
  session: ClientSession;
  events: DomainEvent[];
}

/**
 * Runs `fn` in a multi-document transaction (Atlas is a replica set). `withTransaction` retries the callback on
 * transient errors and write conflicts, so `fn` is written to be run again from the start: it reads what it
 * needs inside, and the events it staged on an aborted attempt are dropped with it.
 */
export async function transaction<T>(m: Mongo, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const session = m.client.startSession();
  let tx: Tx = { session, events: [] };
  try {
    const result = await session.withTransaction(async () => {
      tx = { session, events: [] };
      return await fn(tx);
    });
    publish(m, tx.events);
    return result as T;
  } finally {
    await session.endSession();
  }
}

/** Hands committed events to this process's listeners, in position order. */
function publish(m: Mongo, events: DomainEvent[]) {
  if (!events.length) return;
  for (const e of events.sort((a, b) => a.position - b.position)) m.signal.stage(e);
  m.signal.committed();
}

/**
 * Takes `n` numbers of the sequence `name` at once (one atomic `$inc` on the counters collection) and returns
 * the first. Inside a transaction the counter's document is written, so two transactions taking numbers of the
 * same sequence conflict and one is retried after the other commits: numbers are handed out in commit order,
 * which is what lets a listener reading the event log `after(position)` never skip an event committed late.
 */
export async function nextNumbers(
  m: Pick<Mongo, "db">,
  name: string,
  n: number,
  session?: ClientSession,
): Promise<number> {
  const doc = await m.db.collection<{ _id: string; seq: number }>("counters").findOneAndUpdate(
    { _id: name },
    { $inc: { seq: n } },
    { upsert: true, returnDocument: "after", session },
  );
  return doc!.seq - n + 1;
}

/**
 * Writes the events `emit` builds from `result` in the transaction `tx`, with positions from the `events`
 * counter. Returns `result`, like the SQLite adapter's `writeEvents`.
 */
export async function writeEvents<R>(m: Mongo, tx: Tx, emit: Emit<R> | undefined, result: R): Promise<R> {
  if (!emit) return result;
  const built = emit(result);
  if (!built.length) return result;
  const first = await nextNumbers(m, "events", built.length, tx.session);
  const events = built.map((e, i) => ({ ...e, position: first + i }));
  await m.db.collection("events").insertMany(
    events.map(({ id, ...rest }) => ({ _id: id, ...rest } as Document)),
    { session: tx.session },
  );
  tx.events.push(...events as DomainEvent[]);
  return result;
}

/** True for MongoDB's duplicate-key error (a unique index refused the write). */
export function isDuplicateKey(err: unknown): boolean {
  return !!err && typeof err === "object" && (err as { code?: unknown }).code === 11000;
}

/** A document for a domain object: its `id` becomes `_id`. */
export function toDoc<T extends { id: string }>(o: T): Document {
  const { id, ...rest } = o;
  return { _id: id, ...rest };
}

/** The domain object of a document: `_id` back to `id`, and the listed storage-only fields left out. */
export function fromDoc<T>(d: Document, ...omit: string[]): T {
  const { _id, ...rest } = d;
  for (const k of omit) delete rest[k];
  return { id: _id, ...rest } as T;
}

/** A document's fields without `_id` (for objects whose key is made of their fields). */
export function withoutId<T>(d: Document, ...omit: string[]): T {
  const { _id: _, ...rest } = d;
  for (const k of omit) delete rest[k];
  return rest as T;
}

/** Bytes of a stored binary field (the driver gives a `Binary`; plain bytes pass through). */
export function bytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  const b = v as { buffer: Uint8Array; position?: number };
  return b.buffer.subarray(0, b.position ?? b.buffer.length);
}
