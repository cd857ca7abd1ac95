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
import { Binary, type Document } from "mongodb";
import { DAY_COUNTERS, type GapFix, type RollupTx, TEAM_COUNTERS } from "../../models/analytics/rollup_types.ts";
import type { AnalyticsRepo, DayRange } from "../../models/ports/store_analytics.ts";
import { gapAgentsOf, type HeavyList, mergeQuestions, questionPeriods } from "../../models/analytics/heavy.ts";
import { bytes, type Mongo, transaction } from "./db.ts";
import { monthSpans } from "../../models/analytics/days.ts";

import { COLLECTIONS, counts, MemoryTx, NeedsRead, toFact } from "./analytics_tx.ts";

/**
 * Signatures' embeddings (topic_embeddings.ts): not in `COLLECTIONS`, so a rebuild of the rollups keeps them
 * (they come from the provider, not the event log).
 */
const TOPIC_VECTORS = "analytics_topic_vectors";

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

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** The MongoDB analytics repository. */
export function mongoAnalytics(m: Mongo): AnalyticsRepo {
  const col = (name: keyof typeof COLLECTIONS) => m.db.collection(COLLECTIONS[name]);
  /**
   * Rollups from before teammates' months were kept (`addTeam` in rollup.ts) get them summed from their days,
   * once, on the first team read: a marker in the applied ids (unique) lets one instance do it, in the
   * transaction that writes them.
   */
  let backfill: Promise<void> | null = null;
  const teamMonths = () =>
    backfill ??= (async () => {
      if (await col("team").findOne({ day: { $not: DAY_KEY } })) return;
      if (!(await col("team").findOne({}))) return;
      await transaction(m, async ({ session }) => {
        if (await col("applied").findOne({ _id: "backfill:team-months" as never }, { session })) return;
        await col("applied").insertOne({ _id: "backfill:team-months" as never }, { session });
        const sumsByMonth = await col("team").aggregate([
          { $match: { day: { $regex: DAY_KEY } } },
          {
            $group: {
              _id: {
                workspaceId: "$workspaceId",
                day: { $substrCP: ["$day", 0, 7] },
                agentId: "$agentId",
                userId: "$userId",
              },
              ...sums(TEAM_COUNTERS),
            },
          },
        ], { session }).toArray();
        for (const r of sumsByMonth) {
          await col("team").updateOne(r._id, { $inc: counters(TEAM_COUNTERS, r) }, { session, upsert: true });
        }
      });
    })();
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
      await teamMonths();
      // Whole months from their month documents (day = YYYY-MM), the days around them from day documents.
      const { months, days } = monthSpans(range.from, range.to);
      const spans: Document[] = days.map(([from, to]) => ({ day: { $gte: from, $lte: to, $regex: DAY_KEY } }));
      if (months.length) spans.push({ day: { $in: months } });
      const rows = await col("team").aggregate([
        {
          $match: { workspaceId: range.workspaceId, ...(range.agentId ? { agentId: range.agentId } : {}), $or: spans },
        },
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
    async topicVectors(workspaceId, model, signatures) {
      const docs = await m.db.collection(TOPIC_VECTORS)
        .find({ workspaceId, model, signature: { $in: [...new Set(signatures)] } }).toArray();
      return new Map(docs.map((d) => {
        const b = bytes(d.vector);
        return [String(d.signature), new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))];
      }));
    },
    async saveTopicVectors(workspaceId, model, vectors) {
      if (!vectors.length) return;
      // $setOnInsert: a signature already cached keeps its vector (two queries racing store the same one).
      await m.db.collection(TOPIC_VECTORS).bulkWrite(
        vectors.map(({ signature, vector }) => ({
          updateOne: {
            filter: { workspaceId, model, signature },
            update: {
              $setOnInsert: { vector: new Binary(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)) },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
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
    async categories(range) {
      const rows = await col("categories").aggregate([
        { $match: period(range) },
        {
          $group: {
            _id: { day: "$day", category: "$category" },
            c: { $sum: "$conversations" },
            t: { $sum: "$tickets" },
          },
        },
        { $sort: { "_id.day": 1, "_id.category": 1 } },
      ]).toArray();
      return rows.map((r) => ({
        day: String(r._id.day),
        category: String(r._id.category),
        conversations: Number(r.c),
        tickets: Number(r.t),
      }));
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
