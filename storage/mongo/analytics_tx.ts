/**
 * The MongoDB rollups' transaction: an event's rollup run in memory over the
 * values read so far (`MemoryTx`), stopped for what it has not read yet
 * (`NeedsRead`), rerun once it is read; the collections it keeps.
 *
 * @module
 */
import type { AnyBulkWriteOperation, ClientSession, Document } from "mongodb";
import { blankFact } from "../../models/analytics/rollup_facts.ts";
import {
  type ConversationFact,
  type DayCounters,
  type DayKey,
  type DurationMetric,
  type QuestionDelta,
  type RollupTx,
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
import { bytes, type Mongo } from "./db.ts";

export const COLLECTIONS = {
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
  categories: "analytics_categories",
  gapFixes: "analytics_gap_fixes",
} as const;

/** Thrown by the in-memory tx for a value it has not read yet; `read` fetches it. */
export class NeedsRead {
  constructor(readonly key: string, readonly read: (session: ClientSession) => Promise<unknown>) {}
}

const dayKey = (k: DayKey) => `${k.workspaceId}\u0000${k.day}\u0000${k.agentId}`;
// Facts written before a field existed read as the blank fact has it.
export const toFact = ({ _id, ...rest }: Document) =>
  ({ ...blankFact(rest.workspaceId, String(_id), rest.agentId, rest.visitorId), ...rest }) as ConversationFact;
const toTicket = ({ _id, ...rest }: Document) => ({ ticketId: _id, ...rest }) as TicketFact;
/** A histogram from stored bytes (a copy: little-endian 32-bit counts, the platform's order here). */
export const counts = (v: unknown) => new Uint32Array(new Uint8Array(bytes(v)).buffer);

/** One run of an event's rollup over the values read so far (`loaded`), recording what it changes. */
export class MemoryTx implements RollupTx {
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
  categories = new Map<string, { key: DayKey; category: string; conversations: number; tickets: number }>();
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
  addCategory(k: DayKey, category: string, d: { conversations?: number; tickets?: number }) {
    const id = `${dayKey(k)}\u0000${category}`;
    const c = this.categories.get(id) ??
      this.categories.set(id, { key: k, category, conversations: 0, tickets: 0 }).get(id)!;
    c.conversations += d.conversations ?? 0;
    c.tickets += d.tickets ?? 0;
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
    if (this.categories.size) {
      await this.#col("categories").bulkWrite(
        [...this.categories.values()].map(({ key, category, conversations, tickets }): AnyBulkWriteOperation => ({
          updateOne: { filter: { ...key, category }, update: { $inc: { conversations, tickets } }, upsert: true },
        })),
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
