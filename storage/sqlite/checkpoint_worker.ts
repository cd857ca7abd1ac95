/**
 * The WAL checkpointer's thread: its own connection to the database copies
 * committed pages from the WAL into the main file (PASSIVE: never waits for
 * the app's writes, which go on meanwhile). Started by `checkpointer.ts`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { DatabaseSync } from "node:sqlite";

let db: DatabaseSync | null = null;
let timer: ReturnType<typeof setInterval> | undefined;

self.onmessage = (e: MessageEvent<{ type: "start"; path: string; intervalMs: number } | { type: "stop" }>) => {
  const msg = e.data;
  if (msg.type === "start") {
    try {
      db = new DatabaseSync(msg.path);
      db.exec("PRAGMA busy_timeout = 1000");
      timer = setInterval(() => {
        try {
          db?.exec("PRAGMA wal_checkpoint(PASSIVE)");
        } catch { /* busy or closing: the next tick tries again */ }
      }, msg.intervalMs);
      self.postMessage({ type: "started" });
    } catch (err) {
      self.postMessage({ type: "failed", message: (err as Error).message });
    }
  } else {
    clearInterval(timer);
    db?.close();
    db = null;
    self.postMessage({ type: "stopped" });
  }
};
