/**
 * The event log on SQLite: events are appended by the other repositories
 * inside their own transactions (`writeEvents`), and read back here in
 * position order, with listeners' checkpoints, effects and dead letters.
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import type { EventType } from "../../models/events/catalog.ts";
import type { DomainEvent, Emit, NewEvent } from "../../models/events/event.ts";
import type { EventLogRepo } from "../../models/ports/event_log.ts";
import { date, iso, type Row, run } from "./db.ts";

/** Who hears of appended events in this process (the listeners' wake-up). */
export class AppendSignal {
  #subscribers = new Set<() => void>();
  #pending = false;

  /** Subscribes; returns the function that unsubscribes. */
  subscribe(fn: () => void): () => void {
    this.#subscribers.add(fn);
    return () => this.#subscribers.delete(fn);
  }

  /** Signals once per turn, after the current (group) commit has settled. */
  notify(): void {
    if (this.#pending || !this.#subscribers.size) return;
    this.#pending = true;
    setTimeout(() => {
      this.#pending = false;
      for (const fn of this.#subscribers) fn();
    }, 0);
  }
}

/**
 * Writes the events `emit` builds from `result`, in the caller's transaction. Returns `result` so a
 * repository can write `return writeEvents(db, signal, emit, value)`.
 */
export function writeEvents<R>(db: DatabaseSync, signal: AppendSignal, emit: Emit<R> | undefined, result: R): R {
  if (!emit) return result;
  const events = emit(result);
  if (!events.length) return result;
  const insert = db.prepare(
    `INSERT INTO events (id, workspace_id, type, version, aggregate_id, actor_kind, actor_id, occurred_at, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of events) insertEvent(insert, e);
  signal.notify();
  return result;
}

function insertEvent(insert: ReturnType<DatabaseSync["prepare"]>, e: NewEvent) {
  insert.run(
    e.id,
    e.workspaceId,
    e.type,
    e.version,
    e.aggregateId,
    e.actor.kind,
    e.actor.id ?? null,
    iso(e.occurredAt),
    JSON.stringify(e.payload),
  );
}

const toEvent = (r: Row): DomainEvent => ({
  id: r.id as string,
  position: Number(r.position),
  type: r.type as EventType,
  version: Number(r.version),
  workspaceId: r.workspace_id as string,
  aggregateId: r.aggregate_id as string,
  actor: { kind: r.actor_kind as DomainEvent["actor"]["kind"], ...(r.actor_id ? { id: r.actor_id as string } : {}) },
  occurredAt: date(r.occurred_at)!,
  payload: JSON.parse(r.payload as string),
});

/** The event log's read side and listener bookkeeping. */
export function sqliteEvents(db: DatabaseSync, signal: AppendSignal): EventLogRepo {
  return {
    after: (position, opts) =>
      run(() => {
        const where = ["position > ?"];
        const args: SQLInputValue[] = [position];
        if (opts.workspaceId) (where.push("workspace_id = ?"), args.push(opts.workspaceId));
        if (opts.types?.length) {
          where.push(`type IN (${opts.types.map(() => "?").join(", ")})`);
          args.push(...opts.types);
        }
        return (db.prepare(`SELECT * FROM events WHERE ${where.join(" AND ")} ORDER BY position LIMIT ?`)
          .all(...args, opts.limit) as Row[]).map(toEvent);
      }),
    head: () => run(() => Number((db.prepare("SELECT MAX(position) AS p FROM events").get() as Row).p ?? 0)),
    onAppend: (fn) => signal.subscribe(fn),
    checkpoint: (listener) =>
      run(() => {
        const r = db.prepare("SELECT * FROM listener_checkpoints WHERE listener = ?").get(listener) as Row | undefined;
        return r ? { listener, position: Number(r.position), updatedAt: date(r.updated_at)! } : null;
      }),
    saveCheckpoint: (listener, position, at) =>
      run(() => {
        db.prepare(
          `INSERT INTO listener_checkpoints (listener, position, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (listener) DO UPDATE SET position = MAX(position, excluded.position), updated_at = excluded.updated_at`,
        ).run(listener, position, iso(at));
      }),
    markDone: (listener, key, at) =>
      run(() =>
        Number(
          db.prepare("INSERT OR IGNORE INTO listener_effects (listener, key, at) VALUES (?, ?, ?)")
            .run(listener, key, iso(at)).changes,
        ) === 1
      ),
    isDone: (listener, key) =>
      run(() =>
        Boolean(db.prepare("SELECT 1 FROM listener_effects WHERE listener = ? AND key = ?").get(listener, key))
      ),
    deadLetter: (l) =>
      run(() => {
        db.prepare(
          `INSERT OR REPLACE INTO listener_dead_letters (listener, event_id, position, type, error, attempts, at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(l.listener, l.eventId, l.position, l.type, l.error.slice(0, 2000), l.attempts, iso(l.at));
      }),
    deadLetters: (listener) =>
      run(() =>
        (db.prepare(
          `SELECT * FROM listener_dead_letters ${listener ? "WHERE listener = ?" : ""} ORDER BY at DESC LIMIT 500`,
        ).all(...(listener ? [listener] : [])) as Row[]).map((r) => ({
          listener: r.listener as string,
          eventId: r.event_id as string,
          position: Number(r.position),
          type: r.type as EventType,
          error: r.error as string,
          attempts: Number(r.attempts),
          at: date(r.at)!,
        }))
      ),
  };
}
