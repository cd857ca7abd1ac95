/**
 * MongoDB repositories for the chat path: visitors, attachments, conversations and their messages.
 * Appending a message takes the conversation's next seq by an atomic update of the conversation's document
 * inside the transaction that inserts the message and its events, so seqs are gapless; a repeated client id
 * returns the original message.
 *
 * @module
 */
import type { Document } from "mongodb";
import { NotFoundError } from "../../lib/errors.ts";
import {
  type Attachment,
  type Conversation,
  type Message,
  type MessageDraft,
  newMessage,
  type Visitor,
} from "../../models/chat/conversation.ts";
import type { Emit } from "../../models/events/event.ts";
import type { AttachmentRepo, ConversationRepo, PrepareDraft, VisitorRepo } from "../../models/ports/store.ts";
import { messageSentiment, ROLL_WINDOW, rollAll, rollSentiment } from "../../models/sentiment/sentiment.ts";
import { messageLanguage } from "../../models/language/detect.ts";
import { fromDoc, type Mongo, toDoc, transaction, type Tx, writeEvents } from "./db.ts";
import { NOT_BLANK } from "../blanks.ts";

type Appended = { message: Message; created: boolean; conversation: Conversation };

/** Visitors on MongoDB. */
export function mongoVisitors(m: Mongo): VisitorRepo {
  const col = m.db.collection("visitors");
  return {
    insert: async (v) => {
      await col.insertOne(toDoc(v));
    },
    get: async (wid, id) => {
      const d = await col.findOne({ workspaceId: wid, _id: id as never });
      return d ? fromDoc<Visitor>(d) : null;
    },
    update: (wid, id, p, emit) =>
      transaction(m, async (tx) => {
        const $set: Document = {};
        for (const [k, v] of Object.entries(p)) if (v !== undefined) $set[k] = v;
        const filter = { workspaceId: wid, _id: id as never };
        const d = Object.keys($set).length
          ? await col.findOneAndUpdate(filter, { $set }, { returnDocument: "after", session: tx.session })
          : await col.findOne(filter, { session: tx.session });
        return d ? await writeEvents(m, tx, emit, fromDoc<Visitor>(d)) : null;
      }),
  };
}

/** Attachments on MongoDB. */
export function mongoAttachments(m: Mongo): AttachmentRepo {
  const col = m.db.collection("attachments");
  return {
    insert: async (a) => {
      await col.insertOne(toDoc(a));
    },
    get: async (wid, id) => {
      const d = await col.findOne({ workspaceId: wid, _id: id as never });
      return d ? fromDoc<Attachment>(d) : null;
    },
  };
}

// No categories reads as absent, as SQLite reads it.
export const toConversation = (d: Document): Conversation => {
  const c = fromDoc<Conversation>(d);
  if (!c.categories?.length) delete c.categories;
  return c;
};
const toMessage = (d: Document) => fromDoc<Message>(d);

/**
 * Appends `d` to a conversation inside the caller's transaction `tx` (the next seq, the conversation's activity,
 * the message and the events `emit` builds): `append`, and a hand-off's lines (`tickets.ts`).
 */
export async function appendIn(
  m: Mongo,
  tx: Tx,
  wid: string,
  conversationId: string,
  d: MessageDraft,
  at: Date,
  emit?: Emit<Appended>,
  prepare?: PrepareDraft,
): Promise<Appended> {
  const convs = m.db.collection("conversations");
  const messages = m.db.collection("messages");
  const session = tx.session;
  if (d.clientId) {
    const existing = await messages.findOne({ conversationId, clientId: d.clientId }, { session });
    if (existing) {
      const conv = await convs.findOne({ workspaceId: wid, _id: conversationId as never }, { session });
      if (!conv) throw new NotFoundError("Conversation");
      return { message: toMessage(existing), created: false, conversation: toConversation(conv) };
    }
  }
  // (Run again if the transaction is retried: a preparation of a prepared draft gives the same draft.)
  if (prepare) d = prepare(d);
  // One atomic update of the conversation takes the next seq (and, for what the visitor sees, the next
  // public seq and the activity). What the team wrote itself is not news to the team: when staff had read
  // everything, they still have (a pipeline's $set reads the document as it was).
  const staffSide = d.authorKind === "staff" || d.internal;
  const next = { $add: ["$lastSeq", 1] };
  const $set: Document = {
    lastSeq: next,
    staffReadSeq: {
      $cond: [{ $and: [staffSide, { $eq: ["$staffReadSeq", "$lastSeq"] }] }, next, "$staffReadSeq"],
    },
  };
  if (!d.internal) {
    Object.assign($set, {
      lastPublicSeq: { $add: ["$lastPublicSeq", 1] },
      lastMessageAt: { $literal: at },
      lastMessagePreview: { $literal: d.text.slice(0, 140) },
      updatedAt: { $literal: at },
    });
  }
  const row = await convs.findOneAndUpdate(
    { workspaceId: wid, _id: conversationId as never },
    [{ $set }],
    { returnDocument: "after", session },
  );
  if (!row) throw new NotFoundError("Conversation");
  let conversation = toConversation(row);
  const felt = d.authorKind === "visitor" ? messageSentiment(d.metadata) : undefined;
  if (felt) {
    // In the message's transaction: the rolling score never misses or doubles one.
    const rolled = rollSentiment(conversation.sentimentScore, felt.score);
    await convs.updateOne({ workspaceId: wid, _id: conversationId as never }, {
      $set: { sentimentScore: rolled },
    }, {
      session,
    });
    conversation = { ...conversation, sentimentScore: rolled };
  }
  const spoken = d.authorKind === "visitor" ? messageLanguage(d.metadata) : undefined;
  if (spoken && spoken !== conversation.language) {
    // The customer's latest sure message names their language, in the message's own transaction.
    await convs.updateOne({ workspaceId: wid, _id: conversationId as never }, { $set: { language: spoken } }, {
      session,
    });
    conversation = { ...conversation, language: spoken };
  }
  const message = newMessage(d, conversation, at);
  await messages.insertOne(toDoc(message), { session });
  return await writeEvents(m, tx, emit, { message, created: true, conversation });
}

/** Conversations and messages on MongoDB. */
export function mongoConversations(m: Mongo): ConversationRepo {
  const convs = m.db.collection("conversations");
  const messages = m.db.collection("messages");
  const seqOfPublic = async (wid: string, conversationId: string, publicSeq: number) => {
    const d = await messages.findOne(
      { workspaceId: wid, conversationId, publicSeq: { $ne: null, $lte: publicSeq } },
      { sort: { seq: -1 }, projection: { seq: 1 } },
    );
    return d ? Number(d.seq) : 0;
  };
  return {
    insert: (c, emit) =>
      transaction(m, async (tx) => {
        await convs.insertOne(toDoc(c), { session: tx.session });
        await writeEvents(m, tx, emit, c);
      }),
    get: async (wid, id) => {
      const d = await convs.findOne({ workspaceId: wid, _id: id as never });
      return d ? toConversation(d) : null;
    },
    listForVisitor: async (wid, visitorId) =>
      (await convs.find({ workspaceId: wid, visitorId }).sort({ lastMessageAt: -1, _id: -1 }).toArray())
        .map(toConversation),
    list: async (wid, f) => {
      const filter: Document = { workspaceId: wid };
      if (f.agentId) filter.agentId = f.agentId;
      if (f.handledBy) filter.handledBy = f.handledBy;
      if (f.status) filter.status = f.status;
      if (f.ids) filter._id = { $in: f.ids };
      if (f.before) {
        filter.$or = [
          { lastMessageAt: { $lt: f.before.lastMessageAt } },
          { lastMessageAt: f.before.lastMessageAt, _id: { $lt: f.before.id } },
        ];
      }
      return (await convs.find(filter).sort({ lastMessageAt: -1, _id: -1 }).limit(f.limit).toArray())
        .map(toConversation);
    },
    update: (wid, id, p, emit) =>
      transaction(m, async (tx) => {
        const $set: Document = { updatedAt: p.updatedAt };
        for (const k of ["handledBy", "status", "pageUrl", "categories", "sentimentScore"] as const) {
          if (p[k] !== undefined) $set[k] = p[k];
        }
        const d = await convs.findOneAndUpdate(
          { workspaceId: wid, _id: id as never },
          { $set },
          { returnDocument: "after", session: tx.session },
        );
        return d ? await writeEvents(m, tx, emit, toConversation(d)) : null;
      }),
    markRead: async (wid, id, by, seq) => {
      const field = by === "visitor" ? "visitorReadSeq" : "staffReadSeq";
      // One update: the marker rises to min(seq, lastSeq) and never falls.
      const d = await convs.findOneAndUpdate(
        { workspaceId: wid, _id: id as never },
        [{ $set: { [field]: { $max: [`$${field}`, { $min: [seq, "$lastSeq"] }] } } }],
        { returnDocument: "after" },
      );
      return d ? toConversation(d) : null;
    },
    append: (wid, conversationId, d, at, emit, prepare) =>
      transaction(m, (tx) => appendIn(m, tx, wid, conversationId, d, at, emit, prepare)),
    messagesAfter: async (wid, conversationId, afterSeq, opts) => {
      const filter: Document = opts.includeInternal ? { workspaceId: wid, conversationId, seq: { $gt: afterSeq } } : {
        workspaceId: wid,
        conversationId,
        internal: false,
        seq: { $gt: await seqOfPublic(wid, conversationId, afterSeq) },
      };
      return (await messages.find(filter).sort({ seq: 1 }).limit(opts.limit).toArray()).map(toMessage);
    },
    firstCustomerText: async (wid, conversationId) =>
      (await messages.findOne(
        { workspaceId: wid, conversationId, authorKind: "visitor", text: { $regex: NOT_BLANK } },
        { sort: { seq: 1 }, projection: { text: 1 } },
      ))?.text ?? null,
    getMessage: async (wid, id) => {
      const d = await messages.findOne({ workspaceId: wid, _id: id as never });
      return d ? toMessage(d) : null;
    },
    findVisitorMessage: async (wid, visitorId, clientId) => {
      const ids = (await convs.find({ workspaceId: wid, visitorId }, { projection: { _id: 1 } }).toArray())
        .map((c) => c._id);
      if (!ids.length) return null;
      const d = await messages.findOne({ conversationId: { $in: ids }, clientId, authorKind: "visitor" });
      return d ? toMessage(d) : null;
    },
    updateMessage: (wid, id, p, at, emit) =>
      transaction(m, async (tx) => {
        const $set: Document = { updatedAt: at };
        for (const k of ["text", "status", "citations", "metadata"] as const) if (p[k] !== undefined) $set[k] = p[k];
        const d = await messages.findOneAndUpdate(
          { workspaceId: wid, _id: id as never },
          { $set },
          { returnDocument: "after", session: tx.session },
        );
        if (!d) return null;
        const msg = toMessage(d);
        if (p.text !== undefined && !msg.internal) {
          await convs.updateOne(
            { _id: msg.conversationId as never, lastSeq: msg.seq },
            { $set: { lastMessagePreview: msg.text.slice(0, 140) } },
            { session: tx.session },
          );
        }
        return await writeEvents(m, tx, emit, msg);
      }),
    // In the transaction, a concurrent append's write to the same conversation conflicts with ours: one of the two
    // is retried, so the roll never leaves a message out (see `ConversationRepo.rescoreMessage`).
    rescoreMessage: (wid, id, sentiment, by, at, emit) =>
      transaction(m, async (tx) => {
        const d = await messages.findOneAndUpdate(
          { workspaceId: wid, _id: id as never, "metadata.sentimentBy": { $exists: false } },
          { $set: { "metadata.sentiment": sentiment, "metadata.sentimentBy": by, updatedAt: at } },
          { returnDocument: "after", session: tx.session },
        );
        if (!d) return null;
        const message = toMessage(d);
        const newest = await messages.find(
          {
            workspaceId: wid,
            conversationId: message.conversationId,
            sender: "user",
            "metadata.sentiment.score": { $type: "number" },
          },
          { sort: { seq: -1 }, limit: ROLL_WINDOW, projection: { "metadata.sentiment.score": 1 }, session: tx.session },
        ).toArray();
        const score = rollAll(newest.reverse().map((r) => Number(r.metadata.sentiment.score))) ?? sentiment.score;
        const c = await convs.findOneAndUpdate(
          { workspaceId: wid, _id: message.conversationId as never },
          { $set: { sentimentScore: score, updatedAt: at } },
          { returnDocument: "after", session: tx.session },
        );
        if (!c) return null;
        return await writeEvents(m, tx, emit, { message, conversation: toConversation(c) });
      }),
    seqOfPublic: (wid, conversationId, publicSeq) => seqOfPublic(wid, conversationId, publicSeq),
    publicOfSeq: async (wid, conversationId, seq) => {
      const d = await messages.findOne(
        { workspaceId: wid, conversationId, seq: { $lte: seq }, publicSeq: { $ne: null } },
        { sort: { seq: -1 }, projection: { publicSeq: 1 } },
      );
      return d ? Number(d.publicSeq) : 0;
    },
    awaitingAi: async (limit) => {
      const rows = await convs.aggregate([
        { $match: { handledBy: "ai", status: "open" } },
        {
          $lookup: {
            from: "messages",
            let: { c: "$_id", s: "$lastSeq" },
            pipeline: [{
              $match: { $expr: { $and: [{ $eq: ["$conversationId", "$$c"] }, { $eq: ["$seq", "$$s"] }] } },
            }],
            as: "last",
          },
        },
        { $unwind: "$last" },
        { $match: { "last.authorKind": "visitor" } },
        { $limit: limit },
      ]).toArray();
      return rows.map(({ last, ...conv }) => ({ conversation: toConversation(conv), question: toMessage(last) }));
    },
    streamingMessages: async () => (await messages.find({ status: "streaming" }).toArray()).map(toMessage),
  };
}
