/**
 * Listeners on threads of their own (`ListenerThreads` of `listeners/mod.ts`), for SQLite: a projection
 * that reads the log and writes the store (the analytics rollups, a few statements per chat message) does
 * not need the event loop the sockets share, and on it every relayed message paid for it. The thread
 * (`listener_worker.ts`) opens its own connection to the file, takes the process's write lock like every
 * writer here, and runs the same `ListenerRunner` with the same checkpoint: where the listener runs changes
 * nothing it does. It reads the log itself; this side nudges it after each of this process's commits (at
 * most every `NUDGE_MS`), and another instance's wake-up reaches it the same way.
 *
 * A thread that dies (an uncaught error: the worker's `error` event, or a restart that fails to start) is
 * started again after a backoff (`restart`: doubling from `baseMs` to `maxMs`, back to `baseMs` once a thread
 * has run for `maxMs`), and its runner resumes from the checkpoint, so the listener catches up on what was
 * written meanwhile. While it is down its status is read from the store (the lag grows) and says so
 * (`thread.running`, `restarts`, `lastError`: `/readyz` shows them); `idle()` waits for the next thread.
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

/**
 * Nudges to a thread at most this often: its listener gathers a batch for a second anyway, and each nudge is a
 * message that wakes the thread (20 ms showed as ~5% of a lone relayed message's profile).
 */
const NUDGE_MS = 200;

/** Restarts of a thread that died: the first after `baseMs`, doubling up to `maxMs`. */
export const DEFAULT_RESTART = { baseMs: 1000, maxMs: 60_000 };

/** Messages to the thread. */
export type ToListenerThread =
  | { type: "start"; path: string; name: string; options: RunnerOptions; logLevel: LogLevel; lock: Int32Array }
  | { type: "nudge" }
  | { type: "idle" | "status" | "stop"; id: number }
  // Tests only: the thread throws `message` from a task of its own, an uncaught error (see `ThreadedListener.die`).
  | { type: "die"; message: string };

/** Messages from the thread. */
export type FromListenerThread =
  | { type: "started" }
  | { type: "failed"; message: string }
  | { type: "done"; id: number; status?: ListenerStatus; error?: string };

/** Options of {@linkcode listenerThreads}. */
export interface ListenerThreadOptions {
  path: string;
  logLevel: LogLevel;
  /** Backoff of restarts after a thread dies (default {@linkcode DEFAULT_RESTART}). */
  restart?: { baseMs: number; maxMs: number };
}

/** The listener threads, and the ones running now (by listener name: tests reach a thread through it). */
export interface ListenerThreadPool extends ListenerThreads {
  running(name: string): ThreadedListener | undefined;
}

/** Listener threads on the SQLite file at `path`. The clock must be the system's (a thread has no other). */
export function listenerThreads(deps: Deps, o: ListenerThreadOptions): ListenerThreadPool {
  const running = new Map<string, ThreadedListener>();
  return {
    start(listener, options) {
      if (THREADED[listener.name] !== listener) return null;
      const threaded = new ThreadedListener(deps, listener, options, o);
      return threaded.start().then(() => {
        running.set(listener.name, threaded);
        return threaded;
      });
    },
    running: (name) => running.get(name),
  };
}

type Done = FromListenerThread & { type: "done" };

/** One worker thread running one listener, from its start until it dies or is stopped. */
interface Thread {
  /** Settles when the runner is started there (or the thread died first). */
  started: Promise<void>;
  post(m: ToListenerThread): void;
  request(type: "idle" | "status" | "stop"): Promise<Done>;
  terminate(): void;
}

function spawnThread(name: string, onDeath: (message: string) => void): Thread {
  const worker = new Worker(new URL("./listener_worker.ts", import.meta.url).href, {
    type: "module",
    name: "listeners",
  });
  const waiting = new Map<number, { resolve: (m: Done) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let over = false;
  let settleStart!: { resolve: () => void; reject: (e: Error) => void };
  const started = new Promise<void>((resolve, reject) => (settleStart = { resolve, reject }));
  started.catch(() => {}); // the owner looks at it when it needs to
  const end = (err: Error) => {
    over = true;
    settleStart.reject(err);
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    worker.terminate();
  };
  const die = (message: string) => {
    if (over) return;
    end(new Error(`listener thread ${name}: ${message}`));
    onDeath(message);
  };
  worker.onmessage = (e: MessageEvent<FromListenerThread>) => {
    const m = e.data;
    if (m.type === "started") settleStart.resolve();
    else if (m.type === "failed") die(m.message);
    else {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w?.reject(new Error(m.error));
      else w?.resolve(m);
    }
  };
  worker.onerror = (e) => {
    e.preventDefault(); // handled here: not this thread's uncaught error
    die(e.message);
  };
  return {
    started,
    post: (m) => {
      if (!over) worker.postMessage(m);
    },
    request: (type) =>
      new Promise<Done>((resolve, reject) => {
        if (over) return reject(new Error(`listener thread ${name} stopped`));
        const id = ++nextId;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type, id } satisfies ToListenerThread);
      }),
    terminate: () => {
      if (!over) end(new Error(`listener thread ${name} stopped`));
    },
  };
}

/** A listener on a thread of its own, restarted should the thread die. */
export class ThreadedListener implements RunningListener {
  readonly name: string;
  /** The thread started last (running, or starting). */
  #thread: Thread | null = null;
  /** The thread that runs the listener now; null while it is down or starting. */
  #up: Thread | null = null;
  #waiting: Array<{ resolve: (t: Thread) => void; reject: (e: Error) => void }> = [];
  #live = false;
  #restarts = 0;
  #failures = 0;
  #upSince = 0;
  #lastError: string | null = null;
  #restartTimer: ReturnType<typeof setTimeout> | null = null;
  #nudgeTimer: ReturnType<typeof setTimeout> | null = null;
  #unsubscribe: Array<() => void> = [];
  #stopped: Promise<void> | null = null;
  readonly #backoff: { baseMs: number; maxMs: number };

  constructor(
    private deps: Deps,
    private listener: Listener,
    private options: RunnerOptions,
    private o: ListenerThreadOptions,
  ) {
    this.name = listener.name;
    this.#backoff = o.restart ?? DEFAULT_RESTART;
  }

  /** Starts the first thread; rejects if it cannot start (the caller runs the listener on the loop then). */
  async start(): Promise<void> {
    const thread = this.#spawn();
    await thread.started;
    this.#live = true;
    this.#isUp(thread);
    const nudge = () => {
      this.#nudgeTimer ??= setTimeout(() => {
        this.#nudgeTimer = null;
        this.#up?.post({ type: "nudge" });
      }, NUDGE_MS);
    };
    this.#unsubscribe.push(this.deps.store.events.onAppend(nudge));
    const remote = this.deps.cluster?.onLogAppended(nudge);
    if (remote) this.#unsubscribe.push(remote);
  }

  #spawn(): Thread {
    const thread: Thread = spawnThread(this.name, (message) => this.#died(thread, message));
    this.#thread = thread;
    thread.post({
      type: "start",
      path: this.o.path,
      name: this.name,
      options: this.options,
      logLevel: this.o.logLevel,
      lock: processWriteLock(),
    });
    return thread;
  }

  #isUp(thread: Thread) {
    this.#up = thread;
    this.#upSince = Date.now();
    for (const w of this.#waiting.splice(0)) w.resolve(thread);
  }

  #died(thread: Thread, message: string) {
    if (this.#thread !== thread) return;
    this.#thread = this.#up = null;
    // Before its first start the caller hears of it (and runs the listener on the loop); after a stop, nothing.
    if (!this.#live || this.#stopped) return;
    this.#lastError = message;
    // A thread that ran a while before dying starts the backoff afresh.
    if (this.#upSince && Date.now() - this.#upSince >= this.#backoff.maxMs) this.#failures = 0;
    const delay = Math.min(this.#backoff.baseMs * 2 ** this.#failures, this.#backoff.maxMs);
    this.#failures++;
    this.deps.log.error("listener thread died; restarting it from its checkpoint", {
      listener: this.name,
      err: message,
      inMs: delay,
      restarts: this.#restarts,
    });
    this.#restartTimer = setTimeout(() => void this.#restart(), delay);
  }

  async #restart() {
    this.#restartTimer = null;
    if (this.#stopped) return;
    const thread = this.#spawn();
    try {
      await thread.started;
    } catch {
      return; // died starting: `#died` has scheduled the next try
    }
    if (this.#stopped || this.#thread !== thread) return; // the stop takes care of it
    this.#restarts++;
    this.#isUp(thread);
    this.deps.log.warn("listener thread restarted", { listener: this.name, restarts: this.#restarts });
    this.#up?.post({ type: "nudge" }); // events written while it was down: read them now, not at the next poll
  }

  /** The running thread, or the next one to start. */
  #next(): Promise<Thread> {
    if (this.#up) return Promise.resolve(this.#up);
    if (this.#stopped) return Promise.reject(new Error(`listener thread ${this.name} stopped`));
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  async idle(): Promise<void> {
    for (;;) {
      const thread = await this.#next();
      try {
        await thread.request("idle");
        return;
      } catch (err) {
        if (this.#up === thread || this.#stopped) throw err;
        // It died meanwhile: wait for the next one, which resumes from the checkpoint.
      }
    }
  }

  async status(): Promise<ListenerStatus> {
    const thread = this.#up;
    const about = () => ({ running: this.#up !== null, restarts: this.#restarts, lastError: this.#lastError });
    if (thread) {
      try {
        return { ...(await thread.request("status")).status!, thread: about() };
      } catch (err) {
        if (this.#up === thread) throw err;
      }
    }
    // Down: where its checkpoint is, from the store; nothing in flight (its runner is gone).
    const [checkpoint, head] = await Promise.all([
      this.deps.store.events.checkpoint(this.name),
      this.deps.store.events.head(),
    ]);
    const position = checkpoint?.position ?? 0;
    return {
      name: this.name,
      checkpoint: position,
      head,
      lag: head - position,
      inFlight: 0,
      retrying: 0,
      thread: about(),
    };
  }

  /**
   * Tests only: makes the thread throw an uncaught error, as a bug in it would (the worker's `error` event);
   * it is then restarted like any thread that dies.
   */
  die(message = "died (test)"): void {
    this.#up?.post({ type: "die", message });
  }

  // Once: a second stop (tests stop listeners, then clean up) waits for the first.
  stop(): Promise<void> {
    return this.#stopped ??= (async () => {
      for (const u of this.#unsubscribe.splice(0)) u();
      if (this.#nudgeTimer !== null) clearTimeout(this.#nudgeTimer);
      if (this.#restartTimer !== null) clearTimeout(this.#restartTimer);
      const err = new Error(`listener thread ${this.name} stopped`);
      for (const w of this.#waiting.splice(0)) w.reject(err);
      const thread = this.#thread;
      if (!thread) return;
      // A thread still starting is let finish (it may be writing): then stopped like a running one.
      const up = await thread.started.then(() => true, () => false);
      try {
        if (up) await thread.request("stop");
      } finally {
        thread.terminate();
        this.#thread = this.#up = null;
      }
    })();
  }
}
