/**
 * Every side effect, started from one place (`main.ts` and the test
 * fixtures): the listeners on the event log, each with its checkpoint; the
 * ingestion worker, whose jobs table is its durable queue; and the escalation
 * scheduler. Adding a listener: write it beside these (a `Listener`), add it
 * to `LOG_LISTENERS`, test it with the runner.
 *
 * @module
 */
import type { Deps } from "../models/ports/deps.ts";
import { aiReplies, recoverInterrupted } from "./ai_replies.ts";
import { analytics } from "./analytics.ts";
import { emails } from "./emails.ts";
import { startEscalationScheduler } from "./escalation.ts";
import { IngestRunner } from "./ingestion.ts";
import { slack, slackReplies, zendesk } from "./integrations.ts";
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
];

/** What runs in the background. */
export interface Listeners {
  /** The ingestion worker (its `notify` wakes it when a job is queued). */
  ingestion: IngestRunner;
  /** The webhook delivery worker. */
  webhooks: WebhookWorker;
  /** Resolves once every event written so far is handled by every listener. */
  idle(): Promise<void>;
  /** Each log listener's progress. */
  status(): Promise<ListenerStatus[]>;
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
}

/** Recovers what a stop left behind, then starts every listener. */
export async function startListeners(deps: Deps, opts: StartOptions = {}): Promise<Listeners> {
  const interrupted = await recoverInterrupted(deps);
  if (interrupted) deps.log.info("marked AI answers cut by the last stop as interrupted", { count: interrupted });
  const runners = LOG_LISTENERS.map((l) => new ListenerRunner(deps, l, { ...DEFAULT_RUNNER, ...opts.runner }));
  const webhookWorker = new WebhookWorker(deps, opts.webhooks);
  deps.webhookDeliveries = webhookWorker;
  await webhookWorker.start();
  await Promise.all(runners.map((r) => r.start()));
  const ingestion = new IngestRunner(deps);
  let ingestionStarted: Promise<void> | null = null;
  const startIngestion = () => (ingestionStarted ??= ingestion.start());
  if (opts.ingestion !== "lazy") await startIngestion();
  deps.jobs = {
    notify() {
      startIngestion().then(() => ingestion.notify());
    },
  };
  const stopEscalations = opts.escalationEveryMs === 0
    ? async () => {}
    : startEscalationScheduler(deps, opts.escalationEveryMs);
  return {
    ingestion,
    webhooks: webhookWorker,
    async idle() {
      for (let settled = false; !settled;) {
        await Promise.all(runners.map((r) => r.idle()));
        await webhookWorker.idle();
        const lags = await Promise.all(runners.map((r) => r.status()));
        settled = lags.every((s) => s.lag === 0 && s.inFlight === 0);
      }
    },
    status: () => Promise.all(runners.map((r) => r.status())),
    async stop() {
      await Promise.all(runners.map((r) => r.stop()));
      await webhookWorker.stop();
      await stopEscalations();
      if (ingestionStarted) {
        await ingestionStarted;
        await ingestion.stop();
      }
    },
  };
}
