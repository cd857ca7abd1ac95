/**
 * The chat's hot path on the second core: appending a message (the next seq,
 * the message row, its events) is SQLite work a busy relay does thousands of
 * times a second, and on the event loop it competes with the sockets for one
 * core. A worker thread with its own connection to the same file does it;
 * the event loop only passes the draft over and the stored message back.
 *
 * Same promises as on the event loop: appends queued in one turn go over as
 * one batch, written in one transaction with one commit, and a job's promise
 * settles only after that commit (nothing is acknowledged before it is
 * stored); a batch that fails is written again job by job, so one bad job
 * fails alone. The batch's events are handed to this process's listeners
 * (`AppendSignal`) once the worker reports the commit. The rows are written
 * by the same `appendRows` the event loop uses without a worker.
 *
 * Only appends whose events the worker can build go there: an `Emit` is a
 * function and cannot cross to another thread, so the ones it knows are
 * named in `EMITTERS`; any other append stays on this thread. The same for
 * a `PrepareDraft` (`PREPARERS`): a customer's words are scored for
 * sentiment and language by the thread that writes them.
 *
 * @module
 */
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../lib/errors.ts";
import { messageCreated, scoreCustomerText } from "../../models/chat/chat.ts";
import type { MessageDraft } from "../../models/chat/conversation.ts";
import type { Emit } from "../../models/events/event.ts";
import type { PrepareDraft } from "../../models/ports/store.ts";
import type { DatabaseSync } from "node:sqlite";
import { type Appended, appendRows } from "./conversations.ts";
import { processWriteLock, writingIfFree } from "./db.ts";
import type { AppendSignal, EventStage } from "./events.ts";

/** The event builders an append on the worker may use, by name. */
export const EMITTERS = { messageCreated } as const;
export type EmitterName = keyof typeof EMITTERS;

/** The draft preparations an append on the worker may use, by name. */
export const PREPARERS = { scoreCustomerText } as const;
export type PreparerName = keyof typeof PREPARERS;

/** Writes one job's rows inside the caller's transaction, its events staged on `stage` (either thread). */
export const writeJob = (db: DatabaseSync, stage: EventStage, job: AppendJob): Appended =>
  appendRows(
    db,
    stage,
    job.wid,
    job.conversationId,
    job.draft,
    job.at,
    job.emit ? EMITTERS[job.emit] : undefined,
    job.prepare ? PREPARERS[job.prepare] : undefined,
  );

/** One append, as it crosses to the worker. */
export interface AppendJob {
  wid: string;
  conversationId: string;
  draft: MessageDraft;
  at: Date;
  emit: EmitterName | null;
  prepare: PreparerName | null;
}

/** An error, as it crosses back (an `AppError` keeps its class, status and code). */
export interface WireError {
  name: string;
  message: string;
  status?: number;
  code?: string;
  details?: unknown;
}

/**
 * How one append ended, as it crosses back: stored, or failed (nothing stored). Of its events only the id
 * and log position cross: the rest is what the job's emitter builds from the stored value, which this side
 * builds again (less to copy between threads, on both).
 */
export type AppendOutcome =
  | { ok: true; value: Appended; events: EventKey[] }
  | { ok: false; error: WireError };

/** Where an event the worker wrote sits in the log. */
export type EventKey = { id: string; position: number };

/** Messages to the worker. */
export type ToWorker =
  | { type: "start"; path: string; lock: Int32Array }
  | { type: "batch"; id: number; jobs: AppendJob[] }
  | { type: "stop" };

/** Messages from the worker. */
export type FromWorker =
  | { type: "done"; id: number; outcomes: AppendOutcome[] }
  | { type: "failed"; message: string }
  | { type: "stopped" };

/** Appends written by a worker thread. */
export interface AppendWriter {
  /** Whether the worker can write an append with this `emit` and `prepare` (and is running). */
  handles(emit?: Emit<Appended>, prepare?: PrepareDraft): boolean;
  append(
    wid: string,
    conversationId: string,
    draft: MessageDraft,
    at: Date,
    emit?: Emit<Appended>,
    prepare?: PrepareDraft,
  ): Promise<Appended>;
  /** Writes what was queued, then stops the worker and closes its connection. */
  close(): Promise<void>;
}

const CLASSES: Record<string, { prototype: AppError }> = {
  NotFoundError,
  ValidationError,
  ConflictError,
  ForbiddenError,
};

/** An error from the worker, as the class it was thrown as (callers tell a 404 from a 409 by class). */
export function reviveError(e: WireError): Error {
  if (e.status === undefined || e.code === undefined) return new Error(e.message);
  const err = new AppError(e.status as AppError["status"], e.code, e.message, e.details as AppError["details"]);
  Object.setPrototypeOf(err, (CLASSES[e.name] ?? AppError).prototype);
  err.name = e.name;
  return err;
}

/** An error as it crosses to the main thread. */
export function wireError(err: unknown): WireError {
  if (err instanceof AppError) {
    return { name: err.name, message: err.message, status: err.status, code: err.code, details: err.details };
  }
  return { name: "Error", message: err instanceof Error ? err.message : String(err) };
}

/** A function's name in `names` (null for none given, undefined for one the worker does not know). */
function nameIn<N extends string>(names: Record<N, unknown>, fn?: unknown): N | null | undefined {
  if (!fn) return null;
  for (const [name, known] of Object.entries(names)) if (known === fn) return name as N;
  return undefined;
}

/** Batches the worker may hold at once: one being written, one crossing over (so it never waits for the post). */
const IN_FLIGHT = 2;
/**
 * Appends in one batch at most. A batch is one transaction, holding the process's write lock: a backlog of
 * hundreds written at once held it for 25-70 ms under load, and the event loop's own writes (a listener's
 * checkpoint, a hand-off) stopped every socket for that long.
 */
const MAX_BATCH = 64;

interface Waiting {
  resolve: (value: Appended) => void;
  reject: (err: unknown) => void;
}

/**
 * Starts the worker for the database at `path` (already migrated); its commits' events go to `signal`.
 * `local` writes one append in its own transaction on this thread: a lone append while the worker has
 * nothing in flight and the write lock is free is written here, as it comes (a hop to another thread and
 * back costs more time than it saves when there is no queue), and nothing can overtake it since the worker
 * is idle. Under load, appends
 * go to the worker in batches.
 */
export function startAppendWriter(
  path: string,
  signal: AppendSignal,
  local: (job: AppendJob) => Appended,
): AppendWriter {
  const worker = new Worker(new URL("./append_worker.ts", import.meta.url).href, {
    type: "module",
    name: "append-writer",
  });
  const post = (m: ToWorker) => worker.postMessage(m);
  type Queued = { job: AppendJob } & Waiting;
  let queue: Queued[] = [];
  const inFlight = new Map<number, Queued[]>();
  let nextId = 0;
  let broken: Error | null = null;
  let stopped: (() => void) | null = null;
  let closing = false;

  const failAll = (err: Error) => {
    broken = err;
    for (const batch of inFlight.values()) for (const w of batch) w.reject(err);
    inFlight.clear();
    stopped?.();
    // What was still queued is written here, on this thread.
    flush();
  };
  const flush = () => {
    // Group commit: while the worker writes one batch, what comes meanwhile waits for it and goes over as the
    // next batch. Posting each turn's appends at once would make every message its own transaction under
    // load (a turn rarely holds more than one socket frame), a commit each: the worker spent ~80 us a message.
    if (inFlight.size >= IN_FLIGHT && !broken && !closing) return;
    if (!queue.length) return;
    const jobs = broken ? queue : queue.slice(0, MAX_BATCH);
    queue = broken ? [] : queue.slice(jobs.length);
    if (broken) {
      for (const j of jobs) {
        try {
          j.resolve(local(j.job));
        } catch (err) {
          j.reject(err);
        }
      }
      return;
    }
    // A lone append while the worker is idle is written here, unless another thread holds the write lock: then it
    // goes to the worker too, as the event loop would stop in `Atomics.wait` until the lock is free (a listener
    // thread's rollup, tens of ms under load), every socket with it. The lock is taken here only if it is free at
    // once. (Sending lone appends to the worker whenever the loop was busy as well measured no better under load
    // within the noise, and doubled the relay's p99 with one message in flight: not kept.)
    if (jobs.length === 1 && !inFlight.size) {
      const [j] = jobs;
      try {
        const written = writingIfFree(() => local(j.job));
        if (written) return j.resolve(written.value);
      } catch (err) {
        return j.reject(err);
      }
    }
    const id = ++nextId;
    inFlight.set(id, jobs);
    post({ type: "batch", id, jobs: jobs.map((j) => j.job) });
    // A backlog goes over in several batches, the next while this one is written (closing: all of it now).
    if (queue.length) flush();
  };

  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const m = e.data;
    if (m.type === "done") {
      const batch = inFlight.get(m.id) ?? [];
      inFlight.delete(m.id);
      let staged = false;
      m.outcomes.forEach((o, i) => {
        const emit = batch[i]?.job.emit;
        if (!o.ok || !emit || !o.events.length) return;
        const built = EMITTERS[emit](o.value);
        o.events.forEach((key, k) => signal.stage({ ...built[k], ...key }));
        staged = true;
      });
      if (staged) signal.committed();
      m.outcomes.forEach((o, i) => o.ok ? batch[i]?.resolve(o.value) : batch[i]?.reject(reviveError(o.error)));
      flush();
    } else if (m.type === "failed") {
      failAll(new Error(`append worker: ${m.message}`));
    } else {
      stopped?.();
    }
  };
  worker.onerror = (e) => {
    e.preventDefault();
    failAll(new Error(`append worker: ${e.message}`));
  };
  post({ type: "start", path, lock: processWriteLock() });

  return {
    handles: (emit, prepare) =>
      !broken && nameIn(EMITTERS, emit) !== undefined && nameIn(PREPARERS, prepare) !== undefined,
    append: (wid, conversationId, draft, at, emit, prepare) =>
      new Promise<Appended>((resolve, reject) => {
        const job = {
          wid,
          conversationId,
          draft,
          at,
          emit: nameIn(EMITTERS, emit) ?? null,
          prepare: nameIn(PREPARERS, prepare) ?? null,
        };
        queue.push({ job, resolve, reject });
        if (queue.length === 1) queueMicrotask(flush);
      }),
    async close() {
      closing = true;
      flush();
      if (!broken) {
        // The worker handles messages in order: "stopped" comes after every batch posted before it.
        await new Promise<void>((resolve) => {
          stopped = resolve;
          post({ type: "stop" });
        });
      }
      worker.terminate();
    },
  };
}
