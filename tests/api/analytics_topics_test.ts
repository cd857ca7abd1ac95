import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { startWidgetSession } from "../../models/chat/visitors.ts";
import { rebuildAnalytics } from "../../models/analytics/rebuild.ts";
import { setAnalyticsSettings } from "../../models/analytics/settings.ts";
import { addMember, call, makeTestDeps, readSse, signUp } from "../helpers.ts";

const FAQ = `# Help
## Refunds
Refunds are issued within 5 business days of receiving the returned item.
## Opening hours
Our support team answers from 9am to 5pm, Monday to Friday.`;

const HOUR = 3_600_000;

/**
 * A shop's questions in a New York workspace, over two days (03-09 and 03-10 local):
 * - 03-09: one refund question (the previous period of a one-day query on 03-10).
 * - 03-10: three refund questions (answered from the FAQ; the greeting before one is small talk), two about shipping parcels to Mars
 *   (the FAQ has nothing: handed off for low confidence), and one asking
 *   for a person (a handoff, not a gap).
 * Another workspace has a Mars question of its own.
 */
async function history() {
  const clock = new ManualClock(new Date("2027-03-09T15:00:00Z")); // 10:00 in New York (UTC-5)
  const t = await makeTestDeps({ clock });
  const app = createApp(t.deps);
  const admin = await signUp(app, { email: "owner@topics.test" });
  const other = await signUp(app, { email: "owner@other-topics.test", company: "Other" });
  await setAnalyticsSettings(t.deps, admin.user.workspaceId, { timeZone: "America/New_York" });
  const agent = async (cookie: string, name: string) => {
    const { agent } = await (await call(app, "POST", "/api/agents", { cookie, body: { name } })).json();
    await call(app, "POST", `/api/agents/${agent.id}/train`, {
      cookie,
      body: { type: "text", content: FAQ, metadata: { title: "Help center" } },
    });
    await t.runner.idle();
    return agent.id as string;
  };
  const shop = await agent(admin.cookie, "Shop");
  const otherShop = await agent(other.cookie, "Other shop");
  let n = 0;
  const ask = async (agentId: string, ...texts: string[]) => {
    const { visitor } = await startWidgetSession(t.deps, { agentId });
    let conversationId: string | undefined;
    for (const text of texts) {
      ({ conversation: { id: conversationId } } = await visitorSend(t.deps, visitor, {
        clientId: `client-topics-${String(++n).padStart(4, "0")}`,
        text,
        conversationId,
        pageUrl: `https://shop.example/help?visit=${n}#top`,
      }));
      await t.ai.idle();
      clock.advance(60_000);
    }
  };
  await ask(shop, "How long do refunds take?");
  clock.advance(Date.parse("2027-03-10T14:00:00Z") - clock.now().getTime()); // 10:00 in New York
  await ask(shop, "How long do refunds take?");
  await ask(shop, "Hi!", "How long does a refund take?");
  await ask(shop, "When will my refund arrive?");
  await ask(shop, "Do you ship parcels to Mars?");
  clock.advance(HOUR);
  await ask(shop, "Can you ship a parcel to Mars?");
  await ask(shop, "I want to talk to a human");
  await ask(otherShop, "Do you ship parcels to Mars?");
  return { t, app, clock, admin, other, shop, otherShop };
}

const get = async (app: ReturnType<typeof createApp>, cookie: string, path: string) => {
  const res = await call(app, "GET", path, { cookie });
  assert.equal(res.status, 200, await res.clone().text());
  return await res.json();
};

Deno.test("topics group similar questions, count them against the previous period, with examples", async () => {
  const h = await history();
  try {
    const { app, admin } = h;
    const s = await get(app, admin.cookie, "/api/analytics/topics?from=2027-03-10&to=2027-03-10");
    assert.equal(s.questions, 6, "3 refund, 2 Mars, 1 asking for a person; the greeting is not a question");
    const byLabel = new Map(s.topics.map((x: { label: string }) => [x.label, x]));
    const refunds = s.topics[0];
    assert.equal(refunds.questions, 3, '`refund` twice ("take" is filler) and `arriv refund`, half alike');
    assert.equal(refunds.previous, 1, "the refund question of 03-09");
    assert.equal(refunds.change, 2);
    assert.equal(refunds.unsure, 0);
    assert.deepEqual(refunds.terms, ["refund"]);
    assert.deepEqual(refunds.examples, ["How long do refunds take?", "When will my refund arrive?"]);
    const mars = byLabel.get("Do you ship parcels to Mars?") as Record<string, unknown>;
    assert.ok(mars, JSON.stringify(s.topics));
    assert.equal(mars.questions, 2);
    assert.equal(mars.unsure, 2);
    assert.equal(mars.previous, 0);
    assert.deepEqual(mars.examples, ["Do you ship parcels to Mars?"], "one example per signature and day");
    assert.deepEqual(s.topics.map((x: { terms: string[] }) => x.terms.join(" ")), [
      "refund",
      "mar parcel ship",
      "human talk",
    ]);
  } finally {
    await h.t.cleanup();
  }
});

Deno.test("a gap fixed in one step: the next customer gets a grounded answer citing the new source", async () => {
  const h = await history();
  try {
    const { t, app, admin, other, shop } = h;
    const g = await get(app, admin.cookie, "/api/analytics/gaps?from=2027-03-10&to=2027-03-10");
    assert.equal(g.gaps.length, 1, "low confidence only: asking for a person is a handoff, not a gap");
    const gap = g.gaps[0];
    assert.deepEqual(
      { ...gap, id: undefined },
      {
        id: undefined,
        label: "Do you ship parcels to Mars?",
        terms: ["mar", "parcel", "ship"],
        questions: 2,
        lastDay: "2027-03-10",
        agentId: shop,
        examples: ["Do you ship parcels to Mars?"],
        resolved: false,
        fix: null,
      },
    );

    // Another workspace's gap (same question, its own id space) is not found here, and vice versa.
    const otherGaps = await get(app, other.cookie, "/api/analytics/gaps?from=2027-03-10&to=2027-03-10");
    assert.equal(otherGaps.gaps.length, 1);
    const body = { answer: "Yes: parcels to Mars leave every Tuesday and cost 99 credits." };
    const visitorsOnly = await call(app, "POST", `/api/analytics/gaps/${btoa("nope")}/resolve`, {
      cookie: other.cookie,
      body,
    });
    assert.equal(visitorsOnly.status, 404);
    assert.equal(
      (await call(app, "POST", "/api/analytics/gaps/%%%/resolve", { cookie: admin.cookie, body })).status,
      404,
    );
    await t.deps.store.analytics.fixGap({
      workspaceId: other.user.workspaceId,
      signature: "unrelated",
      agentId: h.otherShop,
      sourceId: "0".repeat(24),
      fixedBy: other.user.id,
      fixedAt: h.clock.now(),
      fixedDay: "2027-03-10",
    });
    const missing = await call(app, "POST", `/api/analytics/gaps/${btoa("unrelated")}/resolve`, {
      cookie: admin.cookie,
      body,
    });
    assert.equal(missing.status, 404);
    const foreignAgent = await call(app, "POST", `/api/analytics/gaps/${gap.id}/resolve`, {
      cookie: admin.cookie,
      body: { ...body, agentId: h.otherShop },
    });
    assert.equal(foreignAgent.status, 404, "another workspace's agent");
    assert.equal(
      (await call(app, "POST", `/api/analytics/gaps/${gap.id}/resolve`, { cookie: admin.cookie, body: {} })).status,
      400,
    );

    const member = await addMember(app, t.dir, admin.cookie, "member@topics.test");
    const asMember = await call(app, "POST", `/api/analytics/gaps/${gap.id}/resolve`, { cookie: member.cookie, body });
    assert.equal(asMember.status, 403, "changing an agent's knowledge is for admins");
    const fixed = await call(app, "POST", `/api/analytics/gaps/${gap.id}/resolve`, { cookie: admin.cookie, body });
    assert.equal(fixed.status, 202, await fixed.clone().text());
    const { gap: done, source } = await fixed.json();
    assert.equal(done.agentId, shop);
    assert.equal(source.title, "Do you ship parcels to Mars?");
    assert.equal(source.type, "text");
    await t.runner.idle();
    const after = await get(app, admin.cookie, "/api/analytics/gaps?from=2027-03-10&to=2027-03-10");
    assert.equal(after.gaps[0].resolved, true);
    assert.equal(after.gaps[0].fix.sourceId, done.sourceId);
    const otherAfter = await get(app, other.cookie, "/api/analytics/gaps?from=2027-03-10&to=2027-03-10");
    assert.equal(otherAfter.gaps[0].resolved, false, "the other workspace's gap is its own");

    const versions = await get(app, admin.cookie, `/api/agents/${shop}/versions`);
    assert.ok(versions.versions.length >= 2, "a new knowledge version");

    const res = await call(app, "POST", `/api/agents/${shop}/ask`, {
      cookie: admin.cookie,
      body: { message: "Do you ship parcels to Mars?" },
    });
    const answer = (await readSse(res)).find((e) => e.event === "done")!.data as {
      text: string;
      citations: Array<{ title: string }>;
      handoff: string | null;
    };
    assert.equal(answer.handoff, null);
    assert.match(answer.text, /Tuesday/);
    assert.deepEqual(answer.citations.map((c) => c.title), ["Do you ship parcels to Mars?"]);
  } finally {
    await h.t.cleanup();
  }
});

Deno.test("topics, gaps and the new metrics: a rebuild from the log gives the live numbers", async () => {
  const h = await history();
  try {
    const { t, app, admin } = h;
    const paths = [
      "/api/analytics/topics?from=2027-03-09&to=2027-03-10",
      "/api/analytics/gaps?from=2027-03-09&to=2027-03-10",
      "/api/analytics/summary?from=2027-03-09&to=2027-03-10",
      "/api/analytics/timeseries?from=2027-03-09&to=2027-03-10",
    ];
    const live = await Promise.all(paths.map((p) => get(app, admin.cookie, p)));
    await rebuildAnalytics(t.deps, 5);
    assert.deepEqual(await Promise.all(paths.map((p) => get(app, admin.cookie, p))), live);
  } finally {
    await h.t.cleanup();
  }
});
