/**
 * SQLite repositories for conversations and their messages.
 * Appending a message takes the conversation's next seq inside one
 * transaction, so seqs are gapless; a repeated client id returns the original.
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { NotFoundError } from "../../lib/errors.ts";
import { type Conversation, type Message, type MessageDraft, newMessage } from "../../models/chat/conversation.ts";
import type { Emit } from "../../models/events/event.ts";
import type { ConversationRepo, PrepareDraft } from "../../models/ports/store.ts";
import { messageSentiment, rollSentiment } from "../../models/sentiment/sentiment.ts";
import { messageLanguage } from "../../models/language/detect.ts";
import { groupCommit, iso, type Row, run, transaction } from "./db.ts";
import { toConversation, toMessage } from "./chat_rows.ts";
import { SQLITE_BLANKS } from "../blanks.ts";
import type { AppendWriter } from "./append_writer.ts";
import { type AppendSignal, type EventStage, writeEvents } from "./events.ts";
import { sqliteRescore } from "./rescore.ts";

export { toConversation, toMessage } from "./chat_rows.ts";

/** What appending a message returns. */
export type Appended = { message: Message; created: boolean; conversation: Conversation };

/**
 * Appends `d` to a conversation inside the caller's transaction: the next seq, the conversation's activity
 * and rolling sentiment, the message row and the events `emit` builds. Shared by this thread's group commit
 * and the append worker (`append_worker.ts`), so both write exactly the same rows.
 */
export function appendRows(
  db: DatabaseSync,
  stage: EventStage,
  wid: string,
  conversationId: string,
  d: MessageDraft,
  at: Date,
  emit?: Emit<Appended>,
  prepare?: PrepareDraft,
): Appended {
  const getConv = (id: string) =>
    db.prepare("SELECT * FROM conversations WHERE workspace_id = ? AND id = ?").get(wid, id) as Row | undefined;
  if (d.clientId) {
    const existing = db.prepare("SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?")
      .get(conversationId, d.clientId) as Row | undefined;
    if (existing) {
      const conv = getConv(conversationId);
      if (!conv) throw new NotFoundError("Conversation");
      return { message: toMessage(existing), created: false, conversation: toConversation(conv) };
    }
  }
  if (prepare) d = prepare(d);
  // The conversation is read and written back in this transaction (begun IMMEDIATE: no other writer in
  // between): the next seq and, for what the visitor sees, the conversation's activity. What the team wrote
  // itself (replies, notes, staff-only lines) is not news to the team: when staff had read everything, they
  // still have. (One read and a plain UPDATE cost a third of an `UPDATE ... RETURNING *`, which node:sqlite
  // makes slow, and the rolling sentiment rides in the same UPDATE.)
  const before = getConv(conversationId);
  if (!before) throw new NotFoundError("Conversation");
  const was = toConversation(before);
  const seq = was.lastSeq + 1;
  const staffReadSeq = (d.authorKind === "staff" || d.internal) && was.staffReadSeq === was.lastSeq
    ? seq
    : was.staffReadSeq;
  const felt = d.authorKind === "visitor" ? messageSentiment(d.metadata) : undefined;
  // Same transaction as the message: the rolling score never misses or doubles one.
  const sentimentScore = felt ? rollSentiment(was.sentimentScore, felt.score) : was.sentimentScore;
  // The customer's latest sure message names their language, in the message's own write.
  const language = (d.authorKind === "visitor" ? messageLanguage(d.metadata) : undefined) ?? was.language;
  const conversation: Conversation = d.internal ? { ...was, lastSeq: seq, staffReadSeq } : {
    ...was,
    lastSeq: seq,
    lastPublicSeq: was.lastPublicSeq + 1,
    staffReadSeq,
    lastMessageAt: at,
    lastMessagePreview: d.text.slice(0, 140),
    updatedAt: at,
  };
  if (sentimentScore !== undefined) conversation.sentimentScore = sentimentScore;
  if (language !== undefined) conversation.language = language;
  const stamp = iso(at);
  db.prepare(
    `UPDATE conversations SET last_seq = ?, last_public_seq = ?, staff_read_seq = ?, last_message_at = ?,
       last_message_preview = ?, updated_at = ?, sentiment_score = ?, language = ? WHERE workspace_id = ? AND id = ?`,
  ).run(
    conversation.lastSeq,
    conversation.lastPublicSeq,
    conversation.staffReadSeq,
    iso(conversation.lastMessageAt),
    conversation.lastMessagePreview,
    iso(conversation.updatedAt),
    conversation.sentimentScore ?? null,
    conversation.language ?? null,
    wid,
    conversationId,
  );
  const message = newMessage(d, conversation, at);
  db.prepare(
    `INSERT INTO messages (id, workspace_id, conversation_id, seq, public_seq, client_id, sender, author_kind, author_id,
       author_name, text, attachment_ids, citations, status, internal, metadata, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    message.id,
    wid,
    conversationId,
    message.seq,
    message.publicSeq,
    d.clientId ?? null,
    d.sender,
    d.authorKind,
    d.authorId ?? null,
    d.authorName ?? null,
    d.text,
    JSON.stringify(d.attachmentIds),
    JSON.stringify(d.citations),
    d.status,
    d.internal ? 1 : 0,
    JSON.stringify(d.metadata),
    stamp,
    stamp,
  );
  return writeEvents(db, stage, emit, { message, created: true, conversation });
}

/**
 * Conversations and messages on SQLite. With a `writer`, appends (the chat's hot path) are written by its
 * worker thread on its own connection, off this event loop; everything else is written here.
 */
export function sqliteConversations(db: DatabaseSync, signal: AppendSignal, writer?: AppendWriter): ConversationRepo {
  const commit = groupCommit(db);
  // Public seqs rise with seqs, so the newest message at or below a public seq is found scanning back
  // from the end: as many rows as the visitor has yet to see.
  const seqOfPublic = (wid: string, conversationId: string, publicSeq: number) =>
    Number(
      (db.prepare(
        `SELECT seq AS n FROM messages WHERE workspace_id = ? AND conversation_id = ? AND public_seq <= ?
           ORDER BY seq DESC LIMIT 1`,
      ).get(wid, conversationId, publicSeq) as Row | undefined)?.n ?? 0,
    );
  const getConv = (wid: string, id: string) =>
    db.prepare("SELECT * FROM conversations WHERE workspace_id = ? AND id = ?").get(wid, id) as Row | undefined;
  return {
    insert: (c, emit) =>
      run(() =>
        transaction(db, () => {
          db.prepare(
            `INSERT INTO conversations (id, workspace_id, agent_id, visitor_id, status, handled_by, last_seq, last_message_at,
             last_message_preview, visitor_read_seq, staff_read_seq, page_url, language, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            c.id,
            c.workspaceId,
            c.agentId,
            c.visitorId,
            c.status,
            c.handledBy,
            c.lastSeq,
            iso(c.lastMessageAt),
            c.lastMessagePreview,
            c.visitorReadSeq,
            c.staffReadSeq,
            c.pageUrl ?? null,
            c.language ?? null,
            iso(c.createdAt),
            iso(c.updatedAt),
          );
          writeEvents(db, signal, emit, c);
        })
      ),
    get: (wid, id) =>
      run(() => {
        const r = getConv(wid, id);
        return r ? toConversation(r) : null;
      }),
    listForVisitor: (wid, visitorId) =>
      run(() =>
        (db.prepare(
          "SELECT * FROM conversations WHERE workspace_id = ? AND visitor_id = ? ORDER BY last_message_at DESC, id DESC",
        ).all(wid, visitorId) as Row[]).map(toConversation)
      ),
    list: (wid, f) =>
      run(() => {
        const where = ["workspace_id = ?"];
        const args: SQLInputValue[] = [wid];
        if (f.agentId) (where.push("agent_id = ?"), args.push(f.agentId));
        if (f.handledBy) (where.push("handled_by = ?"), args.push(f.handledBy));
        if (f.status) (where.push("status = ?"), args.push(f.status));
        if (f.ids) (where.push(`id IN (${f.ids.map(() => "?").join(", ") || "NULL"})`), args.push(...f.ids));
        if (f.before) {
          where.push("(last_message_at < ? OR (last_message_at = ? AND id < ?))");
          args.push(iso(f.before.lastMessageAt), iso(f.before.lastMessageAt), f.before.id);
        }
        return (db.prepare(
          `SELECT * FROM conversations WHERE ${where.join(" AND ")} ORDER BY last_message_at DESC, id DESC LIMIT ?`,
        ).all(...args, f.limit) as Row[]).map(toConversation);
      }),
    update: (wid, id, p, emit) =>
      run(() =>
        transaction(db, () => {
          const r = db.prepare(
            `UPDATE conversations SET handled_by = COALESCE(?, handled_by), status = COALESCE(?, status),
             page_url = COALESCE(?, page_url), categories = COALESCE(?, categories),
             sentiment_score = COALESCE(?, sentiment_score), updated_at = ?
             WHERE workspace_id = ? AND id = ? RETURNING *`,
          ).get(
            p.handledBy ?? null,
            p.status ?? null,
            p.pageUrl ?? null,
            p.categories ? JSON.stringify(p.categories) : null,
            p.sentimentScore ?? null,
            iso(p.updatedAt),
            wid,
            id,
          ) as Row | undefined;
          return r ? writeEvents(db, signal, emit, toConversation(r)) : null;
        })
      ),
    // A group commit (the widget sends a marker for each message a visitor sees: many together under load), and
    // on the loop one that awaits the lock rather than stopping every socket while another thread holds it.
    markRead: (wid, id, by, seq) =>
      commit(() => {
        const col = by === "visitor" ? "visitor_read_seq" : "staff_read_seq";
        const r = db.prepare(
          `UPDATE conversations SET ${col} = MAX(${col}, MIN(?, last_seq)) WHERE workspace_id = ? AND id = ? RETURNING *`,
        ).get(seq, wid, id) as Row | undefined;
        return r ? toConversation(r) : null;
      }),
    append: (wid, conversationId, d, at, emit, prepare) =>
      writer?.handles(emit, prepare)
        ? writer.append(wid, conversationId, d, at, emit, prepare)
        : commit(() => appendRows(db, signal, wid, conversationId, d, at, emit, prepare)),
    messagesAfter: (wid, conversationId, afterSeq, opts) =>
      run(() =>
        (opts.includeInternal
          ? db.prepare(
            "SELECT * FROM messages WHERE workspace_id = ? AND conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
          ).all(wid, conversationId, afterSeq, opts.limit) as Row[]
          : db.prepare(
            "SELECT * FROM messages WHERE workspace_id = ? AND conversation_id = ? AND internal = 0 AND seq > ? ORDER BY seq LIMIT ?",
          ).all(wid, conversationId, seqOfPublic(wid, conversationId, afterSeq), opts.limit) as Row[]).map(toMessage)
      ),
    firstCustomerText: (wid, conversationId) =>
      run(() =>
        (db.prepare(
          `SELECT text FROM messages WHERE workspace_id = ? AND conversation_id = ? AND author_kind = 'visitor'
           AND trim(text, ${SQLITE_BLANKS}) != '' ORDER BY seq LIMIT 1`,
        ).get(wid, conversationId) as { text: string } | undefined)?.text ?? null
      ),
    getMessage: (wid, id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM messages WHERE workspace_id = ? AND id = ?").get(wid, id) as
          | Row
          | undefined;
        return r ? toMessage(r) : null;
      }),
    findVisitorMessage: (wid, visitorId, clientId) =>
      run(() => {
        const r = db.prepare(
          `SELECT m.* FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.client_id = ?
           WHERE c.workspace_id = ? AND c.visitor_id = ? AND m.author_kind = 'visitor'`,
        ).get(clientId, wid, visitorId) as Row | undefined;
        return r ? toMessage(r) : null;
      }),
    updateMessage: (wid, id, p, at, emit) =>
      run(() =>
        transaction(db, () => {
          const r = db.prepare(
            `UPDATE messages SET text = COALESCE(?, text), status = COALESCE(?, status), citations = COALESCE(?, citations),
               metadata = COALESCE(?, metadata), updated_at = ? WHERE workspace_id = ? AND id = ? RETURNING *`,
          ).get(
            p.text ?? null,
            p.status ?? null,
            p.citations ? JSON.stringify(p.citations) : null,
            p.metadata ? JSON.stringify(p.metadata) : null,
            iso(at),
            wid,
            id,
          ) as Row | undefined;
          if (!r) return null;
          const m = toMessage(r);
          if (p.text !== undefined && !m.internal) {
            db.prepare(
              "UPDATE conversations SET last_message_preview = ? WHERE id = ? AND last_seq = ?",
            ).run(m.text.slice(0, 140), m.conversationId, m.seq);
          }
          return writeEvents(db, signal, emit, m);
        })
      ),
    rescoreMessage: sqliteRescore(db, signal),
    seqOfPublic: (wid, conversationId, publicSeq) => run(() => seqOfPublic(wid, conversationId, publicSeq)),
    publicOfSeq: (wid, conversationId, seq) =>
      run(() =>
        Number(
          (db.prepare(
            `SELECT public_seq AS n FROM messages WHERE workspace_id = ? AND conversation_id = ? AND seq <= ?
               AND public_seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
          ).get(wid, conversationId, seq) as Row | undefined)?.n ?? 0,
        )
      ),
    awaitingAi: (limit) =>
      run(() =>
        (db.prepare(
          `SELECT c.id AS conversation_id_, m.* FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.seq = c.last_seq
           WHERE c.handled_by = 'ai' AND c.status = 'open' AND m.author_kind = 'visitor' LIMIT ?`,
        ).all(limit) as Row[]).map((r) => ({
          conversation: toConversation(getConv(r.workspace_id as string, r.conversation_id_ as string)!),
          question: toMessage(r),
        }))
      ),
    streamingMessages: () =>
      run(() => (db.prepare("SELECT * FROM messages WHERE status = 'streaming'").all() as Row[]).map(toMessage)),
  };
}
