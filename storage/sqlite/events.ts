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
import { date, groupCommit, iso, type Row, run } from "./db.ts";

/**
 * How long committed events wait before they are handed to this process's listeners. Side effects need not
 * run in the very next turn: a few milliseconds let the sockets be served first (the staff frame of the
 * message just stored, the next messages) and gather more events per hand-off under load.
 */
const HANDOFF_DELAY_MS = 2;

/** Where a repository puts the events it inserts: staged with their transaction, passed on once it commits. */
export interface EventStage {
  stage(event: DomainEvent): void;
  committed(): void;
}

/**
 * Hands the events this process commits to the listeners in it, so they need not read back what was just
 * written: events are staged as they are inserted, passed on when their transaction commits (in position
 * order), dropped when it rolls back. Listeners fall back to reading the log for anything else (events of
 * other processes, or a gap).
 */
export class AppendSignal implements EventStage {
  #subscribers = new Set<(events: DomainEvent[]) => void>();
  #staged: DomainEvent[] = [];
  #ready: DomainEvent[] = [];
  #pending = false;

  /** Subscribes to committed events; returns the function that unsubscribes. */
  subscribe(fn: (events: DomainEvent[]) => void): () => void {
    this.#subscribers.add(fn);
    return () => this.#subscribers.delete(fn);
  }

  /** An event inserted by the open transaction. */
  stage(event: DomainEvent): void {
    if (this.#subscribers.size) this.#staged.push(event);
  }

  /** The transaction committed: its events go out once per turn (a group commit's batch together). */
  committed(): void {
    if (!this.#staged.length) return;
    this.#ready.push(...this.#staged);
    this.#staged = [];
    if (this.#pending) return;
    this.#pending = true;
    setTimeout(() => {
      const events = this.#ready;
      this.#ready = [];
      this.#pending = false;
      for (const fn of this.#subscribers) fn(events);
    }, HANDOFF_DELAY_MS);
  }

  /** The transaction rolled back: its events never happened. */
  rolledBack(): void {
    this.#staged = [];
  }
}

/**
 * Writes the events `emit` builds from `result`, in the caller's transaction. Returns `result` so a
 * repository can write `return writeEvents(db, signal, emit, value)`.
 */
export function writeEvents<R>(db: DatabaseSync, signal: EventStage, emit: Emit<R> | undefined, result: R): R {
  if (!emit) return result;
  const events = emit(result);
  if (!events.length) return result;
  const insert = db.prepare(
    `INSERT INTO events (id, workspace_id, type, version, aggregate_id, actor_kind, actor_id, occurred_at, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of events) {
    signal.stage({ ...e, position: Number(insertEvent(insert, e).lastInsertRowid) });
  }
  // Written outside a transaction (autocommit): already committed.
  if (!db.isTransaction) signal.committed();
  return result;
}

function insertEvent(insert: ReturnType<DatabaseSync["prepare"]>, e: NewEvent) {
  return insert.run(
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
  // The listeners' own writes (checkpoints, effects done, dead letters) come after every handled batch, from each
  // listener: a group commit shares their commits and, on the event loop, awaits the write lock instead of stopping
  // every socket while another thread holds it.
  const write = groupCommit(db);
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
      write(() => {
        db.prepare(
          `INSERT INTO listener_checkpoints (listener, position, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (listener) DO UPDATE SET position = MAX(position, excluded.position), updated_at = excluded.updated_at`,
        ).run(listener, position, iso(at));
      }),
    markDone: (listener, key, at) =>
      write(() =>
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
      write(() => {
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
