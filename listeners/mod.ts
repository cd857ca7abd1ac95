/**
 * Every side effect, started from one place (`main.ts` and the test
 * fixtures): the listeners on the event log, each with its checkpoint; the
 * ingestion worker, whose jobs table is its durable queue; and the escalation
 * scheduler. Adding a listener: write it beside these (a `Listener`), add it
 * to `LOG_LISTENERS`, test it with the runner.
 *
 * Alone (no `deps.cluster`) every part runs here. With several instances
 * (`REDIS_URL`) each part runs on whichever instance holds its lease
 * (`leased.ts`): one instance at a time per listener, so an AI answer is
 * produced once and an escalation fires once, and a part moves to another
 * instance when its holder stops or dies.
 *
 * @module
 */
import type { Deps } from "../models/ports/deps.ts";
import { aiReplies, recoverInterrupted } from "./ai_replies.ts";
import { analytics } from "./analytics.ts";
import { categories } from "./categories.ts";
import { emails } from "./emails.ts";
import { startEscalationScheduler } from "./escalation.ts";
import { IngestRunner } from "./ingestion.ts";
import { slack, slackReplies, zendesk } from "./integrations.ts";
import { lyzrKnowledge } from "./lyzr_knowledge.ts";
import { sentiment } from "./sentiment.ts";
import { LeaseHolder, type Part, type StopPart } from "./leased.ts";
import type { ListenerThreads, RunningListener } from "./listener.ts";
import { DEFAULT_RUNNER, type Listener, ListenerRunner, type ListenerStatus, type RunnerOptions } from "./runner.ts";
import { webhooks, WebhookWorker, type WorkerOptions } from "./webhooks.ts";

/** The listeners on the event log. */
export const LOG_LISTENERS: readonly Listener[] = [
  aiReplies,
  emails,
  analytics,
  webhooks,
  slack,
  slackReplies,
  zendesk,
  categories,
  lyzrKnowledge,
  sentiment,
];

/** What runs in the background. */
export interface Listeners {
  /** The ingestion worker (its `notify` wakes it when a job is queued); the latest one started here. */
  readonly ingestion: IngestRunner;
  /** Resolves once every event written so far is handled by every listener running here. */
  idle(): Promise<void>;
  /** Each log listener's progress (those running on this instance). */
  status(): Promise<ListenerStatus[]>;
  /**
   * Stops everything. AI answers still streaming when their listener stops are marked `interrupted` (by the
   * instance that was writing them, which alone knows they are cut), unless its lease was lost meanwhile.
   */
  stop(): Promise<void>;
}

/** Options: which parts to start (tests leave the scheduler and sometimes ingestion off). */
export interface StartOptions {
  runner?: Partial<RunnerOptions>;
  /** Escalation pass interval; 0 leaves the scheduler off. */
  escalationEveryMs?: number;
  /** Start the ingestion worker now (default) or on its first job (`"lazy"`). */
  ingestion?: "now" | "lazy";
  /** The webhook delivery worker's options. */
  webhooks?: Partial<WorkerOptions>;
  /** Where the listeners that can run on threads of their own do (SQLite: `workers/listener_threads.ts`). */
  threads?: ListenerThreads;
}

/** Recovers what a stop left behind, then starts every listener (here, or where its lease is held). */
export async function startListeners(deps: Deps, opts: StartOptions = {}): Promise<Listeners> {
  const runners = new Set<RunningListener>();
  const runnerOptions = { ...DEFAULT_RUNNER, ...opts.runner };
  let ingestion = new IngestRunner(deps);

  const onLoop = async (listener: Listener) => {
    const runner = new ListenerRunner(deps, listener, runnerOptions);
    await runner.start();
    return runner;
  };
  // A thread that cannot start leaves the listener on the loop, where it always ran.
  const onThread = (listener: Listener) =>
    opts.threads?.start(listener, runnerOptions)?.catch((err) => {
      deps.log.warn("listener thread did not start; the listener runs on the event loop", {
        listener: listener.name,
        err,
      });
      return null;
    }) ?? null;
  const listenerPart = (listener: Listener): Part => ({
    name: `listener:${listener.name}`,
    async start() {
      // Whoever starts the AI responder is the only one writing answers: any left `streaming` were cut.
      if (listener === aiReplies) {
        const interrupted = await recoverInterrupted(deps);
        if (interrupted) deps.log.info("marked AI answers cut by the last stop as interrupted", { count: interrupted });
      }
      const runner = await onThread(listener) ?? await onLoop(listener);
      runners.add(runner);
      return async ({ held }) => {
        await runner.stop();
        runners.delete(runner);
        // Still ours: mark what the stop cut now rather than leave it to the next start (which marks it anyway,
        // should this fail: the store may be gone already).
        if (listener === aiReplies && held) {
          await recoverInterrupted(deps).catch((err) => deps.log.warn("could not mark cut AI answers", { err }));
        }
      };
    },
  });
  const ingestionPart = (lazy: boolean): Part => ({
    name: "ingestion",
    async start() {
      const worker = deps.cluster ? (ingestion = new IngestRunner(deps)) : ingestion;
      let started: Promise<void> | null = null;
      const startWorker = () => (started ??= worker.start());
      if (!lazy) await startWorker();
      deps.jobs = { notify: () => void startWorker().then(() => worker.notify()) };
      return async () => {
        deps.jobs = { notify() {} };
        if (started) {
          await started;
          await worker.stop();
        }
      };
    },
  });
  // The webhook sender runs on one instance at a time too: at its start it releases the claims a stop left.
  let deliveries: WebhookWorker | null = null;
  const webhookPart: Part = {
    name: "webhook-deliveries",
    async start() {
      const worker = new WebhookWorker(deps, opts.webhooks);
      deps.webhookDeliveries = worker;
      await worker.start();
      deliveries = worker;
      return async () => {
        if (deliveries === worker) deliveries = null;
        await worker.stop();
      };
    },
  };
  const escalationPart: Part = {
    name: "escalation",
    start() {
      const stop = startEscalationScheduler(deps, opts.escalationEveryMs);
      return Promise.resolve(() => stop());
    },
  };

  const parts = [
    ...LOG_LISTENERS.map(listenerPart),
    ingestionPart(opts.ingestion === "lazy"),
    webhookPart,
    ...(opts.escalationEveryMs === 0 ? [] : [escalationPart]),
  ];
  let stopAll: () => Promise<void>;
  const cluster = deps.cluster;
  if (cluster) {
    const holders = parts.map((p) => new LeaseHolder(deps, cluster, p, deps.config.leaseTtlMs));
    await Promise.all(holders.map((h) => h.start()));
    stopAll = async () => void await Promise.all(holders.map((h) => h.stop()));
  } else {
    // Alone: the AI responder's recovery runs before any other listener starts, as it always did.
    const [first, ...rest] = parts;
    const stops: StopPart[] = [await first.start()];
    stops.push(...await Promise.all(rest.map((p) => p.start())));
    stopAll = async () => void await Promise.all(stops.map((s) => s({ held: true })));
  }

  return {
    get ingestion() {
      return ingestion;
    },
    async idle() {
      for (let settled = false; !settled;) {
        const now = [...runners];
        await Promise.all(now.map((r) => r.idle()));
        await deliveries?.idle();
        const lags = await Promise.all(now.map((r) => r.status()));
        settled = lags.every((s) => s.lag === 0 && s.inFlight === 0);
      }
    },
    status: () => Promise.all([...runners].map((r) => r.status())),
    stop: () => stopAll(),
  };
}
