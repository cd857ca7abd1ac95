/**
 * The Store contract, analytics part: an event's rollup effect applies once
 * per event id; counters sum over days and agents of one workspace only;
 * duration histograms, visitor sketches, distinct customers and the export's pages; reset
 * drops everything. Registered by `storeContract` in `contract.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { newId } from "../lib/ids.ts";
import { HISTOGRAM_BUCKETS, newHistogram } from "../models/analytics/histogram.ts";
import { blankFact } from "../models/analytics/rollup_facts.ts";
import type { ConversationFact } from "../models/analytics/rollup_types.ts";
import { SKETCH_SIZE } from "../models/analytics/sketch.ts";
import type { Store } from "../models/ports/store.ts";
import { contractTest, T0 } from "./contract_accounts.ts";

function fact(workspaceId: string, agentId: string, day: string, visitorId: string, at: Date): ConversationFact {
  return {
    ...blankFact(workspaceId, newId(), agentId, visitorId),
    startedAt: at,
    day,
    messagesCustomer: 1,
    messagesAi: 1,
    aiInvolved: true,
    aiAnswered: true,
    lastAiAt: at,
    tags: ["vip"],
  };
}

/** The analytics part of the contract. */
export function analyticsContract(name: string, open: () => Promise<Store>): void {
  const test = contractTest(name, open);
  const [wa, wb, agent1, agent2, eventId] = [newId(), newId(), newId(), newId(), newId()];

  test("an event's rollup effect applies once per event id", async (store) => {
    const key = { workspaceId: wa, day: "2026-03-01", agentId: agent1 };
    assert.equal(await store.analytics.apply(eventId, (tx) => tx.add(key, { conversations: 1 })), true);
    assert.equal(await store.analytics.apply(eventId, (tx) => tx.add(key, { conversations: 1 })), false);
    const range = { workspaceId: wa, from: "2026-03-01", to: "2026-03-01" };
    assert.equal((await store.analytics.totals(range)).conversations, 1);
  });

  test("a failing effect leaves nothing behind, and may be applied again", async (store) => {
    const key = { workspaceId: wa, day: "2026-03-01", agentId: agent1 };
    await assert.rejects(store.analytics.apply(eventId, (tx) => {
      tx.add(key, { conversations: 1 });
      throw new Error("boom");
    }));
    const range = { workspaceId: wa, from: "2026-03-01", to: "2026-03-01" };
    assert.equal((await store.analytics.totals(range)).conversations, 0);
    assert.equal(await store.analytics.apply(eventId, (tx) => tx.add(key, { conversations: 1 })), true);
  });

  test("many effects queued together: each counts once, each sees the ones before, a failing one fails alone", async (store) => {
    // More than one transaction's worth (the SQLite store writes a few hundred per transaction and keeps what it
    // read for the next): sums must not be written twice, nor a fact read back stale.
    const w = newId();
    const key = { workspaceId: w, day: "2026-03-01", agentId: agent1 };
    const f = fact(w, agent1, "2026-03-01", "v1", T0);
    await store.analytics.apply(newId(), (tx) => tx.putFact({ ...f, messagesCustomer: 0 }));
    const results = await Promise.allSettled(
      Array.from({ length: 700 }, (_, i) =>
        store.analytics.apply(newId(), (tx) => {
          const now = tx.fact(f.conversationId)!;
          tx.putFact({ ...now, messagesCustomer: now.messagesCustomer + 1 });
          tx.add(key, { messagesCustomer: 1 });
          tx.addPage(key, "https://shop.example/help");
          if (i === 600) throw new Error("boom");
        })),
    );
    assert.deepEqual(results.map((r) => r.status).filter((s) => s === "rejected").length, 1);
    assert.equal(results[600].status, "rejected");
    const range = { workspaceId: w, from: "2026-03-01", to: "2026-03-01" };
    assert.equal((await store.analytics.totals(range)).messagesCustomer, 699);
    assert.deepEqual(await store.analytics.pages(range, 5), [{ url: "https://shop.example/help", conversations: 699 }]);
    assert.equal((await store.analytics.facts(range, { limit: 1 })).facts[0].messagesCustomer, 699);
  });

  test("counters sum over the days and agents of the range, one workspace's only", async (store) => {
    await store.analytics.apply(newId(), (tx) => {
      tx.add({ workspaceId: wa, day: "2026-03-01", agentId: agent1 }, { conversations: 2, handoffs: 1 });
      tx.add({ workspaceId: wa, day: "2026-03-02", agentId: agent2 }, { conversations: 3 });
      tx.add({ workspaceId: wa, day: "2026-03-03", agentId: agent1 }, { conversations: 5 });
      tx.add({ workspaceId: wb, day: "2026-03-02", agentId: agent1 }, { conversations: 7 });
      tx.addTeam({ workspaceId: wa, day: "2026-03-02", agentId: agent1, userId: "u1" }, { replies: 4 });
      const h = newHistogram();
      h[3] = 7;
      h[HISTOGRAM_BUCKETS - 1] = 1;
      tx.putHistogram({ workspaceId: wa, day: "2026-03-01", agentId: agent1 }, "firstResponse", h);
      tx.putHistogram({ workspaceId: wa, day: "2026-03-01", agentId: agent1 }, "resolution", newHistogram());
      tx.putHistogram({ workspaceId: wb, day: "2026-03-01", agentId: agent1 }, "firstResponse", newHistogram());
      const sketch = new Uint8Array(SKETCH_SIZE).fill(2);
      tx.putSketch({ workspaceId: wa, day: "2026-03-02", agentId: agent2 }, sketch);
    });
    const range = { workspaceId: wa, from: "2026-03-01", to: "2026-03-02" };
    const totals = await store.analytics.totals(range);
    assert.equal(totals.conversations, 5);
    assert.equal(totals.handoffs, 1);
    assert.equal((await store.analytics.totals({ ...range, agentId: agent2 })).conversations, 3);
    assert.deepEqual((await store.analytics.byDay(range)).map((d) => [d.day, d.conversations]), [
      ["2026-03-01", 2],
      ["2026-03-02", 3],
    ]);
    const [h] = await store.analytics.durations(range, "firstResponse");
    assert.equal(h.length, HISTOGRAM_BUCKETS);
    assert.deepEqual([h[3], h[4], h[HISTOGRAM_BUCKETS - 1]], [7, 0, 1]);
    assert.equal((await store.analytics.durations(range, "firstResponse")).length, 1, "one workspace, one metric");
    assert.deepEqual(await store.analytics.sketches(range), [new Uint8Array(SKETCH_SIZE).fill(2)]);
    assert.deepEqual((await store.analytics.team(range)).map((t) => [t.userId, t.replies]), [["u1", 4]]);
  });

  test("the team table reads whole months from their month rows and the days around them from day rows", async (store) => {
    // As rollup.ts keeps them: each teammate's day, and the same under its month (YYYY-MM).
    const w = newId();
    await store.analytics.apply(newId(), (tx) => {
      for (const [day, replies] of [["2026-02-27", 2], ["2026-03-05", 3], ["2026-04-02", 4]] as const) {
        for (const d of [day, day.slice(0, 7)]) {
          tx.addTeam({ workspaceId: w, day: d, agentId: agent1, userId: "u1" }, { replies });
        }
      }
      tx.addTeam({ workspaceId: wb, day: "2026-03", agentId: agent1, userId: "u1" }, { replies: 100 });
    });
    const replies = async (from: string, to: string) =>
      (await store.analytics.team({ workspaceId: w, from, to })).map((t) => [t.userId, t.replies]);
    assert.deepEqual(await replies("2026-02-27", "2026-04-02"), [["u1", 9]]);
    assert.deepEqual(await replies("2026-03-01", "2026-03-31"), [["u1", 3]]);
    assert.deepEqual(await replies("2026-03-06", "2026-04-30"), [["u1", 4]]);
    assert.deepEqual(await replies("2026-02-28", "2026-03-04"), []);
  });

  test("facts: distinct customers, answers inside the window, pages in start order, reset", async (store) => {
    const facts = [
      fact(wa, agent1, "2026-03-01", "v1", T0),
      fact(wa, agent1, "2026-03-01", "v1", new Date(T0.getTime() + 1000)),
      fact(wa, agent2, "2026-03-02", "v2", new Date(T0.getTime() + 86_400_000)),
      fact(wb, agent1, "2026-03-01", "v3", T0),
    ];
    await store.analytics.apply(newId(), (tx) => facts.forEach((f) => tx.putFact(f)));
    const range = { workspaceId: wa, from: "2026-03-01", to: "2026-03-02" };
    assert.equal(await store.analytics.customers(range), 2);
    assert.deepEqual(await store.analytics.answeredSince(range, new Date(T0.getTime() + 500)), [
      { day: "2026-03-01", count: 1 },
      { day: "2026-03-02", count: 1 },
    ]);
    const first = await store.analytics.facts(range, { limit: 2 });
    assert.deepEqual(first.facts.map((f) => f.conversationId), [facts[0].conversationId, facts[1].conversationId]);
    assert.deepEqual(first.facts[0], facts[0]);
    const second = await store.analytics.facts(range, { limit: 2, after: first.next! });
    assert.deepEqual(second.facts.map((f) => f.conversationId), [facts[2].conversationId]);
    assert.equal(second.next, null);
    // A tag (exact, on the ticket's list); an AI answer's rating day round-trips.
    await store.analytics.apply(newId(), (tx) => {
      tx.putFact({ ...facts[1], tags: ["billing", "vip"], rating: 4, aiRatedDay: "2026-03-01" });
      tx.putFact({ ...facts[2], tags: [] });
    });
    const billing = await store.analytics.facts(range, { limit: 1, tag: "billing" });
    assert.deepEqual(billing.facts.map((f) => [f.conversationId, f.aiRatedDay]), [[
      facts[1].conversationId,
      "2026-03-01",
    ]]);
    assert.equal(billing.next, null);
    const vip = await store.analytics.facts(range, { limit: 1, tag: "vip" });
    assert.deepEqual(vip.facts.map((f) => f.conversationId), [facts[0].conversationId]);
    const vip2 = await store.analytics.facts(range, { limit: 1, tag: "vip", after: vip.next! });
    assert.deepEqual(vip2.facts.map((f) => f.conversationId), [facts[1].conversationId]);
    assert.equal(vip2.next, null);
    assert.deepEqual((await store.analytics.facts(range, { limit: 5, tag: "vi" })).facts, []);
    await store.analytics.reset();
    assert.equal(await store.analytics.customers(range), 0);
    assert.equal(await store.analytics.apply(eventId, () => {}), true);
  });

  test("questions: day and month lists merged over a range, one workspace's only; fixes, pages, open tickets", async (store) => {
    const q = (day: string, agentId: string, signature: string, unsure: number, workspaceId = wa) =>
      store.analytics.apply(newId(), (tx) => {
        const key = { workspaceId, day, agentId };
        tx.addQuestion(key, signature, { asked: 1, unsure, example: `${signature}?` });
        tx.add(key, { questions: 1, ticketsCreated: 1 });
        tx.addPage(key, "https://a.example/help");
      });
    await q("2026-02-28", agent1, "refund", 0);
    await q("2026-03-01", agent1, "refund", 0);
    await q("2026-03-31", agent2, "refund", 1);
    await q("2026-03-15", agent2, "mar ship", 1);
    await q("2026-03-15", agent1, "mar ship", 1, wb);
    // 02-28 as a day, March as its month list.
    const range = { workspaceId: wa, from: "2026-02-28", to: "2026-03-31" };
    assert.deepEqual(
      (await store.analytics.questions(range, { unsure: false, limit: 10 })).map((r) => [r.signature, r.asked]),
      [["refund", 3], ["mar ship", 1]],
    );
    const unsure = await store.analytics.questions(range, { unsure: true, limit: 10 });
    assert.deepEqual(unsure.map((r) => [r.signature, r.unsure, r.lastUnsureDay, r.unsureAgentId]), [
      ["mar ship", 1, "2026-03-15", agent2],
      ["refund", 1, "2026-03-31", agent2],
    ]);
    assert.equal(await store.analytics.questionTotal(range), 4);
    assert.deepEqual(await store.analytics.pages(range, 5), [{ url: "https://a.example/help", conversations: 4 }]);
    assert.equal(await store.analytics.openBefore({ workspaceId: wa, from: "2026-03-15", to: "2026-03-31" }), 2);
    assert.deepEqual((await store.analytics.gapAgents(wa, "mar ship")).map((a) => a.agentId), [agent2]);
    await store.analytics.fixGap({
      workspaceId: wb,
      signature: "mar ship",
      agentId: agent1,
      sourceId: "s1",
      fixedBy: "u1",
      fixedAt: T0,
      fixedDay: "2026-03-15",
    });
    assert.deepEqual(await store.analytics.gapFixes(wa), []);
    assert.equal((await store.analytics.gapFixes(wb))[0].sourceId, "s1");
    await store.analytics.reset();
    assert.equal((await store.analytics.gapFixes(wb)).length, 1, "a rebuild keeps the fixes (the staff's doing)");
    assert.deepEqual(await store.analytics.questions(range, { unsure: false, limit: 10 }), []);
  });

  test("topic signatures' embeddings are cached per workspace and model, first vector kept", async (store) => {
    const a = store.analytics;
    const v = (...xs: number[]) => Float32Array.from(xs);
    await a.saveTopicVectors(wa, "openai:m1", [
      { signature: "parcel", vector: v(1, 0, 0.5) },
      { signature: "arriv order", vector: v(0, 1, -0.25) },
    ]);
    await a.saveTopicVectors(wa, "openai:m1", [{ signature: "parcel", vector: v(9, 9, 9) }]);
    await a.saveTopicVectors(wa, "openai:m1", []);
    const got = await a.topicVectors(wa, "openai:m1", ["parcel", "arriv order", "refund", "parcel"]);
    assert.deepEqual([...got.keys()].sort(), ["arriv order", "parcel"]);
    assert.deepEqual([...got.get("parcel")!], [1, 0, 0.5], "a cached signature keeps its first vector");
    assert.deepEqual([...got.get("arriv order")!], [0, 1, -0.25]);
    assert.equal((await a.topicVectors(wb, "openai:m1", ["parcel"])).size, 0, "another workspace's cache");
    assert.equal((await a.topicVectors(wa, "openai:m2", ["parcel"])).size, 0, "another model's vectors");
    await a.reset();
    assert.equal((await a.topicVectors(wa, "openai:m1", ["parcel"])).size, 1, "a rebuild keeps the cache");
  });

  test("first conversations are found per visitor and agent; rating comments newest day first", async (store) => {
    const first = { ...fact(wa, agent1, "2026-03-01", "v1", T0), firstOfVisitor: true, firstWithAgent: true };
    const other = { ...fact(wa, agent2, "2026-03-02", "v1", T0), firstWithAgent: true };
    await store.analytics.apply(newId(), (tx) => [first, other].forEach((f) => tx.putFact(f)));
    let seen: Array<string | null> = [];
    await store.analytics.apply(newId(), (tx) => {
      seen = [
        tx.firstConversation(wa, "v1", null)?.conversationId ?? null,
        tx.firstConversation(wa, "v1", agent2)?.conversationId ?? null,
        tx.firstConversation(wa, "v2", null)?.conversationId ?? null,
        tx.firstConversation(wb, "v1", null)?.conversationId ?? null,
      ];
    });
    assert.deepEqual(seen, [first.conversationId, other.conversationId, null, null]);
    const ticket = (ticketId: string, ratedDay: string, comment: string | null, workspaceId = wa) => ({
      ticketId,
      workspaceId,
      conversationId: newId(),
      agentId: agent1,
      createdAt: T0,
      resolvedAt: T0,
      resolvedBy: "u1",
      rating: 4,
      ratedDay,
      comment,
    });
    await store.analytics.apply(newId(), (tx) => {
      tx.putTicket(ticket("t1", "2026-03-01", "fine"));
      tx.putTicket(ticket("t2", "2026-03-03", "great"));
      tx.putTicket(ticket("t3", "2026-03-02", null));
      tx.putTicket(ticket("t4", "2026-03-02", "other workspace", wb));
    });
    const comments = await store.analytics.comments({ workspaceId: wa, from: "2026-03-01", to: "2026-03-31" }, 10);
    assert.deepEqual(comments.map((c) => [c.ticketId, c.day, c.comment]), [
      ["t2", "2026-03-03", "great"],
      ["t1", "2026-03-01", "fine"],
    ]);
    assert.deepEqual(
      await store.analytics.comments({ workspaceId: wa, from: "2026-03-01", to: "2026-03-31", userId: "u2" }, 10),
      [],
    );
  });
}
