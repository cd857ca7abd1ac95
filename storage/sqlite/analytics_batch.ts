/**
 * The rollups' batch writer: the events handed over together applied in one
 * transaction, each fact, ticket, list, histogram and sketch read once and
 * written once (`BatchTx`), each event's effect once by its id (`applyAll`).
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import {
  type ConversationFact,
  DAY_COUNTERS,
  type DayCounters,
  type DayKey,
  type DurationMetric,
  type QuestionDelta,
  type RollupTx,
  TEAM_COUNTERS,
  type TeamCounters,
  type TicketFact,
} from "../../models/analytics/rollup_types.ts";
import {
  DAY_CAPACITY,
  heavyAdd,
  type HeavyEntry,
  heavyJson,
  heavyOf,
  MONTH_CAPACITY,
} from "../../models/analytics/heavy.ts";
import { type Row, transaction } from "./db.ts";
import {
  ADD_DAY,
  ADD_TEAM,
  counts,
  FACT_COLS,
  factRow,
  PUT_FACT,
  PUT_TICKET,
  ticketRow,
  toFact,
  toTicket,
} from "./analytics_rows.ts";

/** A fact as read (its row, to write back only the columns that changed) and as it is now. */
interface CachedFact {
  row: SQLInputValue[] | null;
  fact: ConversationFact | null;
  dirty: boolean;
}

const dayKey = (k: DayKey) => `${k.workspaceId}\u0000${k.day}\u0000${k.agentId}`;

/**
 * The rollups of one batch of events, applied in one transaction: each fact, ticket, histogram and sketch is read
 * at most once and written once at the end (a fact by the columns that changed, not replaced with its indexes),
 * and the counters' deltas are summed per day before they are written. Under load the listener hands over many
 * events at once; this keeps the rollups' cost per chat message a small share of the relay's (see README).
 */
class BatchTx implements RollupTx {
  #db: DatabaseSync;
  #facts = new Map<string, CachedFact>();
  #tickets = new Map<string, { ticket: TicketFact | null; dirty: boolean }>();
  #days = new Map<string, { key: DayKey; delta: Record<string, number> }>();
  #team = new Map<string, { key: DayKey & { userId: string }; delta: Record<string, number> }>();
  #histograms = new Map<string, { key: DayKey; metric: DurationMetric; h: Uint32Array | null; dirty: boolean }>();
  #sketches = new Map<string, { key: DayKey; sketch: Uint8Array | null; dirty: boolean }>();
  #questions = new Map<string, { key: DayKey; period: string; entries: Map<string, HeavyEntry>; dirty: boolean }>();
  #pages = new Map<string, { key: DayKey; url: string; n: number }>();
  #categories = new Map<string, { key: DayKey; category: string; conversations: number; tickets: number }>();
  /** Per visitor: the ids of conversations flagged first in the store, and of those flagged in this batch. */
  #firsts = new Map<string, Set<string>>();

  /** The rollups' writer sequence as this cache's last transaction left it (`begin`). */
  #seq: number | null = null;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /**
   * At the start of each transaction: when another writer (an instance that took the listener's lease over, a
   * rebuild's reset) wrote the rollups since this cache's last transaction, what it read is dropped.
   */
  begin() {
    const seq = Number(
      (this.#db.prepare("UPDATE analytics_writer SET seq = seq + 1 WHERE id = 1 RETURNING seq").get() as Row).seq,
    );
    if (this.#seq !== null && seq !== this.#seq + 1) {
      for (const m of [this.#facts, this.#tickets, this.#histograms, this.#sketches, this.#questions, this.#firsts]) {
        m.clear();
      }
    }
    this.#seq = seq;
  }

  fact(id: string): ConversationFact | null {
    let c = this.#facts.get(id);
    if (!c) {
      const r = this.#db.prepare("SELECT * FROM analytics_facts WHERE conversation_id = ?").get(id) as Row | undefined;
      // The row as stored is what factRow gives back for an unchanged fact (same ISO texts, 0/1, JSON).
      c = { row: r ? FACT_COLS.map((col) => r[col] as SQLInputValue) : null, fact: r ? toFact(r) : null, dirty: false };
      this.#facts.set(id, c);
    }
    return c.fact;
  }
  putFact(f: ConversationFact) {
    if (f.firstOfVisitor || f.firstWithAgent) this.#flagged(f.workspaceId, f.visitorId).add(f.conversationId);
    const c = this.#facts.get(f.conversationId);
    if (c) Object.assign(c, { fact: f, dirty: true });
    else this.#facts.set(f.conversationId, { row: null, fact: f, dirty: true });
  }
  ticket(id: string): TicketFact | null {
    let c = this.#tickets.get(id);
    if (!c) {
      const r = this.#db.prepare("SELECT * FROM analytics_tickets WHERE ticket_id = ?").get(id) as Row | undefined;
      c = { ticket: r ? toTicket(r) : null, dirty: false };
      this.#tickets.set(id, c);
    }
    return c.ticket;
  }
  putTicket(t: TicketFact) {
    this.#tickets.set(t.ticketId, { ticket: t, dirty: true });
  }
  visitorEmail(workspaceId: string, visitorId: string): string | null {
    const r = this.#db.prepare("SELECT email FROM analytics_visitors WHERE workspace_id = ? AND visitor_id = ?")
      .get(workspaceId, visitorId) as Row | undefined;
    return r ? String(r.email) : null;
  }
  identify(workspaceId: string, visitorId: string, email: string) {
    // Written through: the facts held so far go first, and are read again after.
    this.#flushFacts();
    this.#facts.clear();
    this.#db.prepare(
      `INSERT INTO analytics_visitors (workspace_id, visitor_id, email) VALUES (?, ?, ?)
       ON CONFLICT (workspace_id, visitor_id) DO UPDATE SET email = excluded.email`,
    ).run(workspaceId, visitorId, email);
    this.#db.prepare("UPDATE analytics_facts SET customer_email = ? WHERE workspace_id = ? AND visitor_id = ?")
      .run(email, workspaceId, visitorId);
  }
  add(k: DayKey, delta: Partial<DayCounters>) {
    const id = dayKey(k);
    const sum = this.#days.get(id) ?? this.#days.set(id, { key: k, delta: {} }).get(id)!;
    for (const [n, v] of Object.entries(delta)) sum.delta[n] = (sum.delta[n] ?? 0) + (v ?? 0);
  }
  addTeam(k: DayKey & { userId: string }, delta: Partial<TeamCounters>) {
    const id = `${dayKey(k)}\u0000${k.userId}`;
    const sum = this.#team.get(id) ?? this.#team.set(id, { key: k, delta: {} }).get(id)!;
    for (const [n, v] of Object.entries(delta)) sum.delta[n] = (sum.delta[n] ?? 0) + (v ?? 0);
  }
  histogram(k: DayKey, metric: DurationMetric): Uint32Array | null {
    const id = `${dayKey(k)}\u0000${metric}`;
    let c = this.#histograms.get(id);
    if (!c) {
      const r = this.#db.prepare(
        "SELECT counts FROM analytics_durations WHERE workspace_id = ? AND metric = ? AND day = ? AND agent_id = ?",
      ).get(k.workspaceId, metric, k.day, k.agentId) as Row | undefined;
      c = { key: k, metric, h: r ? counts(r.counts as Uint8Array) : null, dirty: false };
      this.#histograms.set(id, c);
    }
    return c.h;
  }
  putHistogram(k: DayKey, metric: DurationMetric, h: Uint32Array) {
    this.#histograms.set(`${dayKey(k)}\u0000${metric}`, { key: k, metric, h, dirty: true });
  }
  sketch(k: DayKey): Uint8Array | null {
    const id = dayKey(k);
    let c = this.#sketches.get(id);
    if (!c) {
      const r = this.#db.prepare(
        "SELECT registers FROM analytics_sketches WHERE workspace_id = ? AND day = ? AND agent_id = ?",
      ).get(k.workspaceId, k.day, k.agentId) as Row | undefined;
      c = { key: k, sketch: r ? new Uint8Array(r.registers as Uint8Array) : null, dirty: false };
      this.#sketches.set(id, c);
    }
    return c.sketch;
  }
  putSketch(k: DayKey, sketch: Uint8Array) {
    this.#sketches.set(dayKey(k), { key: k, sketch, dirty: true });
  }

  addQuestion(k: DayKey, signature: string, d: QuestionDelta) {
    // The day's and the month's lists: each read once per batch, updated in memory, written once.
    for (const [period, capacity] of [[k.day, DAY_CAPACITY], [k.day.slice(0, 7), MONTH_CAPACITY]] as const) {
      const id = `${k.workspaceId}\u0000${period}\u0000${k.agentId}`;
      let q = this.#questions.get(id);
      if (!q) {
        const r = this.#db.prepare(
          "SELECT entries FROM analytics_questions WHERE workspace_id = ? AND period = ? AND agent_id = ?",
        ).get(k.workspaceId, period, k.agentId) as Row | undefined;
        q = { key: k, period, entries: heavyOf(r ? String(r.entries) : null), dirty: false };
        this.#questions.set(id, q);
      }
      heavyAdd(q.entries, capacity, signature, { ...d, day: k.day });
      q.dirty = true;
    }
  }
  addCategory(k: DayKey, category: string, d: { conversations?: number; tickets?: number }) {
    const id = `${dayKey(k)}\u0000${category}`;
    const c = this.#categories.get(id) ??
      this.#categories.set(id, { key: k, category, conversations: 0, tickets: 0 }).get(id)!;
    c.conversations += d.conversations ?? 0;
    c.tickets += d.tickets ?? 0;
  }
  addPage(k: DayKey, url: string) {
    const id = `${dayKey(k)}\u0000${url}`;
    const p = this.#pages.get(id) ?? this.#pages.set(id, { key: k, url, n: 0 }).get(id)!;
    p.n++;
  }
  #flagged(workspaceId: string, visitorId: string): Set<string> {
    const id = `${workspaceId}\u0000${visitorId}`;
    let ids = this.#firsts.get(id);
    if (!ids) {
      // Once per visitor per batch (the index on workspace and visitor): only conversation starts ask.
      const rows = this.#db.prepare(
        `SELECT conversation_id FROM analytics_facts WHERE workspace_id = ? AND visitor_id = ?
           AND (first_of_visitor = 1 OR first_with_agent = 1)`,
      ).all(workspaceId, visitorId) as Row[];
      ids = new Set(rows.map((r) => String(r.conversation_id)));
      this.#firsts.set(id, ids);
    }
    return ids;
  }
  firstConversation(workspaceId: string, visitorId: string, agentId: string | null): ConversationFact | null {
    for (const id of this.#flagged(workspaceId, visitorId)) {
      const f = this.fact(id);
      if (!f) continue;
      if (agentId === null ? f.firstOfVisitor : f.firstWithAgent && f.agentId === agentId) return f;
    }
    return null;
  }

  /**
   * Writes what the batch changed since the last flush. What was read stays cached, as written, for the next
   * chunk of the same batch (`begin` drops it should another writer come in between); sums start again.
   */
  flush() {
    const db = this.#db;
    this.#flushFacts();
    for (const c of this.#tickets.values()) {
      if (c.dirty && c.ticket) db.prepare(PUT_TICKET).run(...ticketRow(c.ticket));
      c.dirty = false;
    }
    for (const { key: k, delta } of this.#days.values()) {
      db.prepare(ADD_DAY).run(k.workspaceId, k.day, k.agentId, ...DAY_COUNTERS.map((n) => delta[n] ?? 0));
    }
    for (const { key: k, delta } of this.#team.values()) {
      db.prepare(ADD_TEAM).run(k.workspaceId, k.day, k.agentId, k.userId, ...TEAM_COUNTERS.map((n) => delta[n] ?? 0));
    }
    for (const c of this.#histograms.values()) {
      const { key: k, metric, h, dirty } = c;
      c.dirty = false;
      if (!dirty || !h) continue;
      db.prepare(
        `INSERT OR REPLACE INTO analytics_durations (workspace_id, metric, day, agent_id, counts)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(k.workspaceId, metric, k.day, k.agentId, new Uint8Array(h.buffer, h.byteOffset, h.byteLength));
    }
    for (const q of this.#questions.values()) {
      const { key: k, period, entries, dirty } = q;
      q.dirty = false;
      if (!dirty) continue;
      db.prepare(
        "INSERT OR REPLACE INTO analytics_questions (workspace_id, period, agent_id, entries) VALUES (?, ?, ?, ?)",
      ).run(k.workspaceId, period, k.agentId, heavyJson(entries));
    }
    for (const { key: k, url, n } of this.#pages.values()) {
      db.prepare(
        `INSERT INTO analytics_pages (workspace_id, day, url, agent_id, conversations) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, day, url, agent_id) DO UPDATE SET conversations = conversations + excluded.conversations`,
      ).run(k.workspaceId, k.day, url, k.agentId, n);
    }
    for (const { key: k, category, conversations, tickets } of this.#categories.values()) {
      db.prepare(
        `INSERT INTO analytics_categories (workspace_id, day, category, agent_id, conversations, tickets)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, day, category, agent_id) DO UPDATE SET
         conversations = conversations + excluded.conversations, tickets = tickets + excluded.tickets`,
      ).run(k.workspaceId, k.day, category, k.agentId, conversations, tickets);
    }
    for (const c of this.#sketches.values()) {
      const { key: k, sketch, dirty } = c;
      c.dirty = false;
      if (!dirty || !sketch) continue;
      db.prepare(
        "INSERT OR REPLACE INTO analytics_sketches (workspace_id, day, agent_id, registers) VALUES (?, ?, ?, ?)",
      ).run(k.workspaceId, k.day, k.agentId, sketch);
    }
    this.#days.clear();
    this.#team.clear();
    this.#pages.clear();
    this.#categories.clear();
  }

  #flushFacts() {
    for (const c of this.#facts.values()) {
      if (!c.dirty || !c.fact) continue;
      const row = factRow(c.fact);
      if (!c.row) {
        this.#db.prepare(PUT_FACT).run(...row);
      } else {
        // Only the changed columns: an UPDATE leaves the indexes of the others alone.
        const changed = FACT_COLS.flatMap((_, i) => row[i] === c.row![i] ? [] : [i]);
        if (changed.length) {
          this.#db.prepare(
            `UPDATE analytics_facts SET ${changed.map((i) => `${FACT_COLS[i]} = ?`).join(", ")}
             WHERE conversation_id = ?`,
          ).run(...changed.map((i) => row[i]), c.fact.conversationId);
        }
      }
      c.row = row;
      c.dirty = false;
    }
  }
}

export interface Pending {
  eventId: string;
  fn: (tx: RollupTx) => void;
  resolve: (applied: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * A cache of the rollups' rows for the chunks of one batch (`applyAll`). Dropped after a chunk that failed: it
 * holds that chunk's changes, which were rolled back.
 */
export type RollupCache = BatchTx;
export const rollupCache = (db: DatabaseSync): RollupCache => new BatchTx(db);

/**
 * Applies each effect whose event id is new, in one transaction; true for each that was. With `enough`, the
 * transaction ends after the first job for which it says so: the answer covers the jobs applied, in order.
 */
export function applyAll(
  db: DatabaseSync,
  jobs: Pending[],
  batch: RollupCache = new BatchTx(db),
  enough?: (done: number) => boolean,
): boolean[] {
  return transaction(db, () => {
    batch.begin();
    const applied: boolean[] = [];
    for (const { eventId, fn } of jobs) {
      const fresh = db.prepare("INSERT OR IGNORE INTO analytics_applied (event_id) VALUES (?)").run(eventId);
      if (fresh.changes) fn(batch);
      applied.push(Boolean(fresh.changes));
      if (enough?.(applied.length)) break;
    }
    batch.flush();
    return applied;
  });
}
