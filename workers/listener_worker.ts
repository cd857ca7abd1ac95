/**
 * A listener's own thread (see `listener_threads.ts`): a store on its own connection to the SQLite file,
 * the process's write lock adopted before it opens, and the listener's `ListenerRunner`, which reads the log
 * from its checkpoint as it would on the event loop.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { systemClock } from "../lib/clock.ts";
import { createLogger } from "../lib/log.ts";
import { ListenerRunner } from "../listeners/runner.ts";
import type { Deps } from "../models/ports/deps.ts";
import type { Store } from "../models/ports/store.ts";
import { adoptWriteLock } from "../storage/sqlite/db.ts";
import { createSqliteStore } from "../storage/sqlite/mod.ts";
import { type FromListenerThread, THREADED, type ToListenerThread } from "./listener_threads.ts";

let store: Store | null = null;
let runner: ListenerRunner | null = null;
const post = (m: FromListenerThread) => self.postMessage(m);

self.onmessage = async (e: MessageEvent<ToListenerThread>) => {
  const m = e.data;
  if (m.type === "start") {
    try {
      adoptWriteLock(m.lock);
      // Migrated by the event loop's store already; its checkpoints cover this connection's writes too.
      store = createSqliteStore(m.path, { appendWorker: false, checkpoints: false });
      // Only what a threaded listener uses (THREADED says which): anything else is a bug and fails loudly.
      const deps = { store, clock: systemClock, log: createLogger(m.logLevel) } as unknown as Deps;
      runner = new ListenerRunner(deps, THREADED[m.name], m.options);
      await runner.start();
      post({ type: "started" });
    } catch (err) {
      post({ type: "failed", message: (err as Error).message });
    }
    return;
  }
  if (m.type === "nudge") return runner?.nudge();
  if (m.type === "die") {
    // Tests only: an uncaught error, from a task of its own as a bug's would be (not this handler's rejection).
    setTimeout(() => {
      throw new Error(m.message);
    });
    return;
  }
  try {
    if (!runner || !store) throw new Error("listener thread not started");
    if (m.type === "idle") {
      await runner.idle();
      post({ type: "done", id: m.id });
    } else if (m.type === "status") {
      post({ type: "done", id: m.id, status: await runner.status() });
    } else {
      await runner.stop();
      await store.close();
      runner = store = null;
      post({ type: "done", id: m.id });
    }
  } catch (err) {
    post({ type: "done", id: m.id, error: (err as Error).message });
  }
};
