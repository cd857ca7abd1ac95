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

/** Events per rollup transaction (see `batch`). */
const CHUNK = 250;

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
    // Written a few hundred events per transaction: the batch's writes hold the process's write lock, and
    // a whole second's events in one transaction held it for tens of milliseconds (up to 200 ms measured
    // with 3,000 visitors) while the chat's appends waited. Each event's effect commits with its id, so a
    // batch cut short part-way is taken up again without counting twice.
    handle: async (events, { deps }) => {
      for (let i = 0; i < events.length; i += CHUNK) await applyBatchToRollups(deps, events.slice(i, i + CHUNK));
    },
  },
};
