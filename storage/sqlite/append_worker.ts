/**
 * The append worker's thread (see `append_writer.ts`): its own connection to
 * the database writes each batch of appends in one transaction, or job by job
 * when the batch fails, and reports what was stored with its events.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { DatabaseSync } from "node:sqlite";
import type { DomainEvent } from "../../models/events/event.ts";
import {
  type AppendJob,
  type AppendOutcome,
  type EventKey,
  type FromWorker,
  type ToWorker,
  wireError,
  writeJob,
} from "./append_writer.ts";
import { adoptWriteLock, openDatabase, transaction } from "./db.ts";

let db: DatabaseSync | null = null;
const post = (m: FromWorker) => self.postMessage(m);

/** Keeps the id and position of a job's events (the main thread builds them again and hands them to listeners). */
const collect = (events: EventKey[]) => ({
  stage: (e: DomainEvent) => void events.push({ id: e.id, position: e.position }),
  committed() {},
});

const write = (db: DatabaseSync, job: AppendJob, events: EventKey[]) => writeJob(db, collect(events), job);

function alone(db: DatabaseSync, job: AppendJob): AppendOutcome {
  const events: EventKey[] = [];
  try {
    return { ok: true, value: transaction(db, () => write(db, job, events)), events };
  } catch (err) {
    return { ok: false, error: wireError(err) };
  }
}

function batch(db: DatabaseSync, jobs: AppendJob[]): AppendOutcome[] {
  if (jobs.length === 1) return [alone(db, jobs[0])];
  const events = jobs.map((): EventKey[] => []);
  try {
    const values = transaction(db, () => jobs.map((job, i) => write(db, job, events[i])));
    return values.map((value, i) => ({ ok: true, value, events: events[i] }));
  } catch {
    // Rolled back: each job again in its own transaction, so one bad job fails alone.
    return jobs.map((job) => alone(db, job));
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m.type === "start") {
    try {
      db = openDatabase(m.path);
      // The process's write lock (`db.ts`): this thread's transactions take it, as the event loop's do.
      adoptWriteLock(m.lock);
    } catch (err) {
      post({ type: "failed", message: (err as Error).message });
    }
  } else if (m.type === "batch") {
    if (!db) {
      const error = wireError(new Error("the append worker has no database"));
      return post({ type: "done", id: m.id, outcomes: m.jobs.map(() => ({ ok: false, error })) });
    }
    post({ type: "done", id: m.id, outcomes: batch(db, m.jobs) });
  } else {
    db?.close();
    db = null;
    post({ type: "stopped" });
  }
};
