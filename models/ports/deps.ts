/**
 * The dependencies every use case receives: built once in `main.ts` (or by
 * a test), passed to `createApp(deps)` and reachable in handlers as `c.var.deps`.
 *
 * @module
 */
import type { Clock } from "../../lib/clock.ts";
import type { Config } from "../../lib/config.ts";
import type { Logger } from "../../lib/log.ts";
import type { Limits, RateLimiter } from "../../lib/rate_limit.ts";
import type { SecretBox } from "../../lib/secret_box.ts";
import type { ProviderRegistry } from "./ai_provider.ts";
import type { EventBus } from "./live_bus.ts";
import type { FileStore } from "./file_store.ts";
import type { Ingestor } from "./ingestor.ts";
import type { Mailer } from "./mailer.ts";
import type { AnswerRunner } from "./answer_runner.ts";
import type { Cluster } from "./cluster.ts";
import type { Presence } from "./presence.ts";
import type { Store } from "./store.ts";

/** Everything a use case may touch. */
export interface Deps {
  config: Config;
  store: Store;
  mailer: Mailer;
  clock: Clock;
  log: Logger;
  /** This process's own limits (per socket, per widget session address): a socket lives on one instance. */
  limiter: RateLimiter;
  /** Limits counted across instances (failed logins, sign-ups, resets, invitations): Redis when set. */
  limits: Limits;
  /** Builds AI providers for agents. */
  ai: ProviderRegistry;
  /** Composes the built-in responder's answers off the event loop (absent: on it). */
  answers?: AnswerRunner;
  /** Seals provider keys at rest. */
  secrets: SecretBox;
  /** Parses documents and crawls websites. */
  ingestor: Ingestor;
  /** Uploaded files. */
  files: FileStore;
  /** Wakes the background ingestion worker after a job is queued. */
  jobs: { notify(): void };
  /** Wakes the webhook delivery worker after deliveries are queued (set when the listeners start). */
  webhookDeliveries?: { wake(): void };
  /** Fan-out of chat events (in-process by default). */
  bus: EventBus;
  /** Which visitors are connected right now. */
  presence: Presence;
  /** What instances share when several run (`REDIS_URL`): listener leases, log wake-ups. Absent alone. */
  cluster?: Cluster;
  /** The running listeners' progress (set by `main.ts` once they start; absent in some tests). */
  listeners?: { status(): Promise<ListenerProgress[]> };
}

/** Where one listener of the event log is: `lag` events of the log are not yet behind its checkpoint. */
export interface ListenerProgress {
  name: string;
  checkpoint: number;
  head: number;
  lag: number;
  inFlight: number;
  retrying: number;
  /**
   * A listener on a thread of its own: whether the thread runs now (false while it is restarted after dying),
   * how often it was restarted since this process started, and why it last died.
   */
  thread?: { running: boolean; restarts: number; lastError: string | null };
}
