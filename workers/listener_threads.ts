/**
 * Listeners on threads of their own (`ListenerThreads` of `listeners/mod.ts`), for SQLite: a projection
 * that reads the log and writes the store (the analytics rollups, a few statements per chat message) does
 * not need the event loop the sockets share, and on it every relayed message paid for it. The thread
 * (`listener_worker.ts`) opens its own connection to the file, takes the process's write lock like every
 * writer here, and runs the same `ListenerRunner` with the same checkpoint: where the listener runs changes
 * nothing it does. It reads the log itself; this side nudges it after each of this process's commits (at
 * most every `NUDGE_MS`), and another instance's wake-up reaches it the same way.
 *
 * A composition root like `main.ts` (it puts listeners on the storage adapter), hence here.
 *
 * @module
 */
import { analytics } from "../listeners/analytics.ts";
import type { ListenerThreads, RunningListener } from "../listeners/listener.ts";
import type { Listener, ListenerStatus, RunnerOptions } from "../listeners/runner.ts";
import type { LogLevel } from "../lib/log.ts";
import type { Deps } from "../models/ports/deps.ts";
import { processWriteLock } from "../storage/sqlite/db.ts";

/** The listeners that run on a thread: they use nothing of `Deps` but the store, the clock and the log. */
export const THREADED: Readonly<Record<string, Listener>> = { analytics };

/** Nudges to a thread at most this often (its listener gathers a batch for longer anyway). */
const NUDGE_MS = 20;

/** Messages to the thread. */
export type ToListenerThread =
  | { type: "start"; path: string; name: string; options: RunnerOptions; logLevel: LogLevel; lock: Int32Array }
  | { type: "nudge" }
  | { type: "idle" | "status" | "stop"; id: number };

/** Messages from the thread. */
export type FromListenerThread =
  | { type: "started" }
  | { type: "failed"; message: string }
  | { type: "done"; id: number; status?: ListenerStatus; error?: string };

/** Listener threads on the SQLite file at `path`. The clock must be the system's (a thread has no other). */
export function listenerThreads(deps: Deps, o: { path: string; logLevel: LogLevel }): ListenerThreads {
  return {
    start: (listener, options) => THREADED[listener.name] === listener ? onThread(deps, listener, options, o) : null,
  };
}

async function onThread(
  deps: Deps,
  listener: Listener,
  options: RunnerOptions,
  o: { path: string; logLevel: LogLevel },
): Promise<RunningListener> {
  const worker = new Worker(new URL("./listener_worker.ts", import.meta.url).href, { type: "module" });
  const post = (m: ToListenerThread) => worker.postMessage(m);
  const waiting = new Map<
    number,
    { resolve: (m: FromListenerThread & { type: "done" }) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  let settleStart!: { resolve: () => void; reject: (e: Error) => void };
  const started = new Promise<void>((resolve, reject) => (settleStart = { resolve, reject }));
  const fail = (err: Error) => {
    settleStart.reject(err);
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.onmessage = (e: MessageEvent<FromListenerThread>) => {
    const m = e.data;
    if (m.type === "started") settleStart.resolve();
    else if (m.type === "failed") fail(new Error(`listener thread ${listener.name}: ${m.message}`));
    else {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w?.reject(new Error(m.error));
      else w?.resolve(m);
    }
  };
  worker.onerror = (e) => {
    e.preventDefault();
    deps.log.error("listener thread failed", { listener: listener.name, err: e.message });
    fail(new Error(`listener thread ${listener.name}: ${e.message}`));
  };
  let gone = false;
  const request = (type: "idle" | "status" | "stop") =>
    new Promise<FromListenerThread & { type: "done" }>((resolve, reject) => {
      if (gone) return reject(new Error(`listener thread ${listener.name} stopped`));
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      post({ type, id });
    });

  post({ type: "start", path: o.path, name: listener.name, options, logLevel: o.logLevel, lock: processWriteLock() });
  try {
    await started;
  } catch (err) {
    worker.terminate();
    throw err;
  }
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped: Promise<void> | null = null;
  const nudge = () => {
    timer ??= setTimeout(() => {
      timer = null;
      post({ type: "nudge" });
    }, NUDGE_MS);
  };
  const unsubscribe = deps.store.events.onAppend(nudge);
  const unsubscribeRemote = deps.cluster?.onLogAppended(nudge) ?? null;
  return {
    name: listener.name,
    idle: async () => void await request("idle"),
    status: async () => (await request("status")).status!,
    // Once: a second stop (tests stop listeners, then clean up) waits for the first.
    stop: () =>
      stopped ??= (async () => {
        unsubscribe();
        unsubscribeRemote?.();
        if (timer !== null) clearTimeout(timer);
        try {
          await request("stop");
        } finally {
          gone = true;
          worker.terminate();
        }
      })(),
  };
}
