/**
 * WAL checkpoints away from the event loop. Automatic checkpoints are off
 * (`openDatabase`): they would run inside whichever commit crosses the
 * threshold. Copying a second's worth of pages back into the database is
 * milliseconds of I/O, so a worker thread with its own connection does it;
 * where a worker can't start, a timer on this thread does.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";

/** Stops the checkpoints (resolves once the worker's connection is closed). */
export type StopCheckpoints = () => Promise<void>;

/** Checkpoints `db` (at `path`) every `intervalMs`, PASSIVE, on a worker thread when one starts. */
export async function startCheckpoints(db: DatabaseSync, path: string, intervalMs = 1000): Promise<StopCheckpoints> {
  try {
    return await onWorker(path, intervalMs);
  } catch {
    return onThisThread(db, intervalMs);
  }
}

function onThisThread(db: DatabaseSync, intervalMs: number): StopCheckpoints {
  const timer = setInterval(() => {
    try {
      db.exec("PRAGMA wal_checkpoint(PASSIVE)");
    } catch { /* closed or busy: the next tick tries again */ }
  }, intervalMs);
  Deno.unrefTimer(timer);
  return () => {
    clearInterval(timer);
    return Promise.resolve();
  };
}

function onWorker(path: string, intervalMs: number): Promise<StopCheckpoints> {
  const worker = new Worker(new URL("./checkpoint_worker.ts", import.meta.url).href, { type: "module" });
  const reply = (want: string) =>
    new Promise<void>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<{ type: string; message?: string }>) => {
        if (e.data.type === want) resolve();
        else reject(new Error(`checkpointer: ${e.data.message ?? e.data.type}`));
      };
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(`checkpointer: ${e.message}`));
      };
    });
  const started = reply("started");
  worker.postMessage({ type: "start", path, intervalMs });
  return started.then(
    () => async () => {
      const stopped = reply("stopped");
      worker.postMessage({ type: "stop" });
      await stopped.catch(() => {});
      worker.terminate();
    },
    (err) => {
      worker.terminate();
      throw err;
    },
  );
}
