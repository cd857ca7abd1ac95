/**
 * MongoDB repository for experiments and conversations' variants. The partial unique index
 * `one_running` (agent, where running) keeps one running experiment per agent, as SQLite's does.
 *
 * @module
 */
import type { Document } from "mongodb";
import type { Experiment } from "../../models/experiments/experiment.ts";
import type { ExperimentRepo } from "../../models/ports/store.ts";
import { experimentRunning } from "../sqlite/experiments.ts";
import { toConversation } from "./chat.ts";
import { fromDoc, isDuplicateKey, type Mongo, toDoc, transaction, writeEvents } from "./db.ts";

/** Experiments on MongoDB. */
export function mongoExperiments(m: Mongo): ExperimentRepo {
  const col = m.db.collection("experiments");
  const convs = m.db.collection("conversations");
  const toExperiment = (d: Document) => fromDoc<Experiment>(d);
  const unique = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      throw isDuplicateKey(err) ? experimentRunning() : err;
    }
  };
  return {
    list: async (wid, agentId) =>
      (await col.find({ workspaceId: wid, agentId }).sort({ createdAt: -1, _id: -1 }).toArray()).map(toExperiment),
    get: async (wid, id) => {
      const d = await col.findOne({ workspaceId: wid, _id: id as never });
      return d ? toExperiment(d) : null;
    },
    running: async (wid, agentId) => {
      const d = await col.findOne({ workspaceId: wid, agentId, status: "running" });
      return d ? toExperiment(d) : null;
    },
    insert: (e, emit) =>
      unique(() =>
        transaction(m, async (tx) => {
          await col.insertOne(toDoc(e), { session: tx.session });
          await writeEvents(m, tx, emit, e);
        })
      ),
    update: (wid, id, p, emit) =>
      unique(() =>
        transaction(m, async (tx) => {
          const $set: Document = {};
          for (const [k, v] of Object.entries(p)) if (v !== undefined) $set[k] = v;
          const d = await col.findOneAndUpdate({ workspaceId: wid, _id: id as never }, { $set }, {
            returnDocument: "after",
            session: tx.session,
          });
          return d ? await writeEvents(m, tx, emit, toExperiment(d)) : null;
        })
      ),
    assign: async (wid, conversationId, experimentId, variant) => {
      await convs.updateOne(
        { workspaceId: wid, _id: conversationId as never, experimentId: { $exists: false } },
        { $set: { experimentId, variant } },
      );
      const d = await convs.findOne({ workspaceId: wid, _id: conversationId as never });
      return d ? toConversation(d) : null;
    },
    assignments: async (wid, experimentId) =>
      (await convs.find({ workspaceId: wid, experimentId }).sort({ createdAt: 1, _id: 1 }).toArray()).map((d) => ({
        conversationId: String(d._id),
        variant: String(d.variant),
      })),
    variantsOf: async (wid, ids) => {
      const docs = await convs.find(
        { workspaceId: wid, _id: { $in: ids as never[] }, variant: { $type: "string" } },
        { projection: { variant: 1 } },
      ).toArray();
      return new Map(docs.map((d) => [String(d._id), String(d.variant)]));
    },
  };
}
