/**
 * Applying events to the rollups (what the listener does for each one) and
 * rebuilding them: drop every rollup, replay the log from its first event.
 *
 * @module
 */
import type { DomainEvent } from "../events/event.ts";
import type { Deps } from "../ports/deps.ts";
import { applyEvent, ROLLUP_TYPES } from "./rollup.ts";
import { analyticsSettings, cachedAnalyticsSettings } from "./settings.ts";

/** Applies one event once (a redelivery is a no-op); false when it was applied already. */
export function applyToRollups(deps: Pick<Deps, "store">, event: DomainEvent): Promise<boolean> {
  const settings = cachedAnalyticsSettings(deps, event.workspaceId);
  // Applied in the same turn when the settings are at hand, so events handled together share a commit.
  if (!(settings instanceof Promise)) {
    return deps.store.analytics.apply(event.id, (tx) => applyEvent(tx, event, settings.timeZone));
  }
  return settings.then(({ timeZone }) => deps.store.analytics.apply(event.id, (tx) => applyEvent(tx, event, timeZone)));
}

/**
 * Applies a batch of events, in order, in one transaction of the store (each once): the workspaces' settings are
 * fetched first, then every effect is queued in the same turn, which the store commits together.
 */
export async function applyBatchToRollups(deps: Pick<Deps, "store">, events: DomainEvent[]): Promise<void> {
  const zones = new Map<string, string>();
  for (const e of events) {
    if (zones.has(e.workspaceId)) continue;
    const s = cachedAnalyticsSettings(deps, e.workspaceId);
    zones.set(e.workspaceId, (s instanceof Promise ? await s : s).timeZone);
  }
  await Promise.all(
    events.map((e) => deps.store.analytics.apply(e.id, (tx) => applyEvent(tx, e, zones.get(e.workspaceId)!))),
  );
}

/**
 * Drops the rollups and replays the whole log into them, in log order, a page at a time (the writes of a page
 * share commits). Safe beside the running listener: both key each effect on the event id. Returns the number
 * of events replayed.
 */
export async function rebuildAnalytics(deps: Pick<Deps, "store">, pageSize = 2000): Promise<number> {
  await deps.store.analytics.reset();
  const zones = new Map<string, string>();
  let position = 0;
  let count = 0;
  for (;;) {
    const page = await deps.store.events.after(position, { limit: pageSize, types: ROLLUP_TYPES });
    if (!page.length) return count;
    for (const e of page) {
      if (!zones.has(e.workspaceId)) zones.set(e.workspaceId, (await analyticsSettings(deps, e.workspaceId)).timeZone);
    }
    await Promise.all(
      page.map((e) => deps.store.analytics.apply(e.id, (tx) => applyEvent(tx, e, zones.get(e.workspaceId)!))),
    );
    count += page.length;
    position = page[page.length - 1].position;
  }
}
