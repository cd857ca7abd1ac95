/**
 * MongoDB repository for agents. Removing one removes its knowledge in the same transaction.
 *
 * @module
 */
import type { Document } from "mongodb";
import type { Agent } from "../../models/agents/agent.ts";
import type { AgentRepo } from "../../models/ports/store.ts";
import { fromDoc, type Mongo, toDoc, transaction, writeEvents } from "./db.ts";
import { knowledgeIndex } from "./knowledge_index.ts";

/** Agents on MongoDB. Removing one removes its knowledge in the same transaction. */
export function mongoAgents(m: Mongo): AgentRepo {
  const col = m.db.collection("agents");
  const index = knowledgeIndex(m);
  const toAgent = (d: Document) => fromDoc<Agent>(d);
  return {
    list: async (wid) => (await col.find({ workspaceId: wid }).sort({ createdAt: 1, _id: 1 }).toArray()).map(toAgent),
    get: async (wid, id) => {
      const d = await col.findOne({ workspaceId: wid, _id: id as never });
      return d ? toAgent(d) : null;
    },
    insert: (a, emit) =>
      transaction(m, async (tx) => {
        await col.insertOne(toDoc(a), { session: tx.session });
        await writeEvents(m, tx, emit, a);
      }),
    update: (wid, id, patch, emit) =>
      transaction(m, async (tx) => {
        const $set: Document = {};
        for (const [k, v] of Object.entries(patch)) if (v !== undefined) $set[k] = v;
        const d = await col.findOneAndUpdate(
          { workspaceId: wid, _id: id as never },
          { $set },
          { returnDocument: "after", session: tx.session },
        );
        return d ? await writeEvents(m, tx, emit, toAgent(d)) : null;
      }),
    findPublic: async (id) => {
      const d = await col.findOne({ _id: id as never });
      return d ? toAgent(d) : null;
    },
    remove: (wid, id, emit) =>
      transaction(m, async (tx) => {
        const session = tx.session;
        if (!await col.findOne({ workspaceId: wid, _id: id as never }, { session })) return false;
        await index.forget(wid, id, session);
        const mine = { workspaceId: wid, agentId: id };
        for (
          const name of ["knowledge_chunks", "knowledge_versions", "ingest_jobs", "knowledge_sources", "experiments"]
        ) {
          await m.db.collection(name).deleteMany(mine, { session });
        }
        await col.deleteOne({ workspaceId: wid, _id: id as never }, { session });
        await writeEvents(m, tx, emit, id);
        return true;
      }),
  };
}
