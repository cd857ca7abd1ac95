import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import type { Visitor } from "../../models/chat/conversation.ts";
import { identifyVisitor, startWidgetSession } from "../../models/chat/visitors.ts";
import { bucketOf, bucketValue } from "../../models/analytics/histogram.ts";
import { applyToRollups, rebuildAnalytics } from "../../models/analytics/rebuild.ts";
import { ROLLUP_TYPES } from "../../models/analytics/rollup.ts";
import { setAnalyticsSettings } from "../../models/analytics/settings.ts";
import { rateAsVisitor } from "../../models/tickets/ratings.ts";
import { analytics } from "../../listeners/analytics.ts";
import { addMember, call, makeTestDeps, signUp } from "../helpers.ts";

const MIN = 60_000;

/**
 * A known history in a Paris workspace (summer time starts on 2027-03-28 at 01:00 UTC), across local midnights:
 * - A, 03-27 22:30Z (Paris 03-27 23:30): visitor 1 asks Bot; the AI answers; nothing more.
 * - B, 03-27 23:10Z (Paris 03-28 00:10): visitor 2 asks Bot for a human; the admin replies 110 s later and
 *   resolves 600 s after that; rated 5.
 * - C, 03-28 10:00Z: visitor 3 asks Strict (handoff threshold 1: low confidence); the member replies
 *   45 s later and resolves 255 s after that; rated 3.
 * - D, 03-28 22:30Z (Paris 03-29 00:30, UTC+2 since the night before): visitor 4 asks Broken (Anthropic without
 *   a key): the provider failed.
 * - E, 03-28 22:40Z: visitor 1 returns to Bot, writes again 10 minutes later, the AI answers again.
 * Another workspace has one conversation of its own on 03-28.
 */
async function history() {
  const clock = new ManualClock(new Date("2027-03-27T22:00:00Z"));
  const t = await makeTestDeps({ clock });
  const app = createApp(t.deps);
  const admin = await signUp(app, { email: "owner@analytics.test" });
  const member = await addMember(app, t.dir, admin.cookie, "member@analytics.test");
  const other = await signUp(app, { email: "owner@other-analytics.test", company: "Other" });
  await setAnalyticsSettings(t.deps, admin.user.workspaceId, { timeZone: "Europe/Paris" });
  const agent = async (cookie: string, body: Record<string, unknown>) =>
    (await (await call(app, "POST", "/api/agents", { cookie, body })).json()).agent.id as string;
  const bot = await agent(admin.cookie, { name: "Bot", handoffThreshold: 0 });
  const strict = await agent(admin.cookie, { name: "Strict", handoffThreshold: 1 });
  const broken = await agent(admin.cookie, { name: "Broken", provider: "anthropic", handoffThreshold: 0 });
  const otherBot = await agent(other.cookie, { name: "Other bot", handoffThreshold: 0 });

  let n = 0;
  const visitor = async (agentId: string) => (await startWidgetSession(t.deps, { agentId })).visitor;
  const say = async (v: Visitor, text: string, conversationId?: string) => {
    const { conversation } = await visitorSend(t.deps, v, {
      clientId: `client-analytics-${String(++n).padStart(4, "0")}`,
      text,
      conversationId,
      pageUrl: "https://shop.example/help",
    });
    await t.ai.idle();
    return conversation.id;
  };
  const ticketOf = async (conversationId: string) => {
    const { tickets } = await (await call(app, "GET", "/api/tickets", { cookie: admin.cookie })).json();
    return tickets.find((x: { conversationId: string }) => x.conversationId === conversationId).id as string;
  };
  const reply = async (cookie: string, ticketId: string) =>
    assert.equal(
      (await call(app, "POST", `/api/tickets/${ticketId}/messages`, { cookie, body: { content: "On it." } })).status,
      201,
    );
  const resolve = async (cookie: string, ticketId: string) =>
    assert.equal(
      (await call(app, "PUT", `/api/tickets/${ticketId}/status`, { cookie, body: { status: "resolved" } })).status,
      200,
    );

  clock.advance(30 * MIN); // 22:30Z
  const v1 = await visitor(bot);
  const a = await say(v1, "What are your opening hours?");

  clock.advance(40 * MIN); // 23:10Z
  const v2 = await identifyVisitor(t.deps, await visitor(bot), { email: "grace@customer.test" });
  const b = await say(v2, "I want to talk to a human");
  const tb = await ticketOf(b);
  clock.advance(110_000);
  await reply(admin.cookie, tb);
  clock.advance(600_000);
  await resolve(admin.cookie, tb);
  await rateAsVisitor(t.deps, v2, b, { score: 5, comment: "Quick and kind, thanks!" });

  clock.advance(Date.parse("2027-03-28T10:00:00Z") - clock.now().getTime());
  const v3 = await visitor(strict);
  const c = await say(v3, "Do you ship parcels to Mars?");
  const tc = await ticketOf(c);
  clock.advance(45_000);
  await reply(member.cookie, tc);
  clock.advance(255_000);
  await resolve(member.cookie, tc);
  await rateAsVisitor(t.deps, v3, c, { score: 3 });

  const vo = await visitor(otherBot);
  await say(vo, "Hello from elsewhere");

  clock.advance(Date.parse("2027-03-28T22:30:00Z") - clock.now().getTime());
  await say(await visitor(broken), "Hello?");

  clock.advance(10 * MIN); // 22:40Z
  const e = await say(v1, "Do you open on holidays?");
  clock.advance(10 * MIN);
  await say(v1, "And on Sundays?", e);
  clock.advance(10 * MIN); // 23:00Z: E's last answer is 10 minutes old, inside the 30-minute window
  await t.ai.idle();
  return { t, app, clock, admin, member, other, bot, v1, v2, ids: { a, b, c, e } };
}

const get = async (app: ReturnType<typeof createApp>, cookie: string, path: string) => {
  const res = await call(app, "GET", path, { cookie });
  assert.equal(res.status, 200, await res.clone().text());
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  return await res.json();
};

/** Runs `fn` on a fresh copy of the history. */
function withHistory(fn: (h: Awaited<ReturnType<typeof history>>) => Promise<void>) {
  return async () => {
    const h = await history();
    try {
      await fn(h);
    } finally {
      await h.t.cleanup();
    }
  };
}

Deno.test(
  "the summary counts a known history exactly, in the workspace's days",
  withHistory(async ({ t, app, clock, admin }) => {
    const s = await get(app, admin.cookie, "/api/analytics/summary?from=2027-03-27&to=2027-03-29");
    const { previous, ...current } = s;
    assert.deepEqual(current, {
      from: "2027-03-27",
      to: "2027-03-29",
      timeZone: "Europe/Paris",
      agentId: null,
      tag: null,
      conversations: 5,
      customers: 4,
      returningCustomers: 0,
      messages: { customer: 6, ai: current.messages.ai, staff: 2 },
      aiInvolved: current.aiInvolved,
      aiResolved: 1,
      automationRate: 0.2,
      aiAnswers: { withSources: 0, withoutSources: 6 },
      firstTokenMs: current.firstTokenMs,
      handoffs: 3,
      handoffReasons: { customer: 1, lowConfidence: 1, providerError: 1, staff: 0 },
      ticketsCreated: 3,
      ticketsResolved: 2,
      ticketsOpen: 1,
      firstResponseSeconds: { median: 77.5, average: 77.5 },
      // Durations of two minutes and more are read from 5%-wide buckets (README, Analytics): 710 s and 300 s.
      resolutionSeconds: { median: (bucketValue(bucketOf(710)) + bucketValue(bucketOf(300))) / 2, average: 505 },
      csat: { average: 4, responses: 2, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 } },
      aiCsat: { average: null, responses: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
      // The six customer messages, scored by the offline lexicon (none negative); no categories set up.
      sentiment: {
        messages: 6,
        average: 0.042,
        negativeMessages: 0,
        negativeMessageShare: 0,
        negativeConversations: 0,
        negativeConversationShare: 0,
      },
      categories: [],
    });
    assert.equal(current.messages.ai, 6, "A 1, B 1 (handing off), C 1 (unsure), D 1 (the apology), E 2");
    assert.equal(current.aiInvolved, 5, "the AI wrote in every one of them");
    // Time to the first token is measured by the AI listener (performance.now): the rollups' figures are the
    // log's, exactly.
    const tokenMs = (await t.deps.store.events.after(0, { limit: 10_000, types: ["message.created"] }))
      .filter((e) => e.workspaceId === admin.user.workspaceId)
      .map((e) => (e.payload as { message: { ai?: { firstTokenMs: number | null } } }).message.ai?.firstTokenMs)
      .filter((ms): ms is number => typeof ms === "number");
    assert.ok(tokenMs.length >= 5, "AI answers carry their first token's delay");
    assert.equal(
      current.firstTokenMs.average,
      Math.round((tokenMs.reduce((a, b) => a + b, 0) / tokenMs.length) * 10) / 10,
    );
    assert.ok(current.firstTokenMs.median !== null);
    assert.equal(previous.ticketsOpen, 0);
    assert.ok(Math.abs(current.resolutionSeconds.median - 505) / 505 < 0.025);
    assert.equal(previous.from, "2027-03-24");
    assert.equal(previous.to, "2027-03-26");
    assert.equal(previous.conversations, 0);
    assert.equal(previous.automationRate, null);
    assert.deepEqual(previous.firstResponseSeconds, { median: null, average: null });

    clock.advance(20 * MIN); // E's last answer is now 30 minutes old: resolved by the AI
    const later = await get(app, admin.cookie, "/api/analytics/summary?from=2027-03-27&to=2027-03-29");
    assert.equal(later.aiResolved, 2);
    assert.equal(later.automationRate, 0.4);
  }),
);

Deno.test(
  "days follow the workspace's time zone across midnight and the DST change; an agent filters",
  withHistory(async ({ app, admin, bot }) => {
    const ts = await get(app, admin.cookie, "/api/analytics/timeseries?from=2027-03-27&to=2027-03-30");
    assert.equal(ts.timeZone, "Europe/Paris");
    assert.deepEqual(ts.days.map((d: { day: string; conversations: number }) => [d.day, d.conversations]), [
      ["2027-03-27", 1],
      ["2027-03-28", 2],
      ["2027-03-29", 2],
      ["2027-03-30", 0],
    ]);
    assert.deepEqual(ts.days.map((d: { handoffs: number }) => d.handoffs), [0, 2, 1, 0]);
    assert.deepEqual(ts.days.map((d: { aiResolved: number }) => d.aiResolved), [1, 0, 0, 0]);
    assert.deepEqual(ts.days.map((d: { csatAverage: number | null }) => d.csatAverage), [null, 4, null, null]);
    assert.deepEqual(ts.days.map((d: { ticketsOpen: number }) => d.ticketsOpen), [0, 0, 1, 1], "D's ticket stays open");
    // By Paris weekday (0 = Monday) and hour: A Saturday 23:30; B Sunday 00:10; C Sunday 12:00 (summer time);
    // D and E Monday 00:30 and 00:40.
    const cells = ts.heatmap.flatMap((hours: number[], day: number) =>
      hours.flatMap((n, hour) => (n ? [[day, hour, n]] : []))
    );
    assert.deepEqual(cells, [[0, 0, 2], [5, 23, 1], [6, 0, 1], [6, 12, 1]]);
    const monday = await get(app, admin.cookie, "/api/analytics/summary?from=2027-03-29&to=2027-03-29");
    assert.equal(monday.customers, 2);
    assert.equal(monday.returningCustomers, 1, "visitor 1 came on Saturday (A) and again on Monday (E)");
    assert.equal(monday.ticketsOpen, 1);
    const botMonday = await get(
      app,
      admin.cookie,
      `/api/analytics/summary?from=2027-03-29&to=2027-03-29&agentId=${bot}`,
    );
    assert.equal(botMonday.returningCustomers, 1, "visitor 1's first conversation with Bot was A");
    const pages = await get(app, admin.cookie, "/api/analytics/pages?from=2027-03-27&to=2027-03-29");
    assert.deepEqual(pages.pages, [{ url: "https://shop.example/help", conversations: 5 }]);
    const one = await get(app, admin.cookie, "/api/analytics/summary?from=2027-03-27&to=2027-03-27");
    assert.equal(one.conversations, 1, "B started at 00:10 in Paris: the next day");
    assert.equal(one.previous.from, "2027-03-26");
    const onlyBot = await get(app, admin.cookie, `/api/analytics/summary?from=2027-03-27&to=2027-03-29&agentId=${bot}`);
    assert.equal(onlyBot.conversations, 3);
    assert.equal(onlyBot.agentId, bot);
    assert.deepEqual(onlyBot.handoffReasons, { customer: 1, lowConfidence: 0, providerError: 0, staff: 0 });
  }),
);

Deno.test(
  "the team table: each teammate's replies, first response, resolutions and CSAT",
  withHistory(async ({ app, admin, member }) => {
    const team = await get(app, member.cookie, "/api/analytics/team?from=2027-03-27&to=2027-03-29");
    const byId = new Map(team.teammates.map((m: { userId: string }) => [m.userId, m]));
    assert.deepEqual(byId.get(admin.user.id), {
      userId: admin.user.id,
      name: "Ada",
      replies: 1,
      firstResponses: 1,
      firstResponseSecondsAverage: 110,
      resolved: 1,
      csat: { average: 5, responses: 1 },
    });
    assert.deepEqual(byId.get(member.id), {
      userId: member.id,
      name: "Member",
      replies: 1,
      firstResponses: 1,
      firstResponseSecondsAverage: 45,
      resolved: 1,
      csat: { average: 3, responses: 1 },
    });
    const onlyMember = await get(
      app,
      member.cookie,
      `/api/analytics/team?from=2027-03-27&to=2027-03-29&userId=${member.id}`,
    );
    assert.deepEqual(onlyMember.teammates.map((m: { userId: string }) => m.userId), [member.id]);
    const c = await get(app, member.cookie, "/api/analytics/comments?from=2027-03-27&to=2027-03-29");
    assert.deepEqual(
      c.comments.map((x: { score: number; comment: string; day: string; resolvedBy: string }) => [
        x.score,
        x.comment,
        x.day,
        x.resolvedBy,
      ]),
      [[5, "Quick and kind, thanks!", "2027-03-28", admin.user.id]],
    );
    const none = await get(
      app,
      member.cookie,
      `/api/analytics/comments?from=2027-03-27&to=2027-03-29&userId=${member.id}`,
    );
    assert.deepEqual(none.comments, [], "the member's resolved ticket was rated without a comment");
  }),
);

Deno.test(
  "another workspace sees only its own numbers; no session and a visitor token get 401",
  withHistory(async ({ t, app, other }) => {
    const s = await get(app, other.cookie, "/api/analytics/summary?from=2027-03-27&to=2027-03-29");
    assert.equal(s.timeZone, "UTC");
    assert.equal(s.conversations, 1);
    assert.equal(s.customers, 1);
    assert.equal(s.handoffs, 0);
    assert.equal(s.csat.responses, 0);
    for (const name of ["pages", "comments", "topics", "gaps"]) {
      const list = await get(app, other.cookie, `/api/analytics/${name}?from=2027-03-27&to=2027-03-29`);
      assert.ok(Array.isArray(list[name]));
      if (name === "pages") assert.deepEqual(list.pages, [{ url: "https://shop.example/help", conversations: 1 }]);
      if (name === "comments") assert.deepEqual(list.comments, []);
    }
    for (const path of ["summary", "timeseries", "team", "export.csv", "topics", "gaps", "pages", "comments"]) {
      const res = await call(app, "GET", `/api/analytics/${path}`);
      assert.equal(res.status, 401, path);
    }
    const agents = await t.deps.store.agents.list(other.user.workspaceId);
    const { token } = await startWidgetSession(t.deps, { agentId: agents[0].id });
    const res = await call(app, "GET", "/api/analytics/summary", { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 401);
    const bad = await call(app, "GET", "/api/analytics/summary?from=2027-03-29&to=2027-03-27", {
      cookie: other.cookie,
    });
    assert.equal(bad.status, 400);
    assert.equal((await call(app, "GET", "/api/analytics/team?from=2026-02-30", { cookie: other.cookie })).status, 400);
  }),
);

Deno.test(
  "the export streams one row per conversation with the documented columns",
  withHistory(async ({ app, admin, ids }) => {
    const res = await call(app, "GET", "/api/analytics/export.csv?from=2027-03-27&to=2027-03-29", {
      cookie: admin.cookie,
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.match(res.headers.get("content-disposition") ?? "", /conversations-2027-03-27-to-2027-03-29\.csv/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    assert.equal(
      lines[0],
      "conversation_id,started_at,agent,customer_email,messages,handled_by,handoff_reason," +
        "first_response_seconds,resolution_seconds,rating,tags,variant",
    );
    assert.equal(lines.length, 1 + 5);
    assert.deepEqual(lines.slice(1).map((l) => l.split(",")[0]).slice(0, 2), [ids.a, ids.b]);
    const b = lines.find((l) => l.startsWith(ids.b))!.split(",");
    assert.deepEqual(b.slice(1), [
      "2027-03-27T23:10:00.000Z",
      "Bot",
      "grace@customer.test",
      "3",
      "human",
      "asked_for_human",
      "110",
      "710",
      "5",
      "",
      "",
    ]);
    const a = lines.find((l) => l.startsWith(ids.a))!.split(",");
    assert.deepEqual(a.slice(2, 10), ["Bot", "", "2", "ai", "", "", "", ""]);
  }),
);

Deno.test(
  "redelivered events count once, and a rebuild from the log gives the live numbers",
  withHistory(async ({ t, app, admin }) => {
    const paths = [
      "/api/analytics/summary?from=2027-03-27&to=2027-03-29",
      "/api/analytics/timeseries?from=2027-03-27&to=2027-03-29",
      "/api/analytics/team?from=2027-03-27&to=2027-03-29",
    ];
    const live = await Promise.all(paths.map((p) => get(app, admin.cookie, p)));
    const events = await t.deps.store.events.after(0, { limit: 10_000, types: ROLLUP_TYPES });
    const handled = events.filter((e) => analytics.wants!(e));
    assert.ok(handled.length < events.length, "system lines and notes are passed over");
    for (const e of handled) assert.equal(await applyToRollups(t.deps, e), false);
    assert.deepEqual(await Promise.all(paths.map((p) => get(app, admin.cookie, p))), live);

    assert.equal(await rebuildAnalytics(t.deps, 7), events.length);
    assert.deepEqual(await Promise.all(paths.map((p) => get(app, admin.cookie, p))), live);

    // A rebuild recounts history in the workspace's current time zone.
    await setAnalyticsSettings(t.deps, admin.user.workspaceId, { timeZone: "UTC" });
    await rebuildAnalytics(t.deps);
    const utc = await get(app, admin.cookie, "/api/analytics/timeseries?from=2027-03-27&to=2027-03-29");
    assert.deepEqual(utc.days.map((d: { conversations: number }) => d.conversations), [2, 3, 0]);
  }),
);

Deno.test(
  "the home page's Last 30 days cards show the summary's figures and link to the analytics",
  withHistory(async ({ app, admin }) => {
    const s = await get(app, admin.cookie, "/api/analytics/summary");
    assert.equal(s.to, "2027-03-29", "today in Paris");
    assert.equal(s.from, "2027-02-28");
    const res = await app.request("/", { headers: { cookie: admin.cookie } });
    assert.equal(res.status, 200);
    const html = await res.text();
    const card = (label: string) => {
      const m = html.match(new RegExp(`data-stat="${label}"[\\s\\S]*?</div>`));
      assert.ok(m, label);
      return [...m[0].matchAll(/<dd[^>]*>([^<]*)<\/dd>/g)].map((d) => d[1]);
    };
    assert.deepEqual(card("Conversations"), [String(s.conversations), "New this period"]);
    assert.deepEqual(card("Resolved by AI"), [`${Math.round(s.automationRate * 100)}%`, "1 of 5 conversations"]);
    assert.deepEqual(card("Handed to the team"), [String(s.handoffs), "2 tickets resolved"]);
    assert.deepEqual(card("Customer satisfaction"), ["4.0 / 5", "2 ratings"]);
    assert.match(html, /href="\/analytics"/);
  }),
);

Deno.test(
  "events of different aggregates applied in another order (as the listener may) give the same rollups",
  withHistory(async ({ t, app, admin }) => {
    const paths = [
      "/api/analytics/summary?from=2027-03-27&to=2027-03-29",
      // Visitor 1's Monday conversation (E) applied before their Saturday one (A): A still counts as the first.
      "/api/analytics/summary?from=2027-03-29&to=2027-03-29",
      "/api/analytics/timeseries?from=2027-03-27&to=2027-03-29",
      "/api/analytics/team?from=2027-03-27&to=2027-03-29",
      "/api/analytics/export.csv?from=2027-03-27&to=2027-03-29",
      "/api/analytics/pages?from=2027-03-27&to=2027-03-29",
      "/api/analytics/comments?from=2027-03-27&to=2027-03-29",
    ];
    const read = () =>
      Promise.all(paths.map(async (p) => (await call(app, "GET", p, { cookie: admin.cookie })).text()));
    const live = await read();
    assert.match(live[1], /"returningCustomers":1/);
    const events = (await t.deps.store.events.after(0, { limit: 10_000, types: ROLLUP_TYPES }))
      .filter((e) => analytics.wants!(e));
    // Each aggregate's events stay in order (the runner's guarantee); aggregates go last-seen first.
    const byAggregate = Map.groupBy(events, (e) => e.aggregateId);
    await t.ai.stop();
    await t.deps.store.analytics.reset();
    for (const group of [...byAggregate.values()].reverse()) {
      for (const e of group) assert.equal(await applyToRollups(t.deps, e), true);
    }
    assert.deepEqual(await read(), live);
  }),
);

Deno.test("analytics settings: members read them, admins change them, a bad zone is refused per field", async () => {
  const t = await makeTestDeps({ clock: new ManualClock(new Date("2027-03-27T22:00:00Z")) });
  try {
    const app = createApp(t.deps);
    const admin = await signUp(app, { email: "owner@settings-analytics.test" });
    const member = await addMember(app, t.dir, admin.cookie, "member@settings-analytics.test");
    const other = await signUp(app, { email: "owner@other-settings.test", company: "Other" });
    assert.deepEqual(await get(app, member.cookie, "/api/analytics/settings"), {
      timeZone: "UTC",
      resolutionWindowMinutes: 30,
    });
    const put = (cookie: string, body: unknown) => call(app, "PUT", "/api/analytics/settings", { cookie, body });
    const denied = await put(member.cookie, { timeZone: "Europe/Paris" });
    assert.equal(denied.status, 403);
    const bad = await put(admin.cookie, { timeZone: "Mars/Olympus_Mons", resolutionWindowMinutes: 0 });
    assert.equal(bad.status, 400);
    const { error } = await bad.json();
    assert.equal(error.code, "validation_failed");
    assert.match(JSON.stringify(error), /timeZone/);
    assert.match(JSON.stringify(error), /resolutionWindowMinutes/);
    const ok = await put(admin.cookie, { timeZone: "America/New_York" });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { timeZone: "America/New_York", resolutionWindowMinutes: 30 });
    assert.equal((await put(admin.cookie, { resolutionWindowMinutes: 45 })).status, 200);
    assert.deepEqual(await get(app, member.cookie, "/api/analytics/settings"), {
      timeZone: "America/New_York",
      resolutionWindowMinutes: 45,
    });
    // The summary's days are the new zone's: 22:00Z on 03-27 is the 27th in New York.
    assert.equal((await get(app, member.cookie, "/api/analytics/summary")).to, "2027-03-27");
    assert.equal((await get(app, other.cookie, "/api/analytics/settings")).timeZone, "UTC", "tenancy");
    assert.equal((await call(app, "GET", "/api/analytics/settings")).status, 401);
    const page = await (await app.request("/settings", { headers: { cookie: member.cookie } })).text();
    assert.match(page, /America\/New_York/);
    assert.match(page, /Only workspace admins can change these/);
  } finally {
    await t.cleanup();
  }
});

Deno.test(
  "CSAT of AI-answered conversations: rated in the widget, counted apart from tickets, withdrawn by a handoff",
  withHistory(async ({ t, app, admin, bot, v1, v2, ids }) => {
    const period = "/api/analytics/summary?from=2027-03-27&to=2027-03-29";
    // A and E: answered by the AI, no ticket. Rated on 03-29 (Paris; the clock is 23:00Z on 03-28).
    assert.equal(await rateAsVisitor(t.deps, v1, ids.a, { score: 4, comment: "Clear" }), null);
    await rateAsVisitor(t.deps, v1, ids.e, { score: 2 });
    await rateAsVisitor(t.deps, v1, ids.e, { score: 5 }); // rated again: the latest score counts, once

    // A new conversation: nothing to rate before the AI answers; then rated 3.
    const { visitor } = await startWidgetSession(t.deps, { agentId: bot });
    const { conversation } = await visitorSend(t.deps, visitor, { clientId: "client-ai-rating-0001", text: "Hi" });
    await t.ai.idle();
    await rateAsVisitor(t.deps, visitor, conversation.id, { score: 3 });
    await assert.rejects(rateAsVisitor(t.deps, visitor, ids.a, { score: 1 }), /Conversation/, "not theirs");
    await t.ai.idle();

    let s = await get(app, admin.cookie, period);
    assert.deepEqual(s.aiCsat, { average: 4, responses: 3, distribution: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 1 } });
    assert.deepEqual(s.csat, { average: 4, responses: 2, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 } });
    const events = await t.deps.store.events.after(0, { limit: 10_000, types: ["conversation.rated"] });
    assert.equal(events.length, 4);
    assert.deepEqual(events[0].payload, {
      conversationId: ids.a,
      agentId: bot,
      visitorId: v1.id,
      score: 4,
      comment: "Clear",
    });

    // A conversation with the team is rated as a ticket (B: resolved, rated 5 already) or refused while open.
    await rateAsVisitor(t.deps, v2, ids.b, { score: 4 });
    // E goes to the team after its rating: no longer an AI-resolved rating.
    await visitorSend(t.deps, v1, {
      clientId: "client-ai-rating-0002",
      text: "I want to talk to a human",
      conversationId: ids.e,
    });
    await t.ai.idle();
    await assert.rejects(rateAsVisitor(t.deps, v1, ids.e, { score: 5 }), /resolved|team/);
    await t.ai.idle();
    s = await get(app, admin.cookie, period);
    assert.deepEqual(s.aiCsat, { average: 3.5, responses: 2, distribution: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 0 } });
    assert.deepEqual(s.csat, { average: 3.5, responses: 2, distribution: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 0 } });

    const live = await get(app, admin.cookie, period);
    await rebuildAnalytics(t.deps);
    assert.deepEqual(await get(app, admin.cookie, period), live);
  }),
);

Deno.test(
  "a tag filters the summary and the export to the conversations whose ticket carries it",
  withHistory(async ({ t, app, admin, other, ids }) => {
    const { tickets } = await (await call(app, "GET", "/api/tickets", { cookie: admin.cookie })).json();
    const ticketOf = (id: string) => tickets.find((x: { conversationId: string }) => x.conversationId === id).id;
    for (const [c, tags] of [[ids.b, ["billing", "vip"]], [ids.c, ["billing"]]] as const) {
      const res = await call(app, "PUT", `/api/tickets/${ticketOf(c)}`, { cookie: admin.cookie, body: { tags } });
      assert.equal(res.status, 200, await res.clone().text());
    }
    await t.ai.idle();
    const s = await get(app, admin.cookie, "/api/analytics/summary?from=2027-03-27&to=2027-03-29&tag=billing");
    const { previous, ...current } = s;
    // B (asked for a human: 110 s to the first reply, resolved after 710 s, rated 5) and C (low confidence: 45 s,
    // 300 s, rated 3): medians and averages exact, from the facts.
    assert.deepEqual(current, {
      from: "2027-03-27",
      to: "2027-03-29",
      timeZone: "Europe/Paris",
      agentId: null,
      tag: "billing",
      conversations: 2,
      customers: 2,
      returningCustomers: 0,
      messages: { customer: 2, ai: 2, staff: 2 },
      aiInvolved: 2,
      aiResolved: 0,
      automationRate: 0,
      aiAnswers: null,
      firstTokenMs: { median: null, average: null },
      handoffs: 2,
      handoffReasons: { customer: 1, lowConfidence: 1, providerError: 0, staff: 0 },
      ticketsCreated: 2,
      ticketsResolved: 2,
      ticketsOpen: 0,
      firstResponseSeconds: { median: 77.5, average: 77.5 },
      resolutionSeconds: { median: 505, average: 505 },
      csat: { average: 4, responses: 2, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 } },
      aiCsat: { average: null, responses: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
      sentiment: {
        messages: 2,
        average: 0.125,
        negativeMessages: 0,
        negativeMessageShare: 0,
        negativeConversations: 0,
        negativeConversationShare: 0,
      },
      categories: [],
    });
    assert.equal(previous.conversations, 0);
    const q = "from=2027-03-27&to=2027-03-29&tag=billing";
    // The series, team and topics of the tag, from the same two conversations (both started on the 28th in Paris).
    const series = await get(app, admin.cookie, `/api/analytics/timeseries?${q}`);
    assert.equal(series.tag, "billing");
    assert.deepEqual(series.days.map((d: { day: string; conversations: number }) => [d.day, d.conversations]), [
      ["2027-03-27", 0],
      ["2027-03-28", 2],
      ["2027-03-29", 0],
    ]);
    const { day: _, sentiment: __, categories: ___, ...day28 } = series.days[1];
    assert.deepEqual(day28, {
      conversations: 2,
      messages: 6,
      aiInvolved: 2,
      aiResolved: 0,
      handoffs: 2,
      ticketsCreated: 2,
      ticketsResolved: 2,
      ticketsOpen: 0,
      csatResponses: 2,
      csatAverage: 4,
    });
    assert.equal(series.days[1].sentiment.messages, 2);
    // Sunday (6) at 00:10 (B) and 12:00 (C) Paris time.
    assert.deepEqual(series.heatmap[6].flatMap((n: number, h: number) => n ? [[h, n]] : []), [[0, 1], [12, 1]]);
    assert.equal(series.heatmap.flat().reduce((x: number, y: number) => x + y, 0), 2);
    const team = await get(app, admin.cookie, `/api/analytics/team?${q}`);
    assert.equal(team.tag, "billing");
    assert.deepEqual(
      team.teammates.map((
        m: Record<string, unknown>,
      ) => [m.name, m.replies, m.firstResponseSecondsAverage, m.resolved, m.csat]),
      [["Ada", 1, 110, 1, { average: 5, responses: 1 }], ["Member", 1, 45, 1, { average: 3, responses: 1 }]],
    );
    const vipTeam = await get(app, admin.cookie, "/api/analytics/team?from=2027-03-27&to=2027-03-29&tag=vip");
    assert.deepEqual(vipTeam.teammates.map((m: { name: string }) => m.name), ["Ada"]);
    const topics = await get(app, admin.cookie, `/api/analytics/topics?${q}`);
    assert.equal(topics.questions, 2);
    assert.deepEqual(topics.topics.map((x: Record<string, unknown>) => [x.label, x.questions, x.unsure]), [
      ["Do you ship parcels to Mars?", 1, 1],
      ["I want to talk to a human", 1, 0],
    ]);
    const untagged = await get(app, admin.cookie, "/api/analytics/topics?from=2027-03-27&to=2027-03-29");
    assert.ok(untagged.questions > 2, "the untagged topics count every answered question");
    const gaps = await get(app, admin.cookie, `/api/analytics/gaps?${q}`);
    assert.deepEqual(gaps.gaps.map((g: Record<string, unknown>) => [g.label, g.questions, g.lastDay]), [
      ["Do you ship parcels to Mars?", 1, "2027-03-28"],
    ]);
    for (const path of ["timeseries", "team", "topics"]) {
      const theirs = await get(app, other.cookie, `/api/analytics/${path}?${q}`);
      assert.equal(JSON.stringify(theirs).includes(ids.b), false);
      if (path === "timeseries") assert.equal(theirs.days[1].conversations, 0, "another workspace's tags");
      if (path === "team") assert.deepEqual(theirs.teammates, []);
      if (path === "topics") assert.equal(theirs.questions, 0);
    }
    const vip = await get(app, admin.cookie, "/api/analytics/summary?from=2027-03-28&to=2027-03-28&tag=vip");
    assert.equal(vip.conversations, 1, "B started on the 28th in Paris");
    assert.deepEqual(vip.firstResponseSeconds, { median: 110, average: 110 });
    const none = await get(app, admin.cookie, "/api/analytics/summary?from=2027-03-27&to=2027-03-29&tag=Billing");
    assert.equal(none.conversations, 0, "tags match exactly");
    const csv = await (await call(app, "GET", "/api/analytics/export.csv?from=2027-03-27&to=2027-03-29&tag=billing", {
      cookie: admin.cookie,
    })).text();
    assert.deepEqual(csv.trimEnd().split("\r\n").slice(1).map((l) => l.split(",")[0]), [ids.b, ids.c]);
    const theirs = await get(app, other.cookie, "/api/analytics/summary?from=2027-03-27&to=2027-03-29&tag=billing");
    assert.equal(theirs.conversations, 0, "another workspace's tagged tickets are not counted");
    const long = await call(app, "GET", `/api/analytics/summary?tag=${"x".repeat(51)}`, { cookie: admin.cookie });
    assert.equal(long.status, 400);
  }),
);
