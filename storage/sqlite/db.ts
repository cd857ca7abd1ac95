/**
 * Opening the SQLite database: WAL journal, foreign keys, a busy timeout,
 * and a small transaction helper.
 *
 * @module
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";

/** A row as node:sqlite returns it. */
export type Row = Record<string, SQLInputValue>;

/**
 * Opens (creating if needed) the database at `path` with production pragmas.
 * Prepared statements are cached by their SQL (the repositories prepare the
 * same few statements on every call). Automatic WAL checkpoints are off: they
 * would run inside whichever commit crosses the threshold (a chat message's,
 * with an fsync); `checkpointer.ts` runs them on a worker thread instead.
 */
export function openDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  // The busy timeout first: switching a new file to WAL takes a lock another process may hold at that moment.
  db.exec(`
    PRAGMA busy_timeout = 5000;
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA foreign_keys = ON;
    PRAGMA temp_store = MEMORY;
    PRAGMA wal_autocheckpoint = 0;
  `);
  return cachingStatements(db);
}

/**
 * Caches `db`'s prepared statements by their SQL (the repositories prepare the same few on every call), and
 * makes a statement that writes take the write lock when it runs outside a transaction (autocommit).
 */
export function cachingStatements(db: DatabaseSync): DatabaseSync {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<typeof prepare>>();
  db.prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (WRITES.test(sql)) lockWrites(db, stmt);
      if (cache.size < 500) cache.set(sql, stmt);
    }
    return stmt;
  };
  return db;
}

const WRITES = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

function lockWrites(db: DatabaseSync, stmt: StatementSync) {
  for (const method of ["run", "get", "all"] as const) {
    const call = stmt[method].bind(stmt) as (...args: SQLInputValue[]) => unknown;
    (stmt as unknown as Record<string, unknown>)[method] = (...args: SQLInputValue[]) =>
      db.isTransaction ? call(...args) : writing(() => call(...args));
  }
}

/** What wants to know how each transaction of a database ended (the event log's hand-off to listeners). */
export interface TransactionHooks {
  committed(): void;
  rolledBack(): void;
}

const hooks = new WeakMap<DatabaseSync, TransactionHooks>();

/** Registers the hooks of `db` (one set per database). */
export function onTransactionEnd(db: DatabaseSync, h: TransactionHooks): void {
  hooks.set(db, h);
}

function commit(db: DatabaseSync) {
  db.exec("COMMIT");
  hooks.get(db)?.committed();
}

function rollback(db: DatabaseSync) {
  if (db.isTransaction) db.exec("ROLLBACK");
  hooks.get(db)?.rolledBack();
}

/**
 * The write lock this process's threads share: the event loop and the append worker (`append_writer.ts`)
 * each have a connection to the file, and SQLite alone would make one wait for the other's write by
 * polling (its busy handler sleeps at least a millisecond between tries, and a writer that holds the lock
 * most of the time can starve the other for the whole busy timeout). Taking this lock first, with
 * `Atomics.wait`, a writer waits exactly until the other's transaction ends. Word 0: free (0) or held (1);
 * word 1: how many threads wait. Worker threads that write (the append worker, listener threads) adopt it
 * before they open their connection.
 */
let writeLock: Int32Array = new Int32Array(new SharedArrayBuffer(8));

/** This process's write lock, to hand to a thread that writes (`adoptWriteLock` there). */
export const processWriteLock = (): Int32Array => writeLock;

/** Makes this thread take the process's write lock (a worker thread, before it opens its connection). */
export function adoptWriteLock(lock: Int32Array): void {
  writeLock = lock;
}

/** Runs `fn` holding `lock` (waiting for whichever thread holds it; `fn` is synchronous, so never long). */
function withWriteLock<T>(lock: Int32Array, fn: () => T): T {
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) {
    Atomics.add(lock, 1, 1);
    Atomics.wait(lock, 0, 1, 10);
    Atomics.sub(lock, 1, 1);
  }
  try {
    return fn();
  } finally {
    release(lock);
  }
}

function release(lock: Int32Array) {
  Atomics.store(lock, 0, 0);
  // Waking is a system call: only when another thread waits (word 1 counts them).
  if (Atomics.load(lock, 1) > 0) Atomics.notify(lock, 0);
}

let depth = 0;

/** Whether another thread waits for the write lock now: a long writer may end its transaction early for it. */
export function writeLockWanted(): boolean {
  return Atomics.load(writeLock, 1) > 0;
}

/**
 * Runs `fn` holding the process's write lock if no thread holds it at this moment, and returns its value; null,
 * without running `fn`, when another thread holds it (the caller writes elsewhere rather than wait).
 */
export function writingIfFree<T>(fn: () => T): { value: T } | null {
  if (depth) return { value: fn() };
  if (Atomics.compareExchange(writeLock, 0, 0, 1) !== 0) return null;
  depth++;
  try {
    return { value: fn() };
  } finally {
    depth--;
    release(writeLock);
  }
}

/** Runs `fn`, which writes, holding the process's write lock (nested calls on this thread hold it once). */
export function writing<T>(fn: () => T): T {
  if (depth) return fn();
  depth++;
  try {
    return withWriteLock(writeLock, fn);
  } finally {
    depth--;
  }
}

/**
 * Runs `fn` holding the process's write lock, as `writing` does, but waits for the lock without blocking this
 * thread (`Atomics.waitAsync`): the event loop goes on serving sockets while another thread (the append worker's
 * batch, a listener's) holds the lock, where `Atomics.wait` stopped it for as long. The lock is taken and `fn` run
 * in the same synchronous stretch, so nothing else on this thread runs between (a `writing` of this thread meanwhile
 * would wait for itself).
 */
export async function writingSoon<T>(fn: () => T): Promise<T> {
  if (depth) return fn();
  while (Atomics.compareExchange(writeLock, 0, 0, 1) !== 0) {
    Atomics.add(writeLock, 1, 1);
    try {
      const wait = Atomics.waitAsync(writeLock, 0, 1, 10);
      if (wait.async) await wait.value;
    } finally {
      Atomics.sub(writeLock, 1, 1);
    }
  }
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    release(writeLock);
  }
}

/** Runs `fn` inside `BEGIN IMMEDIATE ... COMMIT`, rolling back on throw. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  return writing(() => inTransaction(db, fn));
}

function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    commit(db);
    return result;
  } catch (err) {
    rollback(db);
    throw err;
  }
}

/** Jobs of a group commit written before it gives the lock up to another thread that waits for it. */
const GROUP_MIN = 4;

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: write jobs queued in the same turn of the event loop (many
 * sockets' messages arrive together under load) run in one transaction and
 * share one commit. A job's promise settles only after the commit: nothing
 * is acknowledged before it is stored. Should a job throw, the batch is
 * rolled back and every job runs again in its own transaction, so one bad
 * job fails alone (jobs read what they need inside, so a rerun is the same
 * work). A lone job pays nothing extra.
 */
export function groupCommit(db: DatabaseSync): <T>(work: () => T) => Promise<T> {
  let queue: Job[] = [];
  const alone = (job: Job) => {
    try {
      job.resolve(transaction(db, job.work));
    } catch (err) {
      job.reject(err);
    }
  };
  // The lock is awaited, not waited for: jobs queued meanwhile join the batch. A batch ends early once another
  // thread waits for the lock (the append worker, with visitors' messages to store) after `GROUP_MIN` jobs: a
  // backlog of hand-offs written at once held it for up to 60 ms under load. The rest go in the next batch.
  const flush = () =>
    writingSoon(() => {
      const jobs = queue;
      queue = [];
      if (jobs.length <= 1) return jobs.forEach(alone);
      const values: unknown[] = [];
      let tried = 0;
      try {
        db.exec("BEGIN IMMEDIATE");
        for (const job of jobs) {
          tried++;
          values.push(job.work());
          if (tried >= GROUP_MIN && tried < jobs.length && writeLockWanted()) break;
        }
        commit(db);
      } catch {
        rollback(db);
        jobs.slice(0, tried).forEach(alone);
        return requeue(jobs.slice(tried));
      }
      jobs.slice(0, tried).forEach((job, i) => job.resolve(values[i]));
      requeue(jobs.slice(tried));
    });
  const requeue = (rest: Job[]) => {
    if (!rest.length) return;
    queue = [...rest, ...queue];
    // After this turn: the waiting thread takes the lock meanwhile.
    setTimeout(flush, 0);
  };
  return <T>(work: () => T) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (queue.length === 1) queueMicrotask(flush);
    });
}

/** ISO text for a Date (sorts as text), or null. */
export const iso = (d: Date | undefined | null): string | null => d ? d.toISOString() : null;
/** Date from ISO text, or undefined. */
export const date = (v: unknown): Date | undefined => typeof v === "string" ? new Date(v) : undefined;

/** True when `err` is SQLite's unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed/.test(err.message);
}

/** Runs synchronous database work as a Promise, so a throw becomes a rejection. */
export const run = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));
