/**
 * The analytics rollups in SQLite: facts per conversation and ticket,
 * counters per day, per-day duration histograms, and the applied event ids
 * that make each event's effect happen once.
 *
 * @module
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { DAY_COUNTERS, type GapFix, TEAM_COUNTERS } from "../../models/analytics/rollup_types.ts";
import type { AnalyticsRepo } from "../../models/ports/store_analytics.ts";
import { gapAgentsOf, mergeQuestions, questionPeriods } from "../../models/analytics/heavy.ts";
import { date, groupCommit, iso, type Row, run, writeLockWanted } from "./db.ts";
import { monthSpans } from "../../models/analytics/days.ts";
import { counters, counts, DAY_COLS, period, str, TEAM_COLS, toFact } from "./analytics_rows.ts";
import { applyAll, type Pending, rollupCache } from "./analytics_batch.ts";

/**
 * Events per rollup transaction (see `flush`): about 2-3 ms of holding the write lock, during which a write on
 * the event loop (an AI reply's rows) waits with the loop stopped. 250 held it twice as long; the chunks of a
 * batch share their reads, so smaller ones cost only their commits.
 */
const CHUNK = 100;

/**
 * A chunk ends early once another thread waits for the write lock (a visitor's message to store): after at
 * least this many events (a quarter of a millisecond or so), so a busy chat still lets the rollups move on.
 */
export const MIN_CHUNK = 10;
const yieldEarly = (done: number) => done >= MIN_CHUNK && writeLockWanted();

/** Float32 values of stored bytes (copied: the bytes may not be aligned to 4). */
const toVector = (b: Uint8Array) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** The SQLite analytics repository. */
export function sqliteAnalytics(db: DatabaseSync): AnalyticsRepo {
  const write = groupCommit(db);
  let queue: Pending[] = [];
  // Like groupCommit, but the jobs queued together share one cache of the rows they read (a busy conversation's
  // fact is read once, not once per message), and are written a chunk at a time: each chunk is a transaction,
  // and between chunks the write lock is left to the chat's appends, which a second's batch (thousands of
  // events) would otherwise hold up for hundreds of milliseconds. Should an effect throw, its chunk is rolled
  // back and each of its effects runs again alone, so one bad event fails alone.
  const flush = async () => {
    const jobs = queue;
    queue = [];
    let cache = rollupCache(db);
    for (let i = 0; i < jobs.length;) {
      if (i) await new Promise((r) => setTimeout(r, 0));
      const chunk = jobs.slice(i, i + CHUNK);
      try {
        const applied = applyAll(db, chunk, cache, yieldEarly);
        applied.forEach((done, k) => chunk[k].resolve(done));
        i += applied.length;
      } catch (err) {
        cache = rollupCache(db);
        i += chunk.length;
        if (chunk.length === 1) {
          chunk[0].reject(err);
          continue;
        }
        for (const job of chunk) {
          try {
            job.resolve(applyAll(db, [job])[0]);
          } catch (e) {
            job.reject(e);
          }
        }
      }
    }
  };
  // One flush at a time: a later one starts from what the earlier wrote, not from its cache's rows.
  let flushing = Promise.resolve();
  return {
    apply(eventId, fn) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ eventId, fn, resolve, reject });
        // A flush settles its jobs itself; should it throw all the same, later ones must still run.
        if (queue.length === 1) flushing = flushing.then(flush).catch(() => {});
      });
    },
    reset() {
      // After the flush under way, whose cache would otherwise outlive the rows it read.
      const done = flushing.then(() =>
        write(() => {
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
              "analytics_categories",
            ]
          ) db.exec(`DELETE FROM ${table}`);
          db.exec("UPDATE analytics_writer SET seq = seq + 1"); // caches of other connections are stale now
        })
      );
      flushing = done.catch(() => {});
      return done;
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
        // Whole months from their month rows (day = YYYY-MM), the days around them from day rows.
        const { months, days } = monthSpans(range.from, range.to);
        const agent = range.agentId ? " AND agent_id = ?" : "";
        const parts: string[] = [];
        const args: SQLInputValue[] = [];
        if (months.length) {
          parts.push(`workspace_id = ? AND day IN (${months.map(() => "?").join(", ")})${agent}`);
          args.push(range.workspaceId, ...months, ...(range.agentId ? [range.agentId] : []));
        }
        for (const [from, to] of days) {
          parts.push(`workspace_id = ? AND day BETWEEN ? AND ? AND length(day) = 10${agent}`);
          args.push(range.workspaceId, from, to, ...(range.agentId ? [range.agentId] : []));
        }
        const cols = TEAM_COLS.map((c) => `SUM(${c}) AS ${c}`).join(", ");
        const rows = db.prepare(
          `SELECT user_id, ${cols} FROM (${
            parts.map((w) => `SELECT * FROM analytics_team_days WHERE ${w}`).join(" UNION ALL ")
          }) GROUP BY user_id ORDER BY user_id`,
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
    topicVectors(workspaceId, model, signatures) {
      return run(() => {
        const out = new Map<string, Float32Array>();
        const stmt = db.prepare(
          "SELECT vector FROM analytics_topic_vectors WHERE workspace_id = ? AND model = ? AND signature = ?",
        );
        for (const signature of new Set(signatures)) {
          const r = stmt.get(workspaceId, model, signature) as Row | undefined;
          if (r) out.set(signature, toVector(r.vector as Uint8Array));
        }
        return out;
      });
    },
    saveTopicVectors(workspaceId, model, vectors) {
      return write(() => {
        const stmt = db.prepare(
          `INSERT OR IGNORE INTO analytics_topic_vectors (workspace_id, model, signature, vector) VALUES (?, ?, ?, ?)`,
        );
        for (const { signature, vector } of vectors) {
          stmt.run(workspaceId, model, signature, new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength));
        }
      });
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
    categories(range) {
      return run(() => {
        const [where, args] = period(range);
        return (db.prepare(
          `SELECT day, category, SUM(conversations) AS c, SUM(tickets) AS t FROM analytics_categories WHERE ${where}
           GROUP BY day, category ORDER BY day, category`,
        ).all(...args) as Row[]).map((r) => ({
          day: String(r.day),
          category: String(r.category),
          conversations: Number(r.c),
          tickets: Number(r.t),
        }));
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
