/**
 * SQLite repositories for tickets, canned responses and workspace settings.
 * Ticket lists use keyset (cursor) pagination on the chosen sort.
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { ConflictError, NotFoundError } from "../../lib/errors.ts";
import type { CannedRepo, CannedResponse, SettingsRepo, TicketRepo } from "../../models/ports/store.ts";
import type { Ticket } from "../../models/tickets/ticket.ts";
import { PRIORITIES } from "../../models/tickets/ticket_schemas.ts";
import { appendRows, toConversation } from "./conversations.ts";
import { date, groupCommit, iso, isUniqueViolation, type Row, run, transaction } from "./db.ts";
import { type AppendSignal, writeEvents } from "./events.ts";

const toTicket = (r: Row): Ticket => {
  const rating = r.rating ? JSON.parse(r.rating as string) : null;
  return {
    id: r.id as string,
    workspaceId: r.workspace_id as string,
    conversationId: r.conversation_id as string,
    agentId: r.agent_id as string,
    title: r.title as string,
    description: r.description as string,
    status: r.status as Ticket["status"],
    priority: r.priority as Ticket["priority"],
    customerEmail: r.customer_email as string,
    ...(r.customer_name ? { customerName: r.customer_name as string } : {}),
    assignedTo: (r.assigned_to as string | null) ?? null,
    userId: r.user_id as string,
    tags: JSON.parse(r.tags as string),
    source: r.source as Ticket["source"],
    resolvedAt: date(r.resolved_at) ?? null,
    closedAt: date(r.closed_at) ?? null,
    rating: rating ? { ...rating, at: new Date(rating.at) } : null,
    escalationLevel: Number(r.escalation_level),
    ...(r.page_url ? { pageUrl: r.page_url as string } : {}),
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
  };
};

const SORTS = {
  newest: { col: "created_at", dir: "DESC" },
  oldest: { col: "created_at", dir: "ASC" },
  updated: { col: "updated_at", dir: "DESC" },
  priority: { col: "priority_rank", dir: "DESC" },
} as const;

const rank = (p: string) => PRIORITIES.indexOf(p as Ticket["priority"]);

/** Inserts a ticket's row (inside the caller's transaction). */
function insertTicket(db: DatabaseSync, t: Ticket) {
  db.prepare(
    `INSERT INTO tickets (id, workspace_id, conversation_id, agent_id, title, description, status, priority, priority_rank,
       customer_email, customer_name, assigned_to, user_id, tags, source, resolved_at, closed_at, rating, escalation_level,
       page_url, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.id,
    t.workspaceId,
    t.conversationId,
    t.agentId,
    t.title,
    t.description,
    t.status,
    t.priority,
    rank(t.priority),
    t.customerEmail,
    t.customerName ?? null,
    t.assignedTo,
    t.userId,
    JSON.stringify(t.tags),
    t.source,
    iso(t.resolvedAt),
    iso(t.closedAt),
    t.rating ? JSON.stringify(t.rating) : null,
    t.escalationLevel,
    t.pageUrl ?? null,
    iso(t.createdAt),
    iso(t.updatedAt),
  );
}

/** Tickets on SQLite. */
export function sqliteTickets(db: DatabaseSync, signal: AppendSignal): TicketRepo {
  // Hand-offs together (a backlog given up as busy at once) share a commit.
  const commit = groupCommit(db);
  return {
    insert: (t, emit) =>
      run(() =>
        transaction(db, () => {
          insertTicket(db, t);
          writeEvents(db, signal, emit, t);
        })
      ),
    handOff: (h) =>
      commit(() => {
        const wid = h.workspaceId;
        const row = db.prepare("SELECT * FROM conversations WHERE workspace_id = ? AND id = ?").get(
          wid,
          h.conversationId,
        ) as Row | undefined;
        if (!row) throw new NotFoundError("Conversation");
        let conversation = toConversation(row);
        const switched = conversation.handledBy === "ai";
        if (switched) {
          conversation = { ...conversation, handledBy: "human", updatedAt: h.at };
          db.prepare("UPDATE conversations SET handled_by = 'human', updated_at = ? WHERE workspace_id = ? AND id = ?")
            .run(iso(h.at), wid, h.conversationId);
          writeEvents(db, signal, h.switched, conversation);
        }
        const had = db.prepare("SELECT * FROM tickets WHERE workspace_id = ? AND conversation_id = ?").get(
          wid,
          h.conversationId,
        ) as Row | undefined;
        const ticket = had ? toTicket(had) : h.ticket;
        if (!had) {
          insertTicket(db, ticket);
          writeEvents(db, signal, h.opened, ticket);
        }
        const change = { switched, ticket, opened: !had };
        const lines = h.lines(change).map((d) => {
          const { message, conversation } = appendRows(db, signal, wid, h.conversationId, d, h.at, h.appended);
          return { message, conversation };
        });
        return { ...change, conversation, lines };
      }),
    get: (wid, id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM tickets WHERE workspace_id = ? AND id = ?").get(wid, id) as Row | undefined;
        return r ? toTicket(r) : null;
      }),
    forConversation: (wid, conversationId) =>
      run(() => {
        const r = db.prepare("SELECT * FROM tickets WHERE workspace_id = ? AND conversation_id = ?").get(
          wid,
          conversationId,
        ) as
          | Row
          | undefined;
        return r ? toTicket(r) : null;
      }),
    list: (wid, f) =>
      run(() => {
        const where = ["t.workspace_id = ?"];
        const args: SQLInputValue[] = [wid];
        if (f.status) (where.push("t.status = ?"), args.push(f.status));
        if (f.priority) (where.push("t.priority = ?"), args.push(f.priority));
        if (f.assignedTo === null) where.push("t.assigned_to IS NULL");
        else if (f.assignedTo) (where.push("t.assigned_to = ?"), args.push(f.assignedTo));
        if (f.tag) (where.push("EXISTS (SELECT 1 FROM json_each(t.tags) WHERE value = ?)"), args.push(f.tag));
        if (f.agentId) (where.push("t.agent_id = ?"), args.push(f.agentId));
        if (f.q) {
          const like = `%${f.q.replace(/[\\%_]/g, (ch) => "\\" + ch)}%`;
          where.push(
            `(t.title LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = t.conversation_id
               AND m.workspace_id = t.workspace_id AND m.text LIKE ? ESCAPE '\\'${
              f.searchInternal ? "" : " AND m.internal = 0"
            }))`,
          );
          args.push(like, like);
        }
        const { col, dir } = SORTS[f.sort];
        if (f.after) {
          const op = dir === "DESC" ? "<" : ">";
          where.push(`(t.${col} ${op} ? OR (t.${col} = ? AND t.id ${op} ?))`);
          const key = col === "priority_rank" ? Number(f.after.key) : f.after.key;
          args.push(key, key, f.after.id);
        }
        const rows = db.prepare(
          `SELECT t.* FROM tickets t WHERE ${where.join(" AND ")} ORDER BY t.${col} ${dir}, t.id ${dir} LIMIT ?`,
        ).all(...args, f.limit) as Row[];
        return rows.map((r) => ({ ticket: toTicket(r), key: String(r[col]) }));
      }),
    update: (wid, id, p, emit) =>
      run(() =>
        transaction(db, () => {
          const sets: string[] = [];
          const args: SQLInputValue[] = [];
          const put = (col: string, v: SQLInputValue) => (sets.push(`${col} = ?`), args.push(v));
          if (p.title !== undefined) put("title", p.title);
          if (p.description !== undefined) put("description", p.description);
          if (p.priority !== undefined) (put("priority", p.priority), put("priority_rank", rank(p.priority)));
          if (p.customerEmail !== undefined) put("customer_email", p.customerEmail);
          if (p.customerName !== undefined) put("customer_name", p.customerName);
          if (p.assignedTo !== undefined) put("assigned_to", p.assignedTo);
          if (p.tags !== undefined) put("tags", JSON.stringify(p.tags));
          if (p.status !== undefined) put("status", p.status);
          if (p.resolvedAt !== undefined) put("resolved_at", iso(p.resolvedAt));
          if (p.closedAt !== undefined) put("closed_at", iso(p.closedAt));
          if (p.rating !== undefined) put("rating", p.rating ? JSON.stringify(p.rating) : null);
          if (p.escalationLevel !== undefined) put("escalation_level", p.escalationLevel);
          put("updated_at", iso(p.updatedAt));
          const r = db.prepare(`UPDATE tickets SET ${sets.join(", ")} WHERE workspace_id = ? AND id = ? RETURNING *`)
            .get(...args, wid, id) as Row | undefined;
          return r ? writeEvents(db, signal, emit, toTicket(r)) : null;
        })
      ),
    awaitingStaff: (openedBefore, belowLevel, limit) =>
      run(() =>
        (db.prepare(
          `SELECT t.* FROM tickets t WHERE t.status IN ('open', 'in-progress') AND t.created_at <= ? AND t.escalation_level < ?
             AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = t.conversation_id AND m.author_kind = 'staff'
               AND m.internal = 0 AND m.created_at >= t.created_at)
           ORDER BY t.created_at LIMIT ?`,
        ).all(iso(openedBefore), belowLevel, limit) as Row[]).map(toTicket)
      ),
  };
}

const toCanned = (r: Row): CannedResponse => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  title: r.title as string,
  shortcut: r.shortcut as string,
  body: r.body as string,
  createdBy: r.created_by as string,
  createdAt: date(r.created_at)!,
  updatedAt: date(r.updated_at)!,
});

const shortcutTaken = () => new ConflictError("Another canned response uses this shortcut.", "shortcut_taken");

/** Canned responses on SQLite. */
export function sqliteCanned(db: DatabaseSync): CannedRepo {
  return {
    list: (wid) =>
      run(() =>
        (db.prepare("SELECT * FROM canned_responses WHERE workspace_id = ? ORDER BY shortcut").all(wid) as Row[]).map(
          toCanned,
        )
      ),
    get: (wid, id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM canned_responses WHERE workspace_id = ? AND id = ?").get(wid, id) as
          | Row
          | undefined;
        return r ? toCanned(r) : null;
      }),
    insert: (c) =>
      run(() => {
        try {
          db.prepare(
            `INSERT INTO canned_responses (id, workspace_id, title, shortcut, body, created_by, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(c.id, c.workspaceId, c.title, c.shortcut, c.body, c.createdBy, iso(c.createdAt), iso(c.updatedAt));
        } catch (err) {
          if (isUniqueViolation(err)) throw shortcutTaken();
          throw err;
        }
      }),
    update: (wid, id, p) =>
      run(() => {
        try {
          const r = db.prepare(
            "UPDATE canned_responses SET title = ?, shortcut = ?, body = ?, updated_at = ? WHERE workspace_id = ? AND id = ? RETURNING *",
          ).get(p.title, p.shortcut, p.body, iso(p.updatedAt), wid, id) as Row | undefined;
          return r ? toCanned(r) : null;
        } catch (err) {
          if (isUniqueViolation(err)) throw shortcutTaken();
          throw err;
        }
      }),
    remove: (wid, id) =>
      run(() =>
        Number(db.prepare("DELETE FROM canned_responses WHERE workspace_id = ? AND id = ?").run(wid, id).changes) > 0
      ),
  };
}

/** Workspace settings on SQLite. */
export function sqliteSettings(db: DatabaseSync): SettingsRepo {
  return {
    get: <T>(wid: string, key: string) =>
      run(() => {
        const r = db.prepare("SELECT value FROM workspace_settings WHERE workspace_id = ? AND key = ?").get(wid, key) as
          | Row
          | undefined;
        return r ? JSON.parse(r.value as string) as T : null;
      }),
    put: (wid, key, value, at) =>
      run(() => {
        db.prepare(
          `INSERT INTO workspace_settings (workspace_id, key, value, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (workspace_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        ).run(wid, key, JSON.stringify(value), iso(at));
      }),
    workspacesWith: (key) =>
      run(() =>
        (db.prepare("SELECT workspace_id FROM workspace_settings WHERE key = ?").all(key) as Row[]).map((r) =>
          r.workspace_id as string
        )
      ),
  };
}
