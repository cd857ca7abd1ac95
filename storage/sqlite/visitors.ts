/**
 * SQLite repositories for the widget's side of a conversation: visitors and
 * the files they (or staff) attach.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { Attachment, Visitor } from "../../models/chat/conversation.ts";
import type { Lang } from "../../models/chat/system_texts.ts";
import type { AttachmentRepo, VisitorRepo } from "../../models/ports/store.ts";
import { date, iso, type Row, run, transaction } from "./db.ts";
import { type AppendSignal, writeEvents } from "./events.ts";

const toVisitor = (r: Row): Visitor => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  agentId: r.agent_id as string,
  ...(r.name ? { name: r.name as string } : {}),
  ...(r.email ? { email: r.email as string } : {}),
  verified: Number(r.verified) === 1,
  ...(r.lang ? { lang: r.lang as Lang } : {}),
  ...(r.locale ? { locale: r.locale as string } : {}),
  createdAt: date(r.created_at)!,
  lastSeenAt: date(r.last_seen_at)!,
});

/** Visitors on SQLite. */
export function sqliteVisitors(db: DatabaseSync, signal: AppendSignal): VisitorRepo {
  return {
    insert: (v) =>
      run(() => {
        db.prepare(
          `INSERT INTO visitors (id, workspace_id, agent_id, name, email, verified, lang, locale, created_at, last_seen_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          v.id,
          v.workspaceId,
          v.agentId,
          v.name ?? null,
          v.email ?? null,
          v.verified ? 1 : 0,
          v.lang ?? null,
          v.locale ?? null,
          iso(v.createdAt),
          iso(v.lastSeenAt),
        );
      }),
    get: (wid, id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM visitors WHERE workspace_id = ? AND id = ?").get(wid, id) as
          | Row
          | undefined;
        return r ? toVisitor(r) : null;
      }),
    update: (wid, id, p, emit) =>
      run(() =>
        transaction(db, () => {
          const r = db.prepare(
            `UPDATE visitors SET name = COALESCE(?, name), email = COALESCE(?, email), verified = COALESCE(?, verified),
             lang = COALESCE(?, lang), locale = COALESCE(?, locale), last_seen_at = COALESCE(?, last_seen_at)
             WHERE workspace_id = ? AND id = ? RETURNING *`,
          ).get(
            p.name ?? null,
            p.email ?? null,
            p.verified === undefined ? null : p.verified ? 1 : 0,
            p.lang ?? null,
            p.locale ?? null,
            iso(p.lastSeenAt),
            wid,
            id,
          ) as Row | undefined;
          return r ? writeEvents(db, signal, emit, toVisitor(r)) : null;
        })
      ),
  };
}

/** Attachments on SQLite. */
export function sqliteAttachments(db: DatabaseSync): AttachmentRepo {
  return {
    insert: (a: Attachment) =>
      run(() => {
        db.prepare(
          "INSERT INTO attachments (id, workspace_id, owner_id, name, content_type, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ).run(a.id, a.workspaceId, a.ownerId, a.name, a.contentType, a.size, iso(a.createdAt));
      }),
    get: (wid, id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM attachments WHERE workspace_id = ? AND id = ?").get(wid, id) as
          | Row
          | undefined;
        return r
          ? {
            id: r.id as string,
            workspaceId: r.workspace_id as string,
            ownerId: r.owner_id as string,
            name: r.name as string,
            contentType: r.content_type as string,
            size: Number(r.size),
            createdAt: date(r.created_at)!,
          }
          : null;
      }),
  };
}
