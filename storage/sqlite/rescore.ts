/**
 * `ConversationRepo.rescoreMessage` on SQLite: a customer message's score replaced and its conversation's rolling
 * score recomputed in one `BEGIN IMMEDIATE` transaction. Messages are appended by other transactions (on the event
 * loop or by the append worker's own connection); holding the write lock from the message's update to the
 * conversation's, no append can land between the read of the scores and the write of their roll. (The listener used
 * to read the messages, await, then write the roll: a message appended in between was left out of the score.)
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { ConversationRepo } from "../../models/ports/store.ts";
import { ROLL_WINDOW, rollAll } from "../../models/sentiment/sentiment.ts";
import { toConversation, toMessage } from "./conversations.ts";
import { iso, type Row, run, transaction } from "./db.ts";
import { type EventStage, writeEvents } from "./events.ts";

/** The repository method, on `db`. */
export function sqliteRescore(db: DatabaseSync, signal: EventStage): ConversationRepo["rescoreMessage"] {
  return (wid, id, sentiment, by, at, emit) =>
    run(() =>
      transaction(db, () => {
        const stamp = iso(at);
        // Only the two keys: the rest of the metadata may have changed since the caller read the message.
        const r = db.prepare(
          `UPDATE messages SET metadata = json_set(metadata, '$.sentiment', json(?), '$.sentimentBy', ?), updated_at = ?
           WHERE workspace_id = ? AND id = ? AND json_extract(metadata, '$.sentimentBy') IS NULL RETURNING *`,
        ).get(JSON.stringify(sentiment), by, stamp, wid, id) as Row | undefined;
        if (!r) return null;
        const message = toMessage(r);
        const newest = db.prepare(
          `SELECT json_extract(metadata, '$.sentiment.score') AS score FROM messages
           WHERE workspace_id = ? AND conversation_id = ? AND sender = 'user'
             AND json_type(metadata, '$.sentiment.score') IN ('real', 'integer')
           ORDER BY seq DESC LIMIT ?`,
        ).all(wid, message.conversationId, ROLL_WINDOW) as Row[];
        const score = rollAll(newest.reverse().map((s) => Number(s.score))) ?? sentiment.score;
        const c = db.prepare(
          `UPDATE conversations SET sentiment_score = ?, updated_at = ? WHERE workspace_id = ? AND id = ? RETURNING *`,
        ).get(score, stamp, wid, message.conversationId) as Row | undefined;
        if (!c) return null;
        return writeEvents(db, signal, emit, { message, conversation: toConversation(c) });
      })
    );
}
