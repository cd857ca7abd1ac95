import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { newId } from "../../lib/ids.ts";
import { replyTo } from "../../listeners/ai_replies.ts";
import { blankFact } from "../../models/analytics/rollup_facts.ts";
import { newConversation } from "../../models/chat/conversation.ts";
import { assignVariant } from "../../models/experiments/experiment.ts";
import { startOpenAiFake } from "../fakes/openai_fake.ts";
import { saveOpenAiKey } from "../fakes/openai_workspace.ts";
import { addMember, call, makeTestDeps, signUp } from "../helpers.ts";

async function setup() {
  const ctx = await makeTestDeps();
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test", company: "A Corp" });
  const b = await signUp(app, { email: "admin@b.test", company: "B Corp" });
  const agentOf = async (cookie: string) =>
    (await (await call(app, "POST", "/api/agents", {
      cookie,
      body: { name: "Bot", prompt: "Be kind.", temperature: 0.3, model: "" },
    })).json()).agent;
  const agentA = await agentOf(a.cookie);
  const agentB = await agentOf(b.cookie);
  return { ...ctx, app, a, b, agentA, agentB };
}

/** A new customer id the experiment's hash puts in the variant `key`. */
function customerIn(experiment: Parameters<typeof assignVariant>[0], key: string): string {
  for (;;) {
    const id = newId();
    if (assignVariant(experiment, id).key === key) return id;
  }
}

/**
 * The customer `visitorId` (created on first use) asks agent A about refunds in a new conversation, answered as the
 * AI listener would; the conversation as stored after the answer.
 */
async function askAsCustomer(t: Awaited<ReturnType<typeof setup>>, visitorId: string) {
  const wid = t.a.user.workspaceId;
  const now = t.deps.clock.now();
  await t.deps.store.visitors.insert({
    id: visitorId,
    workspaceId: wid,
    agentId: t.agentA.id,
    verified: false,
    createdAt: now,
    lastSeenAt: now,
  }).catch(() => {/* the same customer again */});
  const conv = newConversation({ workspaceId: wid, agentId: t.agentA.id, visitorId, handledBy: "ai" }, now);
  await t.deps.store.conversations.insert(conv);
  const { message } = await t.deps.store.conversations.append(wid, conv.id, {
    sender: "user",
    authorKind: "visitor",
    text: "How long do refunds take?",
    attachmentIds: [],
    citations: [],
    status: "complete",
    internal: false,
    metadata: {},
  }, now);
  await replyTo(t.deps, conv, message);
  return (await t.deps.store.conversations.get(wid, conv.id))!;
}

const TWO_VARIANTS = {
  name: "Bolder model",
  variants: [
    { weight: 50 },
    { name: "Hot", weight: 50, provider: "openai", model: "gpt-variant", temperature: 1.1, prompt: "Be brief." },
  ],
};

Deno.test("experiments: validated, scoped to the workspace, started, stopped and promoted onto the agent", async () => {
  const t = await setup();
  try {
    const base = `/api/agents/${t.agentA.id}/experiments`;
    const post = (path: string, body: unknown, cookie = t.a.cookie) => call(t.app, "POST", path, { cookie, body });
    // Validation: field by field, 400.
    for (
      const [body, field] of [
        [{ variants: [{ weight: 1 }] }, "variants"],
        [{ variants: [{ weight: 0 }, { weight: 1 }] }, "variants.0.weight"],
        [{ variants: [{ weight: 1 }, { weight: 1, temperature: 3 }] }, "variants.1.temperature"],
        [{ variants: [{ weight: 1 }, { weight: 1, provider: "skynet" }] }, "variants.1.provider"],
        [{ variants: [{ weight: 1 }, { weight: 1, colour: "red" }] }, "variants.1"],
        [{ variants: [{ weight: 1 }, { weight: 1, knowledgeVersionId: newId() }] }, "variants.1.knowledgeVersionId"],
      ] as const
    ) {
      const res = await post(base, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const { error } = await res.json();
      assert.ok(Object.keys(error.details?.fields ?? {}).some((f) => f.startsWith(field)), JSON.stringify(error));
    }
    // Members read but do not manage.
    const member = await addMember(t.app, t.dir, t.a.cookie, "member@a.test");
    assert.equal((await post(base, TWO_VARIANTS, member.cookie)).status, 403);

    const created = await post(base, TWO_VARIANTS);
    assert.equal(created.status, 201);
    const { experiment } = await created.json();
    assert.equal(experiment.status, "draft");
    assert.deepEqual(experiment.variants.map((v: { key: string; name: string }) => [v.key, v.name]), [
      ["A", "Control"],
      ["B", "Hot"],
    ]);
    const second = (await (await post(base, { ...TWO_VARIANTS, name: "Second" })).json()).experiment;
    const list = await (await call(t.app, "GET", base, { cookie: member.cookie })).json();
    assert.deepEqual(list.experiments.map((e: { id: string }) => e.id), [second.id, experiment.id]);

    // Another workspace: its agent's id, or this agent's experiment under it, answer 404.
    const foreign = `/api/agents/${t.agentB.id}/experiments`;
    assert.equal((await call(t.app, "GET", base, { cookie: t.b.cookie })).status, 404);
    assert.equal((await post(base, TWO_VARIANTS, t.b.cookie)).status, 404);
    for (const action of ["start", "stop", "results"]) {
      const method = action === "results" ? "GET" : "POST";
      const path = `/${experiment.id}/${action}`;
      assert.equal((await call(t.app, method, base + path, { cookie: t.b.cookie })).status, 404, action);
      assert.equal((await call(t.app, method, foreign + path, { cookie: t.b.cookie })).status, 404, action);
    }
    assert.equal((await post(`${foreign}/${experiment.id}/promote`, { variant: "B" }, t.b.cookie)).status, 404);
    assert.equal((await post(`${base}/${newId()}/start`, undefined)).status, 404);
    assert.equal((await post(`${base}/not-an-id/start`, undefined)).status, 400);

    // Promote before start: 409. Start; a second running experiment of the agent: 409.
    assert.equal((await post(`${base}/${experiment.id}/promote`, { variant: "B" })).status, 409);
    const started = await post(`${base}/${experiment.id}/start`, undefined);
    assert.equal(started.status, 200);
    assert.equal((await started.json()).experiment.status, "running");
    const clash = await post(`${base}/${second.id}/start`, undefined);
    assert.equal(clash.status, 409);
    assert.equal((await clash.json()).error.code, "experiment_running");
    assert.equal((await post(`${base}/${experiment.id}/start`, undefined)).status, 409);

    // Stop, then the other may run; promote B: the agent takes its settings and the test stops.
    const stopped = await (await post(`${base}/${experiment.id}/stop`, undefined)).json();
    assert.equal(stopped.experiment.status, "stopped");
    assert.equal((await post(`${base}/${second.id}/start`, undefined)).status, 200);
    assert.equal((await post(`${base}/${second.id}/promote`, { variant: "Z" })).status, 400);
    const promoted = await post(`${base}/${second.id}/promote`, { variant: "B" });
    assert.equal(promoted.status, 200);
    const body = await promoted.json();
    assert.equal(body.experiment.status, "stopped");
    assert.equal(body.experiment.winner, "B");
    const agent = await t.deps.store.agents.get(t.a.user.workspaceId, t.agentA.id);
    assert.deepEqual(
      [agent?.provider, agent?.model, agent?.temperature, agent?.prompt],
      ["openai", "gpt-variant", 1.1, "Be brief."],
    );
    assert.equal(body.agent.model, "gpt-variant");
    assert.equal((await post(`${base}/${second.id}/promote`, { variant: "A" })).status, 409);
    const types = (await t.deps.store.events.after(0, { limit: 500 })).map((e) => e.type);
    for (const type of ["experiment.created", "experiment.started", "experiment.stopped", "experiment.promoted"]) {
      assert.ok(types.includes(type as never), type);
    }
  } finally {
    await t.cleanup();
  }
});

Deno.test("a running experiment answers each customer with their variant: sticky, recorded, and sent to the provider", async () => {
  const fake = startOpenAiFake();
  const t = await setup();
  try {
    await saveOpenAiKey(t.app, t.a.cookie, fake.url);
    const base = `/api/agents/${t.agentA.id}/experiments`;
    const { experiment } = await (await call(t.app, "POST", base, { cookie: t.a.cookie, body: TWO_VARIANTS })).json();
    await call(t.app, "POST", `${base}/${experiment.id}/start`, { cookie: t.a.cookie });
    // One customer the hash puts in A, one in B.
    const pick = (key: string) => customerIn(experiment, key);
    const ask = (visitorId: string) => askAsCustomer(t, visitorId);
    const chats = () => fake.requests.filter((r) => r.path === "/v1/chat/completions");
    fake.script([{ kind: "ok", text: "Five days." }, { kind: "ok", text: "Five days." }]);
    const inB = pick("B");
    const first = await ask(inB);
    assert.equal(first.variant, "B");
    assert.equal(first.experimentId, experiment.id);
    const request = chats()[0].body as { model: string; temperature: number; messages: Array<{ content: string }> };
    assert.equal(request.model, "gpt-variant");
    assert.equal(request.temperature, 1.1);
    assert.match(request.messages[0].content, /Be brief\./);
    // The same customer's next conversation: the same variant.
    assert.equal((await ask(inB)).variant, "B");
    assert.equal(chats().length, 2);
    // A customer in A is answered by the agent as it is (the built-in responder: nothing reaches OpenAI).
    const inA = await ask(pick("A"));
    assert.equal(inA.variant, "A");
    assert.equal(chats().length, 2);
    // The variant is in the conversation API (staff).
    const thread = await (await call(t.app, "GET", `/api/conversations/${first.id}`, { cookie: t.a.cookie })).json();
    assert.equal(thread.conversation.variant, "B");
    assert.equal(thread.conversation.experimentId, experiment.id);
    // Stopped: the agent answers as it is, and the conversation keeps the variant it had.
    await call(t.app, "POST", `${base}/${experiment.id}/stop`, { cookie: t.a.cookie });
    const after = await ask(inB);
    assert.equal(after.variant, undefined);
    assert.equal(chats().length, 2);
  } finally {
    await t.cleanup();
    await fake.close();
  }
});

Deno.test("results per variant on a controlled dataset: rates with Wilson intervals, the z-test and the verdict", async () => {
  const t = await setup();
  try {
    const wid = t.a.user.workspaceId;
    const base = `/api/agents/${t.agentA.id}/experiments`;
    const create = async () => {
      const { experiment } = await (await call(t.app, "POST", base, { cookie: t.a.cookie, body: TWO_VARIANTS }))
        .json();
      return experiment;
    };
    const now = t.deps.clock.now();
    const hourAgo = new Date(now.getTime() - 3600_000);
    // n conversations of a variant: `automated` answered by the AI (no handoff, quiet past the window),
    // `handedOff` handed to the team, `rated` of them rated, `happy` of those 4 or 5.
    const add = async (
      experimentId: string,
      variant: string,
      n: number,
      o: { automated: number; handedOff: number; rated: number; happy: number },
    ) => {
      for (let i = 0; i < n; i++) {
        const conv = newConversation(
          { workspaceId: wid, agentId: t.agentA.id, visitorId: newId(), handledBy: "ai" },
          now,
        );
        await t.deps.store.visitors.insert({
          id: conv.visitorId,
          workspaceId: wid,
          agentId: t.agentA.id,
          verified: false,
          createdAt: now,
          lastSeenAt: now,
        });
        await t.deps.store.conversations.insert(conv);
        await t.deps.store.experiments.assign(wid, conv.id, experimentId, variant);
        await t.deps.store.analytics.apply(newId(), (tx) =>
          tx.putFact({
            ...blankFact(wid, conv.id, t.agentA.id, conv.visitorId),
            startedAt: hourAgo,
            day: hourAgo.toISOString().slice(0, 10),
            aiInvolved: true,
            aiAnswered: i < o.automated,
            lastAiAt: hourAgo,
            handedOff: i >= o.automated && i < o.automated + o.handedOff,
            rating: i < o.rated ? (i < o.happy ? 5 : 2) : null,
          }));
      }
    };
    const results = async (id: string) => {
      const res = await call(t.app, "GET", `${base}/${id}/results`, { cookie: t.a.cookie });
      assert.equal(res.status, 200);
      return await res.json();
    };

    // 100/200 vs 130/200 automated: pooled 0.575, se = sqrt(0.575 * 0.425 * 2/200) = 0.049432, z = 0.15 / 0.049432
    // = 3.0343, p = 0.0024: B is better.
    const clear = await create();
    await add(clear.id, "A", 200, { automated: 100, handedOff: 60, rated: 40, happy: 30 });
    await add(clear.id, "B", 200, { automated: 130, handedOff: 30, rated: 50, happy: 45 });
    const r = await results(clear.id);
    const [a, b] = r.variants;
    assert.deepEqual([a.key, a.conversations, b.key, b.conversations], ["A", 200, "B", 200]);
    assert.equal(a.automationRate.rate, 0.5);
    assert.equal(b.automationRate.rate, 0.65);
    // Wilson 100/200: 0.5 ± 0.0686 (centre 0.5 exactly): 0.4314 to 0.5686.
    assert.ok(Math.abs(a.automationRate.low - 0.4314) < 0.0001 && Math.abs(a.automationRate.high - 0.5686) < 0.0001);
    assert.equal(a.handoffRate.successes, 60);
    assert.equal(b.handoffRate.rate, 0.15);
    assert.deepEqual([a.csat.successes, a.csat.trials, b.csat.successes, b.csat.trials], [30, 40, 45, 50]);
    assert.ok(Math.abs(r.comparison.z - 3.0343) < 0.0001, String(r.comparison.z));
    assert.ok(Math.abs(r.comparison.pValue - 0.0024) < 0.0001, String(r.comparison.pValue));
    assert.deepEqual(r.verdict, { better: "B", moreNeeded: null, text: "B is better with 95% confidence" });

    // The export names each conversation's variant (its last column).
    const day = hourAgo.toISOString().slice(0, 10);
    const csv = await (await call(t.app, "GET", `/api/analytics/export.csv?from=${day}&to=${day}`, {
      cookie: t.a.cookie,
    })).text();
    const rows = csv.trimEnd().split("\r\n");
    assert.ok(rows[0].endsWith(",variant"));
    const lastColumn = rows.slice(1).map((l) => l.split(",").at(-1));
    assert.deepEqual([lastColumn.filter((v) => v === "A").length, lastColumn.filter((v) => v === "B").length], [
      200,
      200,
    ]);

    // 10/20 vs 12/20: no difference yet. 50% vs 60% needs 388 a group: 368 + 368 more.
    const early = await create();
    await add(early.id, "A", 20, { automated: 10, handedOff: 5, rated: 0, happy: 0 });
    await add(early.id, "B", 20, { automated: 12, handedOff: 2, rated: 0, happy: 0 });
    const e = await results(early.id);
    assert.equal(e.verdict.better, null);
    assert.equal(e.verdict.moreNeeded, 736);
    assert.equal(e.verdict.text, "No difference yet: about 736 more conversations needed");
    assert.deepEqual(e.variants[0].csat, { successes: 0, trials: 0, rate: 0, low: 0, high: 1 });

    // Nothing yet: every count 0, the verdict still says how many are needed.
    const none = await results((await create()).id);
    assert.deepEqual(none.variants.map((v: { conversations: number }) => v.conversations), [0, 0]);
    assert.ok(none.verdict.moreNeeded > 0);
  } finally {
    await t.cleanup();
  }
});

Deno.test("variants with different knowledge versions answer from different content while the experiment runs", async () => {
  const t = await setup();
  try {
    const wid = t.a.user.workspaceId;
    const agentPath = `/api/agents/${t.agentA.id}`;
    const train = async (content: string) => {
      const res = await call(t.app, "POST", `${agentPath}/train`, {
        cookie: t.a.cookie,
        body: { type: "text", content, metadata: { title: "Refunds" } },
      });
      assert.equal(res.status, 202);
      await t.runner.idle();
    };
    // v1: the old policy. Then the source is replaced: v3 (active) holds only the new one.
    await train("Refunds take five business days to reach your card after we receive the item.");
    const [old] = await t.deps.store.knowledge.listSources(wid, t.agentA.id);
    await call(t.app, "DELETE", `${agentPath}/sources/${old.id}`, { cookie: t.a.cookie });
    await train("Refunds are paid as store credit within two hours, no card refund.");
    const versions = (await (await call(t.app, "GET", `${agentPath}/versions`, { cookie: t.a.cookie })).json())
      .versions as { id: string; number: number; active: boolean }[];
    const v1 = versions.find((v) => v.number === 1)!;
    assert.ok(versions.find((v) => v.active)!.number > 1);

    const base = `${agentPath}/experiments`;
    const created = await call(t.app, "POST", base, {
      cookie: t.a.cookie,
      body: { name: "Old policy", variants: [{ weight: 50 }, { weight: 50, knowledgeVersionId: v1.id }] },
    });
    assert.equal(created.status, 201);
    const { experiment } = await created.json();
    await call(t.app, "POST", `${base}/${experiment.id}/start`, { cookie: t.a.cookie });
    const pick = (key: string) => customerIn(experiment, key);
    /** What the AI answered the customer. */
    const ask = async (visitorId: string) => {
      const conv = await askAsCustomer(t, visitorId);
      const msgs = await t.deps.store.conversations.messagesAfter(wid, conv.id, 0, {
        limit: 20,
        includeInternal: true,
      });
      return msgs.filter((m) => m.authorKind === "ai").map((m) => m.text).join("\n");
    };
    const answerA = await ask(pick("A"));
    const answerB = await ask(pick("B"));
    assert.match(answerA, /store credit/);
    assert.doesNotMatch(answerA, /five business days/);
    assert.match(answerB, /five business days/);
    assert.doesNotMatch(answerB, /store credit/);

    // Another workspace's version id never answers: B's agent named in a variant is refused at creation.
    const foreign = await call(t.app, "POST", `/api/agents/${t.agentB.id}/experiments`, {
      cookie: t.b.cookie,
      body: { name: "Theirs", variants: [{ weight: 50 }, { weight: 50, knowledgeVersionId: v1.id }] },
    });
    assert.equal(foreign.status, 400);

    // Stopped: everyone is answered from the active version again.
    await call(t.app, "POST", `${base}/${experiment.id}/stop`, { cookie: t.a.cookie });
    assert.match(await ask(pick("B")), /store credit/);
  } finally {
    await t.cleanup();
  }
});
