/**
 * The event log on MongoDB: events are inserted by the other repositories inside their transactions
 * (`writeEvents` in `db.ts`, positions from the `events` counter) and read back here in position order, with
 * listeners' checkpoints, effects and dead letters.
 *
 * @module
 */
import type { Document } from "mongodb";
import type { DomainEvent } from "../../models/events/event.ts";
import type { DeadLetter, EventLogRepo } from "../../models/ports/event_log.ts";
import { fromDoc, isDuplicateKey, type Mongo, withoutId } from "./db.ts";

/** The event log's read side and listener bookkeeping. */
export function mongoEvents(m: Mongo): EventLogRepo {
  const events = m.db.collection("events");
  const checkpoints = m.db.collection<{ _id: string; position: number; updatedAt: Date }>("listener_checkpoints");
  const effects = m.db.collection("listener_effects");
  const letters = m.db.collection("listener_dead_letters");
  return {
    after: async (position, opts) => {
      const filter: Document = { position: { $gt: position } };
      if (opts.workspaceId) filter.workspaceId = opts.workspaceId;
      if (opts.types?.length) filter.type = { $in: [...opts.types] };
      return (await events.find(filter).sort({ position: 1 }).limit(opts.limit).toArray())
        .map((d) => fromDoc<DomainEvent>(d));
    },
    head: async () => {
      const [last] = await events.find({}, { projection: { position: 1 } }).sort({ position: -1 }).limit(1).toArray();
      return last ? Number(last.position) : 0;
    },
    onAppend: (fn) => m.signal.subscribe(fn),
    checkpoint: async (listener) => {
      const d = await checkpoints.findOne({ _id: listener });
      return d ? { listener, position: d.position, updatedAt: d.updatedAt } : null;
    },
    saveCheckpoint: async (listener, position, at) => {
      // $max: a checkpoint never moves back, even when two savers race.
      await checkpoints.updateOne({ _id: listener }, { $max: { position }, $set: { updatedAt: at } }, { upsert: true });
    },
    markDone: async (listener, key, at) => {
      try {
        await effects.insertOne({ listener, key, at });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },
    isDone: async (listener, key) => (await effects.countDocuments({ listener, key }, { limit: 1 })) > 0,
    deadLetter: async (l) => {
      await letters.replaceOne(
        { listener: l.listener, eventId: l.eventId },
        { ...l, error: l.error.slice(0, 2000) },
        { upsert: true },
      );
    },
    deadLetters: async (listener) =>
      (await letters.find(listener ? { listener } : {}).sort({ at: -1 }).limit(500).toArray())
        .map((d) => withoutId<DeadLetter>(d)),
  };
}
