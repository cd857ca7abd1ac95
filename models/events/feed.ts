/**
 * A workspace's events for outside readers: the feed pages through the log (`GET /api/events`) and the
 * stream follows it (`/api/events/ws`). Both read the durable log, never the live bus, so a client that
 * resumes from its cursor misses nothing and gets nothing twice.
 *
 * Staff-only data: internal notes (`message.created` with `message.internal`) go to signed-in staff and to
 * API keys created with the `internal` permission; any other key never sees those events at all (the
 * rest of the log is what the customer-facing side could know anyway).
 *
 * @module
 */
import type { EventType } from "./catalog.ts";
import type { DomainEvent } from "./event.ts";
import type { Deps } from "../ports/deps.ts";

/** Largest page. */
export const MAX_PAGE = 500;

/** What a reader may see of the log. */
export interface FeedReader {
  workspaceId: string;
  /** Whether internal notes are included. */
  internal: boolean;
}

/** True when `reader` may see `event`. */
export function visibleTo(event: DomainEvent, reader: FeedReader): boolean {
  if (event.workspaceId !== reader.workspaceId) return false;
  if (reader.internal || event.type !== "message.created") return true;
  return !(event as DomainEvent<"message.created">).payload.message.internal;
}

/**
 * The reader's events after `position`: at most `limit` scanned, those it may see returned, and the
 * position to go on from (`next`: the last scanned, so hidden events are not scanned again). `more` says the
 * page was full (more may follow at once).
 */
export async function readFeed(
  deps: Deps,
  reader: FeedReader,
  opts: { after: number; limit: number; types?: readonly EventType[] },
): Promise<{ events: DomainEvent[]; next: number; more: boolean }> {
  const limit = Math.min(Math.max(1, opts.limit), MAX_PAGE);
  const scanned = await deps.store.events.after(opts.after, {
    limit,
    types: opts.types,
    workspaceId: reader.workspaceId,
  });
  return {
    events: scanned.filter((e) => visibleTo(e, reader)),
    next: scanned.at(-1)?.position ?? opts.after,
    more: scanned.length === limit,
  };
}

/**
 * Calls `fn` soon after this process commits events of `workspaceId` (the log's live hand-off; events
 * written by other processes are only found by reading the log). Returns the unsubscribe.
 */
export function onWorkspaceEvents(deps: Deps, workspaceId: string, fn: () => void): () => void {
  return deps.store.events.onAppend((events) => {
    if (events.some((e) => e.workspaceId === workspaceId)) fn();
  });
}
