/**
 * The built-in responder's answers off the event loop: a few worker threads
 * (`workers/answer_worker.ts`), each with its own read-only connection to the SQLite
 * file, run the whole pipeline (retrieval ~2 ms and composition ~4 ms of CPU
 * a question). On the event loop that work delayed every socket's acks and
 * pings under load (issue 14: at 4,000 visitors the loop saturated and idle
 * timeouts closed sockets).
 *
 * Back-pressure: answers wait in a bounded queue, a few handed to each thread at a
 * time (the visitor sees the answer "typing" meanwhile). An answer that
 * finds the queue full, or that would wait longer than the bound for a
 * thread at the pace the threads are answering, is given up at once and
 * visibly: the visitor is told a person will follow up, and the conversation
 * goes to the team. The loop itself never does the work, so it keeps
 * answering pings and sending acks whatever the load.
 *
 * Other providers' answers stay on the loop: they wait on the network, not on
 * the CPU. Where the threads cannot start (no file: an in-memory database), answers run on the loop.
 *
 * @module
 */
import type { LogLevel } from "../lib/log.ts";
import type { Logger } from "../lib/log.ts";
import { answer, type AnswerEvent, type AnswerInput, busyAnswer } from "../models/answers/answer.ts";
import type { Deps } from "../models/ports/deps.ts";
import type { AnswerRunner, AnswerRunnerStats } from "../models/ports/answer_runner.ts";
import type { FromWorker, ToWorker } from "./answer_protocol.ts";

/** How the pool is sized and bounded. */
export interface AnswerPoolOptions {
  /** The SQLite database file the workers read. */
  path: string;
  /** Threads (at least 1). */
  workers: number;
  /** Answers waiting at most; one more is given up at once. */
  queueMax: number;
  /** The longest an answer waits for a thread before it is given up. */
  queueWaitMs: number;
  /** Answers a thread holds at once ({@link PER_THREAD} by default). */
  perThread?: number;
  log: Logger;
  logLevel: LogLevel;
  /** Answers on the event loop: when the threads cannot start, or one failed on this answer. */
  fallback(input: AnswerInput): AsyncGenerator<AnswerEvent>;
}

/** The default number of threads: the cores but one (the event loop's), at least 1, at most 4. */
export function defaultAnswerWorkers(): number {
  return Math.max(1, Math.min(4, (navigator.hardwareConcurrency ?? 2) - 1));
}

/**
 * The pool for `deps` reading the database file at `path`, sized by the config (`AI_WORKERS`, `AI_QUEUE_MAX`,
 * `AI_QUEUE_WAIT_MS`); none when `AI_WORKERS=0` (answers on the event loop, as before).
 */
export function answerPoolFor(deps: Deps, path: string): AnswerPool | undefined {
  const workers = deps.config.aiWorkers ?? defaultAnswerWorkers();
  if (workers === 0) return undefined;
  return new AnswerPool({
    path,
    workers,
    queueMax: deps.config.aiQueueMax,
    queueWaitMs: deps.config.aiQueueWaitMs,
    log: deps.log,
    logLevel: deps.config.logLevel,
    fallback: (input) => answer(deps, input),
  });
}

/**
 * How quickly a measured pace follows the threads' speed: each new interval between answers counts for this
 * share of the mean (about the last ten answers' worth, a few tens of ms under load).
 */
const PACE_WEIGHT = 0.1;
/** An interval counts for at most this many times the pace measured so far (see `#measurePace`). */
const PACE_SPIKE = 4;

type Outcome = { events: AnswerEvent[] } | { busy: true } | { aborted: true } | { failed: string };

interface Job {
  id: number;
  input: AnswerInput;
  enqueued: number;
  settle(outcome: Outcome): void;
}

interface Thread {
  worker: Worker;
  /** Answers handed to this thread and not yet back, in the order given. */
  jobs: Job[];
}

/**
 * Answers a thread holds at once. More than one: the thread starts the next as soon as one is done instead of
 * waiting for the event loop to hand it over (under load the loop answers late, and the thread sat idle for
 * it: ~30-50% busy while thousands waited), and its own event loop composes one answer while another waits
 * for the sentence model's thread. Few: an answer handed over early is no longer given up as busy in turn.
 */
export const PER_THREAD = 3;

/** Starts nothing until the first answer: most tests and many installs never ask the built-in responder. */
export class AnswerPool implements AnswerRunner {
  #o: AnswerPoolOptions;
  #threads: Thread[] = [];
  #queue: Job[] = [];
  #starting: Promise<boolean> | null = null;
  #closed = false;
  #nextId = 1;
  #shed = 0;
  #done = 0;
  /**
   * The mean ms between two answers while questions were waiting for a thread (every thread busy: the pool's
   * pace at capacity), null until measured (again: after an answer with none waiting); and when the last such
   * answer came (0: the queue was empty then).
   */
  #paceMs: number | null = null;
  #lastBusyReply = 0;

  constructor(o: AnswerPoolOptions) {
    this.#o = { ...o, workers: Math.max(1, o.workers), perThread: Math.max(1, o.perThread ?? PER_THREAD) };
  }

  run(input: AnswerInput): AsyncGenerator<AnswerEvent> | null {
    if (input.agent.provider !== "local" || this.#closed) return null;
    return this.#answer(input);
  }

  stats(): AnswerRunnerStats {
    return {
      workers: this.#threads.length,
      queued: this.#queue.length,
      running: this.#threads.reduce((n, t) => n + t.jobs.length, 0),
      shed: this.#shed,
      done: this.#done,
      paceMs: this.#paceMs,
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.settle({ aborted: true });
    await this.#starting?.catch(() => {});
    for (const t of this.#threads) {
      for (const job of t.jobs.splice(0)) job.settle({ aborted: true });
      t.worker.terminate();
    }
    this.#threads = [];
  }

  async *#answer(input: AnswerInput): AsyncGenerator<AnswerEvent> {
    if (!(await this.#start())) {
      yield* this.#o.fallback(input);
      return;
    }
    if (input.signal?.aborted) return;
    if (!this.#threads.length) {
      yield* this.#o.fallback(input);
      return;
    }
    // The wait counts from the question (it may have waited in the event log behind a backlog already).
    const waited = input.askedAt ? Math.max(0, Date.now() - input.askedAt) : 0;
    if (this.#queue.length >= this.#o.queueMax) {
      this.#shed++;
      this.#o.log.warn("answer queue full: handing the question to the team", { queued: this.#queue.length });
      yield* busyAnswer(input.agent, input.language);
      return;
    }
    if (this.#wouldWait(waited) > this.#o.queueWaitMs) {
      // Given up now rather than after the bound: the visitor is told at once instead of watching "typing" for
      // it, and under overload the hand-offs come at the pace questions do. (Given up only once it had waited
      // out the bound, a backlog went at once when it had: at 5,000 visitors, thousands of hand-offs in a
      // few seconds, and the acks of every visitor's message with them.)
      this.#shed++;
      yield* busyAnswer(input.agent, input.language);
      return;
    }
    const outcome = await new Promise<Outcome>((resolve) => {
      const job: Job = { id: this.#nextId++, input, enqueued: performance.now() - waited, settle: resolve };
      const onAbort = () => {
        const i = this.#queue.indexOf(job);
        if (i >= 0) this.#queue.splice(i, 1);
        // A running answer finishes on its thread; its result is dropped.
        resolve({ aborted: true });
      };
      input.signal?.addEventListener("abort", onAbort, { once: true });
      job.settle = (o) => {
        input.signal?.removeEventListener("abort", onAbort);
        resolve(o);
      };
      this.#queue.push(job);
      this.#dispatch();
    });
    if ("events" in outcome) {
      this.#done++;
      yield* outcome.events;
    } else if ("busy" in outcome) {
      yield* busyAnswer(input.agent, input.language);
    } else if ("failed" in outcome) {
      // A bug or a crashed thread: this answer is still owed, so it is composed here, on the loop.
      this.#o.log.error("answer worker failed; answering on the event loop", { err: outcome.failed });
      yield* this.#o.fallback(input);
    }
  }

  /** Hands queued answers to free threads; gives up those that waited too long. */
  #dispatch() {
    // The least busy thread first, one answer at a time, so that answers spread over the threads.
    for (
      let thread = this.#leastBusy();
      thread && thread.jobs.length < this.#o.perThread!;
      thread = this.#leastBusy()
    ) {
      let job: Job | undefined;
      while ((job = this.#queue.shift())) {
        if (performance.now() - job.enqueued <= this.#o.queueWaitMs) break;
        this.#shed++;
        job.settle({ busy: true });
      }
      if (!job) return;
      thread.jobs.push(job);
      const { signal: _signal, ...input } = job.input;
      thread.worker.postMessage({ type: "answer", id: job.id, input } satisfies ToWorker);
    }
  }

  /**
   * How long an answer that waited `waited` ms so far would have waited once a thread takes it: that, plus the
   * answers queued ahead of it at the measured pace (nothing more until a pace is measured, or while a thread has
   * room and none wait).
   */
  #wouldWait(waited: number): number {
    const room = this.#threads.some((t) => t.jobs.length < this.#o.perThread!);
    if (this.#paceMs === null || (room && !this.#queue.length)) return waited;
    return waited + (this.#queue.length + 1) * this.#paceMs;
  }

  /** Measures the pace at capacity: the time between two answers, both while others waited for a thread. */
  #measurePace() {
    const now = performance.now();
    if (!this.#queue.length) {
      // The threads caught up: the next backlog is measured afresh. Kept, a pace slower than the bound (one
      // measured through a stall of the loop) turned away every question that found the threads busy, for
      // good: none joined the queue, so no answer came while others waited to measure it again.
      this.#paceMs = null;
      this.#lastBusyReply = 0;
      return;
    }
    if (this.#lastBusyReply) {
      // One interval counts for at most four times the pace so far: a pause of the event loop (a collection, a
      // long write) is not the threads slowing down, and would turn questions away for the next few dozen answers.
      const interval = Math.min(now - this.#lastBusyReply, (this.#paceMs ?? Infinity) * PACE_SPIKE);
      this.#paceMs = this.#paceMs === null ? interval : this.#paceMs + PACE_WEIGHT * (interval - this.#paceMs);
    }
    this.#lastBusyReply = now;
  }

  #leastBusy(): Thread | undefined {
    let best: Thread | undefined;
    for (const t of this.#threads) if (!best || t.jobs.length < best.jobs.length) best = t;
    return best;
  }

  #start(): Promise<boolean> {
    this.#starting ??= (async () => {
      try {
        for (let i = 0; i < this.#o.workers; i++) this.#threads.push(await this.#spawn());
        return true;
      } catch (err) {
        this.#o.log.error("answer workers did not start; answering on the event loop", { err: String(err) });
        for (const t of this.#threads) t.worker.terminate();
        this.#threads = [];
        return false;
      }
    })();
    return this.#starting;
  }

  #spawn(): Promise<Thread> {
    const worker = new Worker(new URL("../workers/answer_worker.ts", import.meta.url).href, { type: "module" });
    const thread: Thread = { worker, jobs: [] };
    return new Promise<Thread>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        const m = e.data;
        if (m.type === "started") {
          worker.onmessage = (e: MessageEvent<FromWorker>) => this.#onReply(thread, e.data);
          worker.onerror = (e) => {
            e.preventDefault();
            this.#onCrash(thread, e.message);
          };
          resolve(thread);
        } else reject(new Error(m.type === "failed" ? m.message : `unexpected ${m.type}`));
      };
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
      worker.postMessage({ type: "start", path: this.#o.path, logLevel: this.#o.logLevel } satisfies ToWorker);
    }).catch((err) => {
      worker.terminate();
      throw err;
    });
  }

  #onReply(thread: Thread, m: FromWorker) {
    if (m.type === "answered" || m.type === "error") {
      const i = thread.jobs.findIndex((j) => j.id === m.id);
      const [job] = i >= 0 ? thread.jobs.splice(i, 1) : [];
      job?.settle(m.type === "answered" ? { events: m.events } : { failed: m.message });
      this.#measurePace();
    }
    this.#dispatch();
  }

  /** A thread died: its answer is composed on the loop, and a new thread takes its place. */
  #onCrash(thread: Thread, message: string) {
    thread.worker.terminate();
    for (const job of thread.jobs.splice(0)) job.settle({ failed: message });
    // The next interval would span the restart, not an answer: the pace is measured from the next answer on.
    this.#lastBusyReply = 0;
    const i = this.#threads.indexOf(thread);
    if (i >= 0) this.#threads.splice(i, 1);
    if (this.#closed) return;
    this.#spawn().then((t) => {
      if (this.#closed) t.worker.terminate();
      else {
        this.#threads.push(t);
        this.#dispatch();
      }
    }, (err) => {
      this.#o.log.error("answer worker did not restart", { err: String(err) });
      // No thread left: what waits is answered on the loop rather than never.
      if (!this.#threads.length) { for (const job of this.#queue.splice(0)) job.settle({ failed: String(err) }); }
    });
  }
}
