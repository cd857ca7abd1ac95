/**
 * MongoDB repositories for tickets, canned responses and workspace settings. Ticket lists page by keyset on the
 * chosen sort, like the SQLite adapter.
 *
 * @module
 */
import type { Document } from "mongodb";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import type {
  CannedRepo,
  CannedResponse,
  HandedOff,
  HandOff,
  SettingsRepo,
  TicketRepo,
} from "../../models/ports/store.ts";
import type { Ticket } from "../../models/tickets/ticket.ts";
import { PRIORITIES } from "../../models/tickets/ticket_schemas.ts";
import { appendIn, toConversation } from "./chat.ts";
import { fromDoc, isDuplicateKey, type Mongo, toDoc, transaction, writeEvents } from "./db.ts";

const SORTS = {
  newest: { field: "createdAt", dir: -1 },
  oldest: { field: "createdAt", dir: 1 },
  updated: { field: "updatedAt", dir: -1 },
  priority: { field: "priorityRank", dir: -1 },
} as const;

const rank = (p: string) => PRIORITIES.indexOf(p as Ticket["priority"]);
const toTicket = (d: Document) => fromDoc<Ticket>(d, "priorityRank");
/** Text for a case-insensitive "contains" regex. */
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Tickets on MongoDB. */
export function mongoTickets(m: Mongo): TicketRepo {
  const col = m.db.collection("tickets");
  const handOff = (h: HandOff): Promise<HandedOff> =>
    transaction(m, async (tx) => {
      const { session } = tx;
      const wid = h.workspaceId;
      // Only an AI-handled conversation switches: the filter makes the check and the change one atomic update.
      const switchedDoc = await m.db.collection("conversations").findOneAndUpdate(
        { workspaceId: wid, _id: h.conversationId as never, handledBy: "ai" },
        { $set: { handledBy: "human", updatedAt: h.at } },
        { returnDocument: "after", session },
      );
      const doc = switchedDoc ??
        await m.db.collection("conversations").findOne({ workspaceId: wid, _id: h.conversationId as never }, {
          session,
        });
      if (!doc) throw new NotFoundError("Conversation");
      const conversation = toConversation(doc);
      if (switchedDoc) await writeEvents(m, tx, h.switched, conversation);
      const had = await col.findOne({ workspaceId: wid, conversationId: h.conversationId }, { session });
      const ticket = had ? toTicket(had) : h.ticket;
      if (!had) {
        await col.insertOne({ ...toDoc(ticket), priorityRank: rank(ticket.priority) }, { session });
        await writeEvents(m, tx, h.opened, ticket);
      }
      const change = { switched: !!switchedDoc, ticket, opened: !had };
      const lines = [];
      for (const d of h.lines(change)) {
        const { message, conversation } = await appendIn(m, tx, wid, h.conversationId, d, h.at, h.appended);
        lines.push({ message, conversation });
      }
      return { ...change, conversation, lines };
    });
  return {
    insert: (t, emit) =>
      transaction(m, async (tx) => {
        await col.insertOne({ ...toDoc(t), priorityRank: rank(t.priority) }, { session: tx.session });
        await writeEvents(m, tx, emit, t);
      }),
    // Two hand-offs of one conversation at once: the unique conversation id keeps one ticket, and the one that lost
    // is written again, finding it.
    handOff: (h) => handOff(h).catch((err) => isDuplicateKey(err) ? handOff(h) : Promise.reject(err)),
    get: async (wid, id) => {
      const d = await col.findOne({ workspaceId: wid, _id: id as never });
      return d ? toTicket(d) : null;
    },
    forConversation: async (wid, conversationId) => {
      const d = await col.findOne({ workspaceId: wid, conversationId });
      return d ? toTicket(d) : null;
    },
    list: async (wid, f) => {
      const and: Document[] = [{ workspaceId: wid }];
      if (f.status) and.push({ status: f.status });
      if (f.priority) and.push({ priority: f.priority });
      if (f.assignedTo === null) and.push({ assignedTo: null });
      else if (f.assignedTo) and.push({ assignedTo: f.assignedTo });
      if (f.tag) and.push({ tags: f.tag });
      if (f.agentId) and.push({ agentId: f.agentId });
      if (f.q) {
        const re = { $regex: escapeRegex(f.q), $options: "i" };
        // Internal notes match only for readers who may see them (the port's searchInternal).
        const threads = await m.db.collection("messages").distinct("conversationId", {
          workspaceId: wid,
          text: re,
          ...(f.searchInternal ? {} : { internal: { $ne: true } }),
        });
        and.push({ $or: [{ title: re }, { conversationId: { $in: threads } }] });
      }
      const { field, dir } = SORTS[f.sort];
      if (f.after) {
        const key = field === "priorityRank" ? Number(f.after.key) : new Date(f.after.key);
        const op = dir === -1 ? "$lt" : "$gt";
        and.push({ $or: [{ [field]: { [op]: key } }, { [field]: key, _id: { [op]: f.after.id } }] });
      }
      const rows = await col.find({ $and: and }).sort({ [field]: dir, _id: dir }).limit(f.limit).toArray();
      return rows.map((d) => ({
        ticket: toTicket(d),
        key: field === "priorityRank" ? String(d.priorityRank) : (d[field] as Date).toISOString(),
      }));
    },
    update: (wid, id, p, emit) =>
      transaction(m, async (tx) => {
        const $set: Document = {};
        for (const [k, v] of Object.entries(p)) if (v !== undefined) $set[k] = v;
        if (p.priority !== undefined) $set.priorityRank = rank(p.priority);
        const d = await col.findOneAndUpdate(
          { workspaceId: wid, _id: id as never },
          { $set },
          { returnDocument: "after", session: tx.session },
        );
        return d ? await writeEvents(m, tx, emit, toTicket(d)) : null;
      }),
    awaitingStaff: async (openedBefore, belowLevel, limit) =>
      (await col.aggregate([
        {
          $match: {
            status: { $in: ["open", "in-progress"] },
            createdAt: { $lte: openedBefore },
            escalationLevel: { $lt: belowLevel },
          },
        },
        { $sort: { createdAt: 1 } },
        {
          $lookup: {
            from: "messages",
            let: { c: "$conversationId", t: "$createdAt" },
            pipeline: [
              {
                $match: {
                  $expr: {
                    $and: [
                      { $eq: ["$conversationId", "$$c"] },
                      { $eq: ["$authorKind", "staff"] },
                      { $eq: ["$internal", false] },
                      { $gte: ["$createdAt", "$$t"] },
                    ],
                  },
                },
              },
              { $limit: 1 },
            ],
            as: "staffReplies",
          },
        },
        { $match: { staffReplies: { $size: 0 } } },
        { $limit: limit },
        { $project: { staffReplies: 0 } },
      ]).toArray()).map(toTicket),
  };
}

const shortcutTaken = () => new ConflictError("Another canned response uses this shortcut.", "shortcut_taken");

/** Canned responses on MongoDB (a unique index on workspace and shortcut). */
export function mongoCanned(m: Mongo): CannedRepo {
  const col = m.db.collection("canned_responses");
  const toCanned = (d: Document) => fromDoc<CannedResponse>(d);
  return {
    list: async (wid) => (await col.find({ workspaceId: wid }).sort({ shortcut: 1 }).toArray()).map(toCanned),
    get: async (wid, id) => {
      const d = await col.findOne({ workspaceId: wid, _id: id as never });
      return d ? toCanned(d) : null;
    },
    insert: async (c) => {
      try {
        await col.insertOne(toDoc(c));
      } catch (err) {
        throw isDuplicateKey(err) ? shortcutTaken() : err;
      }
    },
    update: async (wid, id, p) => {
      try {
        const d = await col.findOneAndUpdate(
          { workspaceId: wid, _id: id as never },
          { $set: { title: p.title, shortcut: p.shortcut, body: p.body, updatedAt: p.updatedAt } },
          { returnDocument: "after" },
        );
        return d ? toCanned(d) : null;
      } catch (err) {
        throw isDuplicateKey(err) ? shortcutTaken() : err;
      }
    },
    remove: async (wid, id) => (await col.deleteOne({ workspaceId: wid, _id: id as never })).deletedCount > 0,
  };
}

/** Workspace settings on MongoDB: one document per workspace and key, the value as a sub-document. */
export function mongoSettings(m: Mongo): SettingsRepo {
  const col = m.db.collection("workspace_settings");
  return {
    get: async <T>(wid: string, key: string) => {
      const d = await col.findOne({ workspaceId: wid, key });
      // Stored as JSON text: a setting may be any JSON value (arrays, numbers), and reads back exactly.
      return d ? JSON.parse(d.value as string) as T : null;
    },
    put: async (wid, key, value, at) => {
      await col.updateOne(
        { workspaceId: wid, key },
        { $set: { value: JSON.stringify(value), updatedAt: at } },
        { upsert: true },
      );
    },
    workspacesWith: async (key) => (await col.find({ key }).toArray()).map((d) => d.workspaceId as string),
  };
}
