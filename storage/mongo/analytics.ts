/**
 * The analytics rollups on MongoDB: facts per conversation and ticket, counters per day (`$inc` upserts),
 * per-day duration histograms and visitor sketches (binary), and the applied event ids that make each event's
 * effect happen once.
 *
 * The rollup code (`models/analytics/rollup.ts`) is synchronous: it reads facts and writes changes through a
 * `RollupTx` and must not wait. MongoDB reads are asynchronous, so `apply` runs it against what it has read so far
 * and, when it asks for something not read yet, stops it (`NeedsRead`), reads that inside the transaction and runs
 * it again from the start (it is a pure function of what it reads: no clock, no ids). Each run starts from clean
 * copies, so nothing of an interrupted run is kept; a few reads per event means a few runs of a few microseconds.
 * Once it runs through, its changes are written with the event id in one transaction.
 *
 * @module
 */
import type { AnyBulkWriteOperation, ClientSession, Document } from "mongodb";
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
  type HeavyList,
  heavyOf,
  mergeQuestions,
  MONTH_CAPACITY,
  questionPeriods,
} from "../../models/analytics/heavy.ts";
import { bytes, type Mongo, transaction } from "./db.ts";

const COLLECTIONS = {
  applied: "analytics_applied",
  facts: "analytics_facts",
  tickets: "analytics_tickets",
  visitors: "analytics_visitors",
  days: "analytics_days",
  team: "analytics_team_days",
  durations: "analytics_durations",
  sketches: "analytics_sketches",
  questions: "analytics_questions",
  pages: "analytics_pages",
  gapFixes: "analytics_gap_fixes",
} as const;

/** Thrown by the in-memory tx for a value it has not read yet; `read` fetches it. */
class NeedsRead {
  constructor(readonly key: string, readonly read: (session: ClientSession) => Promise<unknown>) {}
}

const dayKey = (k: DayKey) => `${k.workspaceId}\u0000${k.day}\u0000${k.agentId}`;
const toFact = ({ _id, ...rest }: Document) => ({ aiRatedDay: null, conversationId: _id, ...rest }) as ConversationFact;
const toTicket = ({ _id, ...rest }: Document) => ({ ticketId: _id, ...rest }) as TicketFact;
/** A histogram from stored bytes (a copy: little-endian 32-bit counts, the platform's order here). */
const counts = (v: unknown) => new Uint32Array(new Uint8Array(bytes(v)).buffer);

/** One run of an event's rollup over the values read so far (`loaded`), recording what it changes. */
class MemoryTx implements RollupTx {
  facts = new Map<string, ConversationFact | null>();
  dirtyFacts = new Set<string>();
  tickets = new Map<string, TicketFact>();
  identified = new Map<string, { workspaceId: string; visitorId: string; email: string }>();
  days = new Map<string, { key: DayKey; delta: Record<string, number> }>();
  team = new Map<string, { key: DayKey & { userId: string }; delta: Record<string, number> }>();
  histograms = new Map<string, { key: DayKey; metric: DurationMetric; h: Uint32Array }>();
  sketches = new Map<string, { key: DayKey; sketch: Uint8Array }>();
  questions = new Map<string, { key: DayKey; period: string; entries: Map<string, HeavyEntry> }>();
  pages = new Map<string, { key: DayKey; url: string; n: number }>();
  /** Per visitor: the ids of conversations flagged first in the store, and of those flagged in this run. */
  firsts = new Map<string, Set<string>>();

  /** What this run has read (its own copies: a run may change what it read before putting it back). */
  #seen = new Map<string, unknown>();

  constructor(private readonly m: Mongo, private readonly loaded: Map<string, unknown>) {}

  /** The value of `key` as read in this transaction (a fresh copy), or a stop to go and read it. */
  #read<T>(key: string, read: (session: ClientSession) => Promise<T>): T {
    if (!this.#seen.has(key)) {
      if (!this.loaded.has(key)) throw new NeedsRead(key, read);
      this.#seen.set(key, structuredClone(this.loaded.get(key)));
    }
    return this.#seen.get(key) as T;
  }
  #col(name: keyof typeof COLLECTIONS) {
    return this.m.db.collection(COLLECTIONS[name]);
  }

  fact(id: string): ConversationFact | null {
    if (!this.facts.has(id)) {
      const f = this.#read(`fact:${id}`, async (session) => {
        const d = await this.#col("facts").findOne({ _id: id as never }, { session });
        return d ? toFact(d) : null;
      });
      const who = f && this.identified.get(`${f.workspaceId}\u0000${f.visitorId}`);
      if (f && who) f.customerEmail = who.email;
      this.facts.set(id, f);
    }
    return this.facts.get(id)!;
  }
  putFact(f: ConversationFact) {
    if (f.firstOfVisitor || f.firstWithAgent) this.#flagged(f.workspaceId, f.visitorId).add(f.conversationId);
    this.facts.set(f.conversationId, f);
    this.dirtyFacts.add(f.conversationId);
  }
  ticket(id: string): TicketFact | null {
    return this.tickets.get(id) ?? this.#read(`ticket:${id}`, async (session) => {
      const d = await this.#col("tickets").findOne({ _id: id as never }, { session });
      return d ? toTicket(d) : null;
    });
  }
  putTicket(t: TicketFact) {
    this.tickets.set(t.ticketId, t);
  }
  visitorEmail(workspaceId: string, visitorId: string): string | null {
    const who = this.identified.get(`${workspaceId}\u0000${visitorId}`);
    if (who) return who.email;
    return this.#read(`email:${workspaceId}:${visitorId}`, async (session) => {
      const d = await this.#col("visitors").findOne({ workspaceId, visitorId }, { session });
      return d ? String(d.email) : null;
    });
  }
  identify(workspaceId: string, visitorId: string, email: string) {
    this.identified.set(`${workspaceId}\u0000${visitorId}`, { workspaceId, visitorId, email });
    // The visitor's facts held so far change now; the others are changed in the store at flush (and get the
    // email as they are read, above).
    for (const [id, f] of this.facts) {
      if (f && f.workspaceId === workspaceId && f.visitorId === visitorId) {
        f.customerEmail = email;
        this.dirtyFacts.add(id);
      }
    }
  }
  add(k: DayKey, delta: Partial<DayCounters>) {
    const id = dayKey(k);
    const sum = this.days.get(id) ?? this.days.set(id, { key: k, delta: {} }).get(id)!;
    for (const [n, v] of Object.entries(delta)) sum.delta[n] = (sum.delta[n] ?? 0) + (v ?? 0);
  }
  addTeam(k: DayKey & { userId: string }, delta: Partial<TeamCounters>) {
    const id = `${dayKey(k)}\u0000${k.userId}`;
    const sum = this.team.get(id) ?? this.team.set(id, { key: k, delta: {} }).get(id)!;
    for (const [n, v] of Object.entries(delta)) sum.delta[n] = (sum.delta[n] ?? 0) + (v ?? 0);
  }
  histogram(k: DayKey, metric: DurationMetric): Uint32Array | null {
    const id = `${dayKey(k)}\u0000${metric}`;
    return this.histograms.get(id)?.h ?? this.#read(`histogram:${id}`, async (session) => {
      const d = await this.#col("durations").findOne({ ...k, metric }, { session });
      return d ? counts(d.counts) : null;
    });
  }
  putHistogram(k: DayKey, metric: DurationMetric, h: Uint32Array) {
    this.histograms.set(`${dayKey(k)}\u0000${metric}`, { key: k, metric, h });
  }
  sketch(k: DayKey): Uint8Array | null {
    return this.sketches.get(dayKey(k))?.sketch ?? this.#read(`sketch:${dayKey(k)}`, async (session) => {
      const d = await this.#col("sketches").findOne({ ...k }, { session });
      return d ? new Uint8Array(bytes(d.registers)) : null;
    });
  }
  putSketch(k: DayKey, sketch: Uint8Array) {
    this.sketches.set(dayKey(k), { key: k, sketch });
  }

  addQuestion(k: DayKey, signature: string, d: QuestionDelta) {
    // The day's and the month's lists (the same Space-Saving lists as SQLite's, stored as the same JSON text).
    for (const [period, capacity] of [[k.day, DAY_CAPACITY], [k.day.slice(0, 7), MONTH_CAPACITY]] as const) {
      const id = `${k.workspaceId}\u0000${period}\u0000${k.agentId}`;
      let q = this.questions.get(id);
      if (!q) {
        const json = this.#read(`questions:${id}`, async (session) => {
          const doc = await this.#col("questions").findOne(
            { workspaceId: k.workspaceId, period, agentId: k.agentId },
            { session },
          );
          return doc ? String(doc.entries) : null;
        });
        q = { key: k, period, entries: heavyOf(json) };
        this.questions.set(id, q);
      }
      heavyAdd(q.entries, capacity, signature, { ...d, day: k.day });
    }
  }
  addPage(k: DayKey, url: string) {
    const id = `${dayKey(k)}\u0000${url}`;
    const p = this.pages.get(id) ?? this.pages.set(id, { key: k, url, n: 0 }).get(id)!;
    p.n++;
  }
  #flagged(workspaceId: string, visitorId: string): Set<string> {
    const id = `${workspaceId}\u0000${visitorId}`;
    let ids = this.firsts.get(id);
    if (!ids) {
      // Once per visitor per event (the by_visitor index): only conversation starts ask.
      const stored = this.#read(`firsts:${id}`, async (session) =>
        (await this.#col("facts").find(
          { workspaceId, visitorId, $or: [{ firstOfVisitor: true }, { firstWithAgent: true }] },
          { session, projection: { _id: 1 } },
        ).toArray()).map((d) => String(d._id)));
      ids = new Set(stored);
      this.firsts.set(id, ids);
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

  /** Writes the run's changes in the transaction of `session`. */
  async flush(session: ClientSession) {
    const o = { session };
    for (const { workspaceId, visitorId, email } of this.identified.values()) {
      await this.#col("visitors").updateOne({ workspaceId, visitorId }, { $set: { email } }, { ...o, upsert: true });
      await this.#col("facts").updateMany({ workspaceId, visitorId }, { $set: { customerEmail: email } }, o);
    }
    const replace = (docs: Document[]): AnyBulkWriteOperation[] =>
      docs.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } }));
    const facts = [...this.dirtyFacts].map((id) => this.facts.get(id)).filter((f) => !!f)
      .map(({ conversationId, ...rest }) => ({ _id: conversationId, ...rest }));
    if (facts.length) await this.#col("facts").bulkWrite(replace(facts), o);
    const tickets = [...this.tickets.values()].map(({ ticketId, ...rest }) => ({ _id: ticketId, ...rest }));
    if (tickets.length) await this.#col("tickets").bulkWrite(replace(tickets), o);
    const incs = <K extends object>(rows: Array<{ key: K; delta: Record<string, number> }>): AnyBulkWriteOperation[] =>
      rows.map(({ key, delta }) => ({
        updateOne: {
          filter: { ...key },
          update: { $inc: Object.fromEntries(Object.entries(delta).filter(([, v]) => v !== 0)) },
          upsert: true,
        },
      }));
    if (this.days.size) await this.#col("days").bulkWrite(incs([...this.days.values()]), o);
    if (this.team.size) await this.#col("team").bulkWrite(incs([...this.team.values()]), o);
    const put = (filter: Document, set: Document): AnyBulkWriteOperation => ({
      updateOne: { filter, update: { $set: set }, upsert: true },
    });
    if (this.histograms.size) {
      await this.#col("durations").bulkWrite(
        [...this.histograms.values()].map(({ key, metric, h }) =>
          put({ ...key, metric }, { counts: new Uint8Array(h.buffer, h.byteOffset, h.byteLength) })
        ),
        o,
      );
    }
    if (this.questions.size) {
      await this.#col("questions").bulkWrite(
        [...this.questions.values()].map(({ key, period, entries }) =>
          put({ workspaceId: key.workspaceId, period, agentId: key.agentId }, { entries: heavyJson(entries) })
        ),
        o,
      );
    }
    if (this.pages.size) {
      await this.#col("pages").bulkWrite(
        [...this.pages.values()].map(({ key, url, n }): AnyBulkWriteOperation => ({
          updateOne: { filter: { ...key, url }, update: { $inc: { conversations: n } }, upsert: true },
        })),
        o,
      );
    }
    if (this.sketches.size) {
      await this.#col("sketches").bulkWrite(
        [...this.sketches.values()].map(({ key, sketch }) => put({ ...key }, { registers: sketch })),
        o,
      );
    }
  }
}

const toList = (d: Document): HeavyList => ({ agentId: String(d.agentId), entries: String(d.entries) });

/** The range's filter (on documents with workspaceId, day, agentId). */
function period(r: DayRange): Document {
  return {
    workspaceId: r.workspaceId,
    day: { $gte: r.from, $lte: r.to },
    ...(r.agentId ? { agentId: r.agentId } : {}),
  };
}
const sums = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, { $sum: `$${n}` }]));
const counters = <K extends string>(names: readonly K[], d: Document | undefined) =>
  Object.fromEntries(names.map((n) => [n, Number(d?.[n] ?? 0)])) as Record<K, number>;

/** The MongoDB analytics repository. */
export function mongoAnalytics(m: Mongo): AnalyticsRepo {
  const col = (name: keyof typeof COLLECTIONS) => m.db.collection(COLLECTIONS[name]);
  // One event at a time in this process: effects of one conversation touch the same documents, and would only
  // conflict and be retried if run together.
  let tail: Promise<unknown> = Promise.resolve();
  const applyOne = (eventId: string, fn: (tx: RollupTx) => void) =>
    transaction(m, async ({ session }) => {
      if (await col("applied").findOne({ _id: eventId as never }, { session })) return false;
      const loaded = new Map<string, unknown>();
      let tx: MemoryTx;
      for (;;) {
        tx = new MemoryTx(m, loaded);
        try {
          fn(tx);
          break;
        } catch (err) {
          if (!(err instanceof NeedsRead)) throw err;
          loaded.set(err.key, await err.read(session));
        }
      }
      await col("applied").insertOne({ _id: eventId as never }, { session });
      await tx.flush(session);
      return true;
    });
  return {
    apply(eventId, fn) {
      const run = tail.then(() => applyOne(eventId, fn));
      tail = run.catch(() => {});
      return run;
    },
    async reset() {
      // Gap fixes are the staff's doing, not derived from events: a rebuild keeps them (as SQLite's reset does).
      for (const name of Object.keys(COLLECTIONS) as Array<keyof typeof COLLECTIONS>) {
        if (name !== "gapFixes") await col(name).deleteMany({});
      }
    },
    async totals(range) {
      const [r] = await col("days").aggregate([
        { $match: period(range) },
        { $group: { _id: null, ...sums(DAY_COUNTERS) } },
      ]).toArray();
      return counters(DAY_COUNTERS, r);
    },
    async byDay(range) {
      const rows = await col("days").aggregate([
        { $match: period(range) },
        { $group: { _id: "$day", ...sums(DAY_COUNTERS) } },
        { $sort: { _id: 1 } },
      ]).toArray();
      return rows.map((r) => ({ day: String(r._id), ...counters(DAY_COUNTERS, r) }));
    },
    async durations(range, metric) {
      return (await col("durations").find({ metric, ...period(range) }).toArray()).map((d) => counts(d.counts));
    },
    async customers(range) {
      const [r] = await col("facts").aggregate([
        { $match: period(range) },
        { $group: { _id: "$visitorId" } },
        { $count: "n" },
      ]).toArray();
      return Number(r?.n ?? 0);
    },
    async sketches(range) {
      return (await col("sketches").find(period(range)).toArray()).map((d) => new Uint8Array(bytes(d.registers)));
    },
    async answeredSince(range, since) {
      const rows = await col("facts").aggregate([
        { $match: { aiAnswered: true, lastAiAt: { $gt: since }, ...period(range) } },
        { $group: { _id: "$day", n: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ]).toArray();
      return rows.map((r) => ({ day: String(r._id), count: Number(r.n) }));
    },
    async team(range) {
      const rows = await col("team").aggregate([
        { $match: period(range) },
        { $group: { _id: "$userId", ...sums(TEAM_COUNTERS) } },
        { $sort: { _id: 1 } },
      ]).toArray();
      return rows.map((r) => ({ userId: String(r._id), ...counters(TEAM_COUNTERS, r) }));
    },
    async questions(range, { unsure, limit }) {
      const lists = await col("questions").find({
        workspaceId: range.workspaceId,
        period: { $in: questionPeriods(range.from, range.to) },
        ...(range.agentId ? { agentId: range.agentId } : {}),
      }).toArray();
      return mergeQuestions(lists.map(toList), unsure, limit);
    },
    async gapAgents(workspaceId, signature) {
      // Months only (a bounded list per agent and month): a fix is rare, and reads the workspace's history.
      const lists = await col("questions").find({ workspaceId, period: /^\d{4}-\d{2}$/ }).toArray();
      return gapAgentsOf(lists.map(toList), signature);
    },
    async questionTotal(range) {
      const [r] = await col("days").aggregate([
        { $match: period(range) },
        { $group: { _id: null, n: { $sum: "$questions" } } },
      ]).toArray();
      return Number(r?.n ?? 0);
    },
    async fixGap(fix) {
      const { workspaceId, signature, ...rest } = fix;
      await col("gapFixes").updateOne({ workspaceId, signature }, { $set: rest }, { upsert: true });
    },
    async gapFixes(workspaceId) {
      return (await col("gapFixes").find({ workspaceId }).toArray()).map((d): GapFix => ({
        workspaceId: String(d.workspaceId),
        signature: String(d.signature),
        agentId: String(d.agentId),
        sourceId: String(d.sourceId),
        fixedBy: String(d.fixedBy),
        fixedAt: d.fixedAt as Date,
        fixedDay: String(d.fixedDay),
      }));
    },
    async pages(range, limit) {
      const rows = await col("pages").aggregate([
        { $match: period(range) },
        { $group: { _id: "$url", n: { $sum: "$conversations" } } },
        { $sort: { n: -1, _id: 1 } },
        { $limit: limit },
      ]).toArray();
      return rows.map((r) => ({ url: String(r._id), conversations: Number(r.n) }));
    },
    async openBefore(range) {
      const [r] = await col("days").aggregate([
        {
          $match: {
            workspaceId: range.workspaceId,
            day: { $lt: range.from },
            ...(range.agentId ? { agentId: range.agentId } : {}),
          },
        },
        { $group: { _id: null, created: { $sum: "$ticketsCreated" }, resolved: { $sum: "$ticketsResolved" } } },
      ]).toArray();
      return Number(r?.created ?? 0) - Number(r?.resolved ?? 0);
    },
    async comments(range, limit) {
      const rows = await col("tickets").find({
        workspaceId: range.workspaceId,
        ratedDay: { $gte: range.from, $lte: range.to },
        comment: { $type: "string" },
        ...(range.agentId ? { agentId: range.agentId } : {}),
        ...(range.userId ? { resolvedBy: range.userId } : {}),
      }).sort({ ratedDay: -1, _id: -1 }).limit(limit).toArray();
      return rows.map((d) => ({
        ticketId: String(d._id),
        conversationId: String(d.conversationId),
        agentId: String(d.agentId),
        resolvedBy: d.resolvedBy == null ? null : String(d.resolvedBy),
        score: Number(d.rating),
        comment: String(d.comment),
        day: String(d.ratedDay),
      }));
    },
    async facts(range, { after, limit, tag }) {
      const filter = period(range);
      if (tag) filter.tags = tag;
      if (after) {
        const [day, startedAt, id] = JSON.parse(atob(after)) as [string, string, string];
        const at = new Date(startedAt);
        filter.$or = [
          { day: { $gt: day } },
          { day, startedAt: { $gt: at } },
          { day, startedAt: at, _id: { $gt: id } },
        ];
      }
      const rows = await col("facts").find(filter).sort({ day: 1, startedAt: 1, _id: 1 }).limit(limit + 1).toArray();
      const facts = rows.slice(0, limit).map(toFact);
      const last = facts.at(-1);
      const next = rows.length > limit && last
        ? btoa(JSON.stringify([last.day, last.startedAt?.toISOString() ?? null, last.conversationId]))
        : null;
      return { facts, next };
    },
  };
}
