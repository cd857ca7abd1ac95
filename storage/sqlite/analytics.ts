/**
 * The analytics rollups in SQLite: facts per conversation and ticket,
 * counters per day, per-day duration histograms, and the applied event ids
 * that make each event's effect happen once.
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
  type GapFix,
  type QuestionDelta,
  type RollupTx,
  TEAM_COUNTERS,
  type TeamCounters,
  type TicketFact,
} from "../../models/analytics/rollup_types.ts";
import type { AnalyticsRepo, DayRange } from "../../models/ports/store_analytics.ts";
import {
  DAY_CAPACITY,
  gapAgentsOf,
  heavyAdd,
  type HeavyEntry,
  heavyJson,
  heavyOf,
  mergeQuestions,
  MONTH_CAPACITY,
  questionPeriods,
} from "../../models/analytics/heavy.ts";
import { date, groupCommit, iso, type Row, run, transaction } from "./db.ts";

const column = (name: string) => name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
const DAY_COLS = DAY_COUNTERS.map(column);
const TEAM_COLS = TEAM_COUNTERS.map(column);

const ADD_DAY = `INSERT INTO analytics_days (workspace_id, day, agent_id, ${DAY_COLS.join(", ")})
  VALUES (?, ?, ?, ${DAY_COLS.map(() => "?").join(", ")})
  ON CONFLICT (workspace_id, day, agent_id) DO UPDATE SET ${DAY_COLS.map((c) => `${c} = ${c} + excluded.${c}`)}`;
const ADD_TEAM = `INSERT INTO analytics_team_days (workspace_id, day, agent_id, user_id, ${TEAM_COLS.join(", ")})
  VALUES (?, ?, ?, ?, ${TEAM_COLS.map(() => "?").join(", ")})
  ON CONFLICT (workspace_id, day, agent_id, user_id) DO UPDATE SET ${
  TEAM_COLS.map((c) => `${c} = ${c} + excluded.${c}`)
}`;
const FACT_COLS = [
  "conversation_id",
  "workspace_id",
  "agent_id",
  "visitor_id",
  "started_at",
  "day",
  "page_url",
  "messages_customer",
  "messages_ai",
  "messages_staff",
  "ai_involved",
  "ai_answered",
  "last_ai_at",
  "handed_off",
  "handoff_reason",
  "handoff_at",
  "first_response_s",
  "ticket_id",
  "resolved_at",
  "resolution_s",
  "rating",
  "tags",
  "customer_email",
  "question",
  "first_of_visitor",
  "first_with_agent",
  "ai_rated_day",
];
const PUT_FACT = `INSERT OR REPLACE INTO analytics_facts (${FACT_COLS.join(", ")})
  VALUES (${FACT_COLS.map(() => "?").join(", ")})`;

function factRow(f: ConversationFact): SQLInputValue[] {
  return [
    f.conversationId,
    f.workspaceId,
    f.agentId,
    f.visitorId,
    iso(f.startedAt),
    f.day,
    f.pageUrl,
    f.messagesCustomer,
    f.messagesAi,
    f.messagesStaff,
    f.aiInvolved ? 1 : 0,
    f.aiAnswered ? 1 : 0,
    iso(f.lastAiAt),
    f.handedOff ? 1 : 0,
    f.handoffReason,
    iso(f.handoffAt),
    f.firstResponseSeconds,
    f.ticketId,
    iso(f.resolvedAt),
    f.resolutionSeconds,
    f.rating,
    JSON.stringify(f.tags),
    f.customerEmail,
    f.question,
    f.firstOfVisitor ? 1 : 0,
    f.firstWithAgent ? 1 : 0,
    f.aiRatedDay,
  ];
}

const num = (v: SQLInputValue) => (v === null ? null : Number(v));
const str = (v: SQLInputValue) => (v === null ? null : String(v));

function toFact(r: Row): ConversationFact {
  return {
    conversationId: String(r.conversation_id),
    workspaceId: String(r.workspace_id),
    agentId: String(r.agent_id),
    visitorId: String(r.visitor_id),
    startedAt: date(r.started_at) ?? null,
    day: str(r.day),
    pageUrl: str(r.page_url),
    messagesCustomer: Number(r.messages_customer),
    messagesAi: Number(r.messages_ai),
    messagesStaff: Number(r.messages_staff),
    aiInvolved: r.ai_involved === 1,
    aiAnswered: r.ai_answered === 1,
    lastAiAt: date(r.last_ai_at) ?? null,
    handedOff: r.handed_off === 1,
    handoffReason: str(r.handoff_reason),
    handoffAt: date(r.handoff_at) ?? null,
    firstResponseSeconds: num(r.first_response_s),
    ticketId: str(r.ticket_id),
    resolvedAt: date(r.resolved_at) ?? null,
    resolutionSeconds: num(r.resolution_s),
    rating: num(r.rating),
    tags: JSON.parse(String(r.tags)),
    customerEmail: str(r.customer_email),
    question: str(r.question),
    firstOfVisitor: r.first_of_visitor === 1,
    firstWithAgent: r.first_with_agent === 1,
    aiRatedDay: str(r.ai_rated_day ?? null),
  };
}

function toTicket(r: Row): TicketFact {
  return {
    ticketId: String(r.ticket_id),
    workspaceId: String(r.workspace_id),
    conversationId: String(r.conversation_id),
    agentId: String(r.agent_id),
    createdAt: date(r.created_at)!,
    resolvedAt: date(r.resolved_at) ?? null,
    resolvedBy: str(r.resolved_by),
    rating: num(r.rating),
    ratedDay: str(r.rated_day),
    comment: str(r.comment),
  };
}

/** The range's WHERE clause (on a table with workspace_id, day, agent_id) and its values. */
function period(r: DayRange): [string, SQLInputValue[]] {
  const sql = "workspace_id = ? AND day BETWEEN ? AND ?" + (r.agentId ? " AND agent_id = ?" : "");
  return [sql, r.agentId ? [r.workspaceId, r.from, r.to, r.agentId] : [r.workspaceId, r.from, r.to]];
}

function counters<K extends string>(names: readonly K[], r: Row | undefined): Record<K, number> {
  return Object.fromEntries(names.map((n) => [n, Number(r?.[column(n)] ?? 0)])) as Record<K, number>;
}

/** A histogram from its stored bytes (a copy: little-endian 32-bit counts, the platform's order here). */
function counts(bytes: Uint8Array): Uint32Array {
  return new Uint32Array(bytes.slice().buffer);
}

const PUT_TICKET = `INSERT OR REPLACE INTO analytics_tickets (ticket_id, workspace_id, conversation_id, agent_id,
  created_at, resolved_at, resolved_by, rating, rated_day, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function ticketRow(t: TicketFact): SQLInputValue[] {
  return [
    t.ticketId,
    t.workspaceId,
    t.conversationId,
    t.agentId,
    iso(t.createdAt),
    iso(t.resolvedAt),
    t.resolvedBy,
    t.rating,
    t.ratedDay,
    t.comment,
  ];
}

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
  #questions = new Map<string, { key: DayKey; period: string; entries: Map<string, HeavyEntry> }>();
  #pages = new Map<string, { key: DayKey; url: string; n: number }>();
  /** Per visitor: the ids of conversations flagged first in the store, and of those flagged in this batch. */
  #firsts = new Map<string, Set<string>>();

  constructor(db: DatabaseSync) {
    this.#db = db;
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
        q = { key: k, period, entries: heavyOf(r ? String(r.entries) : null) };
        this.#questions.set(id, q);
      }
      heavyAdd(q.entries, capacity, signature, { ...d, day: k.day });
    }
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

  /** Writes what the batch changed. */
  flush() {
    const db = this.#db;
    this.#flushFacts();
    for (const { ticket, dirty } of this.#tickets.values()) {
      if (dirty && ticket) db.prepare(PUT_TICKET).run(...ticketRow(ticket));
    }
    for (const { key: k, delta } of this.#days.values()) {
      db.prepare(ADD_DAY).run(k.workspaceId, k.day, k.agentId, ...DAY_COUNTERS.map((n) => delta[n] ?? 0));
    }
    for (const { key: k, delta } of this.#team.values()) {
      db.prepare(ADD_TEAM).run(k.workspaceId, k.day, k.agentId, k.userId, ...TEAM_COUNTERS.map((n) => delta[n] ?? 0));
    }
    for (const { key: k, metric, h, dirty } of this.#histograms.values()) {
      if (!dirty || !h) continue;
      db.prepare(
        `INSERT OR REPLACE INTO analytics_durations (workspace_id, metric, day, agent_id, counts)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(k.workspaceId, metric, k.day, k.agentId, new Uint8Array(h.buffer, h.byteOffset, h.byteLength));
    }
    for (const { key: k, period, entries } of this.#questions.values()) {
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
    for (const { key: k, sketch, dirty } of this.#sketches.values()) {
      if (!dirty || !sketch) continue;
      db.prepare(
        "INSERT OR REPLACE INTO analytics_sketches (workspace_id, day, agent_id, registers) VALUES (?, ?, ?, ?)",
      ).run(k.workspaceId, k.day, k.agentId, sketch);
    }
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

interface Pending {
  eventId: string;
  fn: (tx: RollupTx) => void;
  resolve: (applied: boolean) => void;
  reject: (err: unknown) => void;
}

/** Applies each effect whose event id is new, in one transaction; true for each that was. */
function applyAll(db: DatabaseSync, jobs: Pending[]): boolean[] {
  return transaction(db, () => {
    const batch = new BatchTx(db);
    const applied = jobs.map(({ eventId, fn }) => {
      const fresh = db.prepare("INSERT OR IGNORE INTO analytics_applied (event_id) VALUES (?)").run(eventId);
      if (!fresh.changes) return false;
      fn(batch);
      return true;
    });
    batch.flush();
    return applied;
  });
}

/** The SQLite analytics repository. */
export function sqliteAnalytics(db: DatabaseSync): AnalyticsRepo {
  const write = groupCommit(db);
  let queue: Pending[] = [];
  // Like groupCommit, but the batch shares one BatchTx: should an effect throw, the batch is rolled back and
  // each effect runs again alone, so one bad event fails alone.
  const flush = () => {
    const jobs = queue;
    queue = [];
    try {
      const applied = applyAll(db, jobs);
      jobs.forEach((job, i) => job.resolve(applied[i]));
    } catch (err) {
      if (jobs.length === 1) return jobs[0].reject(err);
      for (const job of jobs) {
        try {
          job.resolve(applyAll(db, [job])[0]);
        } catch (e) {
          job.reject(e);
        }
      }
    }
  };
  return {
    apply(eventId, fn) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ eventId, fn, resolve, reject });
        if (queue.length === 1) queueMicrotask(flush);
      });
    },
    reset() {
      return write(() => {
        for (
          const table of [
            "analytics_applied",
            "analytics_facts",
            "analytics_tickets",
            "analytics_visitors",
            "analytics_days",
            "analytics_team_days",
            "analytics_durations",
            "analytics_sketches",
            "analytics_questions",
            "analytics_pages",
          ]
        ) db.exec(`DELETE FROM ${table}`);
      });
    },
    totals(range) {
      return run(() => {
        const [where, args] = period(range);
        const r = db.prepare(
          `SELECT ${DAY_COLS.map((c) => `SUM(${c}) AS ${c}`).join(", ")} FROM analytics_days WHERE ${where}`,
        ).get(...args) as Row | undefined;
        return counters(DAY_COUNTERS, r);
      });
    },
    byDay(range) {
      return run(() => {
        const [where, args] = period(range);
        const rows = db.prepare(
          `SELECT day, ${DAY_COLS.map((c) => `SUM(${c}) AS ${c}`).join(", ")} FROM analytics_days WHERE ${where}
           GROUP BY day ORDER BY day`,
        ).all(...args) as Row[];
        return rows.map((r) => ({ day: String(r.day), ...counters(DAY_COUNTERS, r) }));
      });
    },
    durations(range, metric) {
      return run(() => {
        const [where, args] = period(range);
        return (db.prepare(`SELECT counts FROM analytics_durations WHERE metric = ? AND ${where}`)
          .all(metric, ...args) as Row[]).map((r) => counts(r.counts as Uint8Array));
      });
    },
    customers(range) {
      return run(() => {
        const [where, args] = period(range);
        const r = db.prepare(`SELECT COUNT(DISTINCT visitor_id) AS n FROM analytics_facts WHERE ${where}`)
          .get(...args) as Row;
        return Number(r.n);
      });
    },
    sketches(range) {
      return run(() => {
        const [where, args] = period(range);
        return (db.prepare(`SELECT registers FROM analytics_sketches WHERE ${where}`).all(...args) as Row[])
          .map((r) => r.registers as Uint8Array);
      });
    },
    answeredSince(range, since) {
      return run(() => {
        const [where, args] = period(range);
        const rows = db.prepare(
          `SELECT day, COUNT(*) AS n FROM analytics_facts INDEXED BY analytics_facts_answered
           WHERE ai_answered = 1 AND last_ai_at > ? AND ${where} GROUP BY day`,
        ).all(iso(since), ...args) as Row[];
        return rows.map((r) => ({ day: String(r.day), count: Number(r.n) }));
      });
    },
    team(range) {
      return run(() => {
        const [where, args] = period(range);
        const rows = db.prepare(
          `SELECT user_id, ${TEAM_COLS.map((c) => `SUM(${c}) AS ${c}`).join(", ")} FROM analytics_team_days
           WHERE ${where} GROUP BY user_id ORDER BY user_id`,
        ).all(...args) as Row[];
        return rows.map((r) => ({ userId: String(r.user_id), ...counters(TEAM_COUNTERS, r) }));
      });
    },
    questions(range, { unsure, limit }) {
      return run(() => {
        const periods = questionPeriods(range.from, range.to);
        const sql = `SELECT agent_id, entries FROM analytics_questions WHERE workspace_id = ? AND period IN (${
          periods.map(() => "?").join(", ")
        })${range.agentId ? " AND agent_id = ?" : ""}`;
        const args = [range.workspaceId, ...periods, ...(range.agentId ? [range.agentId] : [])];
        const rows = db.prepare(sql).all(...args) as Row[];
        return mergeQuestions(
          rows.map((r) => ({ agentId: String(r.agent_id), entries: String(r.entries) })),
          unsure,
          limit,
        );
      });
    },
    gapAgents(workspaceId, signature) {
      return run(() => {
        // Months only (a bounded list per agent and month): a fix is rare, and reads the workspace's history.
        const rows = db.prepare(
          "SELECT agent_id, entries FROM analytics_questions WHERE workspace_id = ? AND length(period) = 7",
        ).all(workspaceId) as Row[];
        return gapAgentsOf(rows.map((r) => ({ agentId: String(r.agent_id), entries: String(r.entries) })), signature);
      });
    },
    questionTotal(range) {
      return run(() => {
        const [where, args] = period(range);
        const r = db.prepare(`SELECT SUM(questions) AS n FROM analytics_days WHERE ${where}`).get(...args) as Row;
        return Number(r.n ?? 0);
      });
    },
    fixGap(fix: GapFix) {
      return write(() => {
        db.prepare(
          `INSERT OR REPLACE INTO analytics_gap_fixes (workspace_id, signature, agent_id, source_id, fixed_by, fixed_at,
             fixed_day) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(fix.workspaceId, fix.signature, fix.agentId, fix.sourceId, fix.fixedBy, iso(fix.fixedAt), fix.fixedDay);
      });
    },
    gapFixes(workspaceId) {
      return run(() =>
        (db.prepare("SELECT * FROM analytics_gap_fixes WHERE workspace_id = ?").all(workspaceId) as Row[]).map((
          r,
        ) => ({
          workspaceId: String(r.workspace_id),
          signature: String(r.signature),
          agentId: String(r.agent_id),
          sourceId: String(r.source_id),
          fixedBy: String(r.fixed_by),
          fixedAt: date(r.fixed_at)!,
          fixedDay: String(r.fixed_day),
        }))
      );
    },
    pages(range, limit) {
      return run(() => {
        const [where, args] = period(range);
        return (db.prepare(
          `SELECT url, SUM(conversations) AS n FROM analytics_pages WHERE ${where}
           GROUP BY url ORDER BY n DESC, url LIMIT ?`,
        ).all(...args, limit) as Row[]).map((r) => ({ url: String(r.url), conversations: Number(r.n) }));
      });
    },
    openBefore(range) {
      return run(() => {
        const sql = "workspace_id = ? AND day < ?" + (range.agentId ? " AND agent_id = ?" : "");
        const args = range.agentId ? [range.workspaceId, range.from, range.agentId] : [range.workspaceId, range.from];
        const r = db.prepare(
          `SELECT SUM(tickets_created) - SUM(tickets_resolved) AS n FROM analytics_days WHERE ${sql}`,
        ).get(...args) as Row;
        return Number(r.n ?? 0);
      });
    },
    comments(range, limit) {
      return run(() => {
        const sql = "workspace_id = ? AND rated_day BETWEEN ? AND ?" + (range.agentId ? " AND agent_id = ?" : "") +
          (range.userId ? " AND resolved_by = ?" : "");
        const args: SQLInputValue[] = [range.workspaceId, range.from, range.to];
        if (range.agentId) args.push(range.agentId);
        if (range.userId) args.push(range.userId);
        return (db.prepare(
          `SELECT * FROM analytics_tickets INDEXED BY analytics_tickets_rated
           WHERE comment IS NOT NULL AND ${sql} ORDER BY rated_day DESC, ticket_id DESC LIMIT ?`,
        ).all(...args, limit) as Row[]).map((r) => ({
          ticketId: String(r.ticket_id),
          conversationId: String(r.conversation_id),
          agentId: String(r.agent_id),
          resolvedBy: str(r.resolved_by),
          score: Number(r.rating),
          comment: String(r.comment),
          day: String(r.rated_day),
        }));
      });
    },
    facts(range, { after, limit, tag }) {
      return run(() => {
        const [where, args] = period(range);
        const cursor = after ? JSON.parse(atob(after)) as [string, string, string] : null;
        // A tag is matched in each fact's JSON list as the period's index range is read (README: tag filter cost).
        const rows = db.prepare(
          `SELECT * FROM analytics_facts WHERE ${where} ${
            cursor ? "AND (day, started_at, conversation_id) > (?, ?, ?)" : ""
          } ${
            tag ? "AND EXISTS (SELECT 1 FROM json_each(analytics_facts.tags) WHERE value = ?)" : ""
          } ORDER BY day, started_at, conversation_id LIMIT ?`,
        ).all(...args, ...(cursor ?? []), ...(tag ? [tag] : []), limit + 1) as Row[];
        const facts = rows.slice(0, limit).map(toFact);
        const last = facts.at(-1);
        const next = rows.length > limit && last
          ? btoa(JSON.stringify([last.day, iso(last.startedAt), last.conversationId]))
          : null;
        return { facts, next };
      });
    },
  };
}
