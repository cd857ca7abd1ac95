/**
 * Webhooks from the event log, in two durable steps. The `webhooks` listener
 * fans each event out to the workspace's endpoints that want it by writing
 * one delivery row per endpoint (keyed by event id and endpoint, so a
 * redelivered event adds nothing). The {@linkcode WebhookWorker} sends the
 * due rows: claimed with a lease, attempted, rescheduled on failure (the
 * schedule is in the rows, so it survives restarts); claims a stop left
 * behind are released when it starts again.
 *
 * @module
 */
import { newId } from "../lib/ids.ts";
import { EVENT_TYPES } from "../models/events/catalog.ts";
import type { Deps } from "../models/ports/deps.ts";
import { attemptDelivery } from "../models/webhooks/delivery.ts";
import { eventBody } from "../models/webhooks/message.ts";
import { newDelivery, type WebhookDelivery, type WebhookEndpoint } from "../models/webhooks/webhook.ts";
import type { DomainEvent } from "../models/events/event.ts";
import { CLAIM_LEASE_MS } from "../models/webhooks/webhooks.ts";
import type { Listener } from "./runner.ts";

/** The delivery rows of `events` (in log order) for the endpoints subscribed to each. */
async function deliveriesOf(deps: Deps, events: DomainEvent[]): Promise<WebhookDelivery[]> {
  // One look-up per workspace and event type in the batch, not one per event.
  const subscribed = new Map<string, Promise<WebhookEndpoint[]>>();
  const now = deps.clock.now();
  const rows: WebhookDelivery[] = [];
  for (const event of events) {
    const key = `${event.workspaceId} ${event.type}`;
    if (!subscribed.has(key)) subscribed.set(key, deps.store.webhooks.subscribers(event.workspaceId, event.type));
    const endpoints = await subscribed.get(key)!;
    if (!endpoints.length) continue;
    const body = eventBody(event);
    for (const e of endpoints) {
      rows.push(newDelivery({
        id: newId(now),
        workspaceId: event.workspaceId,
        endpointId: e.id,
        eventId: event.id,
        eventType: event.type,
        body,
        retries: true,
      }, now));
    }
  }
  return rows;
}

async function fanOut(deps: Deps, events: DomainEvent[]): Promise<void> {
  const rows = await deliveriesOf(deps, events);
  if (rows.length && await deps.store.webhooks.enqueue(rows)) deps.webhookDeliveries?.wake();
}

/**
 * The fan-out listener: every event type of the catalog. It sees every chat message, so it takes them in
 * batches (gathered up to 50 ms): one look-up of the subscribed endpoints per workspace and type and one write
 * of the delivery rows per batch, instead of a query per message on the relay's hot path.
 */
export const webhooks: Listener = {
  name: "webhooks",
  types: EVENT_TYPES,
  handle: (event, { deps }) => fanOut(deps, [event]),
  batch: { maxEvents: 1000, waitMs: 50, handle: (events, { deps }) => fanOut(deps, events) },
};

/** How the worker runs. */
export interface WorkerOptions {
  /** Attempts in flight at most. */
  concurrency: number;
  /** Looks for due deliveries at least this often (deliveries of other processes, clocks moved in tests). */
  pollMs: number;
}

/** Sends due deliveries. */
export class WebhookWorker {
  #deps: Deps;
  #opts: WorkerOptions;
  #inFlight = new Set<Promise<void>>();
  #abort = new AbortController();
  #wake: (() => void) | null = null;
  #woken = false;
  #loop: Promise<void> | null = null;

  constructor(deps: Deps, opts: Partial<WorkerOptions> = {}) {
    this.#deps = deps;
    this.#opts = { concurrency: 32, pollMs: 1000, ...opts };
  }

  /** Releases claims left by a stop, then starts sending. */
  async start(): Promise<void> {
    const released = await this.#deps.store.webhooks.releaseClaims();
    if (released) this.#deps.log.info("webhook deliveries in flight at the last stop are due again", { released });
    this.#loop = this.#run();
  }

  /** Looks for due deliveries now. */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** Stops claiming; attempts in flight are aborted (their claims are released at the next start). */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#wake?.();
    await this.#loop;
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Resolves once nothing is due (by the deps' clock) and nothing is in flight. */
  async idle(): Promise<void> {
    while (!this.#abort.signal.aborted) {
      await Promise.allSettled([...this.#inFlight]);
      const next = await this.#deps.store.webhooks.nextDue(this.#deps.clock.now());
      if (!this.#inFlight.size && (!next || next > this.#deps.clock.now())) return;
      this.wake();
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Attempts in flight now. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  async #run(): Promise<void> {
    const { store, clock, log } = this.#deps;
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      this.#woken = false;
      const room = this.#opts.concurrency - this.#inFlight.size;
      let claimed: WebhookDelivery[] = [];
      if (room > 0) {
        try {
          const now = clock.now();
          claimed = await store.webhooks.claimDue(now, room, new Date(now.getTime() + CLAIM_LEASE_MS));
        } catch (err) {
          log.error("claiming webhook deliveries failed", { err });
        }
      }
      for (const d of claimed) {
        const p = attemptDelivery(this.#deps, d, { signal })
          .then(() => {}, (err) => log.error("webhook attempt failed to record", { err, deliveryId: d.id }))
          .finally(() => {
            this.#inFlight.delete(p);
            this.wake();
          });
        this.#inFlight.add(p);
      }
      // A full batch may have more behind it; otherwise sleep until woken, the next due time or the poll.
      if (claimed.length === room && room > 0) continue;
      if (this.#woken) continue;
      let wait = this.#opts.pollMs;
      if (this.#inFlight.size < this.#opts.concurrency) {
        const next = await store.webhooks.nextDue(clock.now()).catch(() => null);
        if (next) wait = Math.max(0, Math.min(wait, next.getTime() - clock.now().getTime()));
      }
      if (this.#woken || signal.aborted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
  }
}
