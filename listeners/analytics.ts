/**
 * The analytics listener: keeps the rollups (facts per conversation, counters
 * per day) current from the event log. It starts at the log's beginning the
 * first time it runs, so a new install, or a renamed listener, counts the
 * whole history; each event's effect commits with its id, so redelivery
 * never counts twice.
 *
 * @module
 */
import type { DomainEvent } from "../models/events/event.ts";
import { applyBatchToRollups, applyToRollups } from "../models/analytics/rebuild.ts";
import { ROLLUP_TYPES } from "../models/analytics/rollup.ts";
import type { Listener } from "./runner.ts";

/** Rolls the log up into the analytics tables. */
export const analytics: Listener = {
  name: "analytics",
  types: ROLLUP_TYPES,
  from: "start",
  wants(event: DomainEvent) {
    if (event.type !== "message.created") return true;
    const m = (event as DomainEvent<"message.created">).payload.message;
    return !m.internal && m.sender !== "system";
  },
  handle: (event, { deps }) => applyToRollups(deps, event).then(() => {}),
  // Rollups are a projection: gathered for up to a second, a busy conversation's messages become one
  // write of its facts and each day's counters one write, instead of one each per message.
  batch: {
    maxEvents: 5000,
    waitMs: 1000,
    // The store writes them a few hundred per transaction, leaving the write lock to the chat's appends between.
    handle: (events, { deps }) => applyBatchToRollups(deps, events),
  },
};
