import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import type { Visitor } from "../../models/chat/conversation.ts";
import { startWidgetSession } from "../../models/chat/visitors.ts";
import { rebuildAnalytics } from "../../models/analytics/rebuild.ts";
import { setAnalyticsSettings } from "../../models/analytics/settings.ts";
import { handOffToTeam } from "../../models/tickets/handoff.ts";
import { call, makeTestDeps, signUp } from "../helpers.ts";

/**
 * A Paris workspace with two categories (summer time starts on 2027-03-28 at 01:00 UTC):
 * - 03-27 10:00Z: visitor 1 asks about a parcel (Shipping), then writes angrily (negative) at 10:05Z.
 * - 03-27 23:30Z (Paris 03-28 00:30): visitor 2 was charged twice (Billing, negative) and is handed to the team:
 *   a ticket.
 * - 03-28 12:00Z: visitor 3 is happy (positive), in no category.
 * Another workspace has an angry Shipping conversation of its own on 03-27.
 */
async function history() {
  const clock = new ManualClock(new Date("2027-03-27T10:00:00Z"));
  const t = await makeTestDeps({ clock });
  const app = createApp(t.deps);
  const admin = await signUp(app, { email: "owner@sentiment-analytics.test" });
  const other = await signUp(app, { email: "owner@other-sentiment.test", company: "Other" });
  for (const owner of [admin, other]) {
    await setAnalyticsSettings(t.deps, owner.user.workspaceId, { timeZone: "Europe/Paris" });
    for (
      const body of [
        {
          name: "Shipping",
          description: "Deliveries, tracking and parcels",
          examples: ["Where is my parcel?", "My order has not arrived yet", "The tracking number does not work"],
        },
        { name: "Billing", description: "Invoices and refunds", examples: ["I was charged twice", "refund please"] },
      ]
    ) assert.equal((await call(app, "POST", "/api/categories", { cookie: owner.cookie, body })).status, 201);
  }
  const agent = async (cookie: string) =>
    (await (await call(app, "POST", "/api/agents", { cookie, body: { name: "Bot", handoffThreshold: 0 } })).json())
      .agent.id as string;
  const bot = await agent(admin.cookie);
  const otherBot = await agent(other.cookie);
  let n = 0;
  const visitor = async (agentId: string) => (await startWidgetSession(t.deps, { agentId })).visitor;
  const say = async (v: Visitor, text: string, conversationId?: string) => {
    const { conversation } = await visitorSend(t.deps, v, { clientId: `s-analytics-${++n}`, text, conversationId });
    await t.ai.idle();
    return conversation.id;
  };

  const v1 = await visitor(bot);
  const c1 = await say(v1, "My parcel has not arrived, where is my order?");
  clock.advance(5 * 60_000);
  await say(v1, "This is terrible, I am furious and disappointed", c1);
  await say(await visitor(otherBot), "Where is my parcel? This is terrible, I am furious");

  clock.advance(Date.parse("2027-03-27T23:30:00Z") - clock.now().getTime());
  const c2 = await say(await visitor(bot), "I was charged twice, refund please");
  const ticket = await handOffToTeam(
    t.deps,
    (await t.deps.store.conversations.get(admin.user.workspaceId, c2))!,
    "asked_for_human",
  );
  await t.ai.idle();

  clock.advance(Date.parse("2027-03-28T12:00:00Z") - clock.now().getTime());
  await say(await visitor(bot), "Great, thanks, that is perfect");
  return { t, app, clock, admin, other, ticketId: ticket.id, ids: { c1, c2 } };
}

const get = async (app: ReturnType<typeof createApp>, cookie: string, path: string) => {
  const res = await call(app, "GET", path, { cookie });
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
};

/** The scores the log carries for the workspace's customers' messages, in order. */
async function scores(h: Awaited<ReturnType<typeof history>>) {
  return (await h.t.deps.store.events.after(0, { limit: 1000, types: ["message.created"] }))
    .filter((e) => e.workspaceId === h.admin.user.workspaceId)
    .flatMap((e) =>
      (e.payload as { message: { sentiment?: { score: number; label: string } } }).message.sentiment ?? []
    );
}

Deno.test("sentiment and volume per category: exact per day in the workspace's days, staff corrections moved, rebuilt alike", async () => {
  const h = await history();
  const { app, admin, other } = h;
  try {
    const log = await scores(h);
    assert.deepEqual(log.map((s) => s.label), ["neutral", "negative", "negative", "positive"]);
    const milli = log.map((s) => Math.round(s.score * 1000));
    const q = "from=2027-03-27&to=2027-03-28";
    const s = await get(app, admin.cookie, `/api/analytics/summary?${q}`);
    assert.equal(s.conversations, 3);
    assert.deepEqual(s.sentiment, {
      messages: 4,
      average: Math.round(milli.reduce((a, b) => a + b, 0) / 4) / 1000,
      negativeMessages: 2,
      negativeMessageShare: 0.5,
      negativeConversations: 2,
      negativeConversationShare: 0.6667,
    });
    assert.deepEqual(s.categories, [
      { name: "billing", conversations: 1, tickets: 1 },
      { name: "shipping", conversations: 1, tickets: 0 },
    ]);
    const series = await get(app, admin.cookie, `/api/analytics/timeseries?${q}`);
    assert.deepEqual(series.categories, s.categories);
    const [d27, d28] = series.days;
    assert.deepEqual([d27.day, d27.conversations, d28.day, d28.conversations], ["2027-03-27", 1, "2027-03-28", 2]);
    assert.deepEqual(d27.sentiment, {
      messages: 2,
      average: Math.round((milli[0] + milli[1]) / 2) / 1000,
      negativeMessages: 1,
      negativeMessageShare: 0.5,
      negativeConversations: 1,
      negativeConversationShare: 1,
    });
    assert.deepEqual(d28.sentiment, {
      messages: 2,
      average: Math.round((milli[2] + milli[3]) / 2) / 1000,
      negativeMessages: 1,
      negativeMessageShare: 0.5,
      negativeConversations: 1,
      negativeConversationShare: 0.5,
    });
    // Visitor 2 wrote at 00:30 in Paris: their conversation and its ticket are the 28th's.
    assert.deepEqual(d27.categories, [{ name: "shipping", conversations: 1, tickets: 0 }]);
    assert.deepEqual(d28.categories, [{ name: "billing", conversations: 1, tickets: 1 }]);

    // Staff correct the ticket: shipping, not billing (category names are kept lower case). Its conversation and ticket move category.
    const put = await call(app, "PUT", `/api/tickets/${h.ticketId}`, {
      cookie: admin.cookie,
      body: { tags: ["shipping"] },
    });
    assert.equal(put.status, 200, await put.clone().text());
    await h.t.ai.idle();
    const moved = await get(app, admin.cookie, `/api/analytics/timeseries?${q}`);
    assert.deepEqual(moved.categories, [{ name: "shipping", conversations: 2, tickets: 1 }]);
    assert.deepEqual(moved.days[1].categories, [{ name: "shipping", conversations: 1, tickets: 1 }]);
    // The tag filter: the conversations whose ticket is tagged Shipping (visitor 2's), counted from their facts.
    const tagged = await get(app, admin.cookie, `/api/analytics/summary?${q}&tag=shipping`);
    assert.equal(tagged.conversations, 1);
    assert.deepEqual(tagged.categories, [{ name: "shipping", conversations: 1, tickets: 1 }]);
    assert.deepEqual(tagged.sentiment, {
      messages: 1,
      average: milli[2] / 1000,
      negativeMessages: 1,
      negativeMessageShare: 1,
      negativeConversations: 1,
      negativeConversationShare: 1,
    });

    // Another workspace's angry Shipping conversation is its own.
    const theirs = await get(app, other.cookie, `/api/analytics/summary?${q}`);
    assert.deepEqual([theirs.conversations, theirs.sentiment.negativeConversations], [1, 1]);
    assert.deepEqual(theirs.categories, [{ name: "shipping", conversations: 1, tickets: 0 }]);

    // Rebuilt from the log, the same numbers.
    const live = [
      await get(app, admin.cookie, `/api/analytics/summary?${q}`),
      await get(app, admin.cookie, `/api/analytics/timeseries?${q}`),
      await get(app, admin.cookie, `/api/analytics/summary?${q}&tag=shipping`),
    ];
    await rebuildAnalytics(h.t.deps);
    const rebuilt = [
      await get(app, admin.cookie, `/api/analytics/summary?${q}`),
      await get(app, admin.cookie, `/api/analytics/timeseries?${q}`),
      await get(app, admin.cookie, `/api/analytics/summary?${q}&tag=shipping`),
    ];
    assert.deepEqual(rebuilt, live);
  } finally {
    await h.t.cleanup();
  }
});
