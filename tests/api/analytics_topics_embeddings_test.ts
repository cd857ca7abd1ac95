import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { ManualClock } from "../../lib/clock.ts";
import { visitorSend } from "../../models/chat/chat.ts";
import { startWidgetSession } from "../../models/chat/visitors.ts";
import { embedText, startOpenAiFake } from "../fakes/openai_fake.ts";
import { call, makeTestDeps, signUp } from "../helpers.ts";

/**
 * Paraphrases with no keyword in common: "Where is my parcel?" (signature `parcel`) and "My order hasn't arrived"
 * (`arriv order`). The fake embeds `order` and `arriv` as `parcel` (as a real model puts them close), so the
 * two signatures' vectors are alike and `refund` is far.
 */
const SYNONYMS = [["parcel", "order", "arriv"]];

type Topic = { label: string; terms: string[]; questions: number; examples: string[] };
type Topics = { grouping: string; questions: number; topics: Topic[] };

async function setup() {
  const clock = new ManualClock(new Date("2027-03-10T15:00:00Z"));
  const t = await makeTestDeps({ clock });
  const app = createApp(t.deps);
  let n = 0;
  /** A workspace whose local agent answered two parcel questions, an order one and a refund one. */
  const workspace = async (email: string, company: string) => {
    const owner = await signUp(app, { email, company });
    const { agent } = await (await call(app, "POST", "/api/agents", { cookie: owner.cookie, body: { name: "Shop" } }))
      .json();
    for (const text of ["Where is my parcel?", "Where is my parcel?", "My order hasn't arrived", "Refund please?"]) {
      const { visitor } = await startWidgetSession(t.deps, { agentId: agent.id });
      await visitorSend(t.deps, visitor, { clientId: `client-emb-${String(++n).padStart(4, "0")}`, text });
      await t.ai.idle();
      clock.advance(60_000);
    }
    await t.runner.idle();
    return owner;
  };
  const a = await workspace("owner@emb-a.test", "A");
  const b = await workspace("owner@emb-b.test", "B");
  /** Sets the workspace's OpenAI key (pointing at `fakeUrl`) and adds an agent answering with OpenAI. */
  const useOpenAi = async (cookie: string, fakeUrl: string) => {
    const saved = await call(app, "PUT", "/api/settings/providers/openai", {
      cookie,
      body: { apiKey: "sk-test-openai", baseUrl: fakeUrl },
    });
    assert.equal(saved.status, 200, await saved.clone().text());
    const made = await call(app, "POST", "/api/agents", { cookie, body: { name: "Bot", provider: "openai" } });
    assert.equal(made.status, 201, await made.clone().text());
  };
  const topics = async (cookie: string): Promise<Topics> => {
    const res = await call(app, "GET", "/api/analytics/topics?from=2027-03-10&to=2027-03-10", { cookie });
    assert.equal(res.status, 200, await res.clone().text());
    return await res.json();
  };
  const counts = (s: Topics) => s.topics.map((x) => [x.terms.join(" "), x.questions]);
  return { t, a, b, useOpenAi, topics, counts };
}

const embeddingCalls = (fake: ReturnType<typeof startOpenAiFake>) =>
  fake.requests.filter((r) => r.path === "/v1/embeddings").map((r) => (r.body as { input: string[] }).input);

Deno.test("topics: paraphrases merge by the provider's embeddings, cached per workspace, lexical without or on failure", async () => {
  const fakeA = startOpenAiFake({ synonyms: SYNONYMS });
  const fakeB = startOpenAiFake(); // no synonyms: B's paraphrases stay apart if B's own vectors are used
  const h = await setup();
  try {
    const cos = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
    const syn = new Map(SYNONYMS[0].map((w) => [w, SYNONYMS[0][0]]));
    assert.ok(cos(embedText("parcel", syn), embedText("arriv order", syn)) > 0.99, "the fake: paraphrases close");
    assert.ok(cos(embedText("parcel", syn), embedText("refund", syn)) < 0.5, "the fake: refund far");

    // No provider that embeds (the local agent only): keywords alone.
    const lexical = await h.topics(h.a.cookie);
    assert.equal(lexical.grouping, "lexical");
    assert.deepEqual(h.counts(lexical), [["parcel", 2], ["arriv order", 1], ["refund", 1]]);

    // A's OpenAI key: the paraphrases are one topic, counts summed, the most asked wording leads.
    await h.useOpenAi(h.a.cookie, fakeA.url);
    const merged = await h.topics(h.a.cookie);
    assert.equal(merged.grouping, "embeddings");
    assert.equal(merged.questions, 4);
    assert.deepEqual(h.counts(merged), [["parcel", 3], ["refund", 1]]);
    assert.equal(merged.topics[0].label, "Where is my parcel?");
    assert.deepEqual(merged.topics[0].examples, ["Where is my parcel?", "My order hasn't arrived"]);
    assert.deepEqual(embeddingCalls(fakeA), [["parcel", "arriv order", "refund"]], "one batched call");

    // Cached: asked again, nothing is embedded again, same answer.
    assert.deepEqual(await h.topics(h.a.cookie), merged);
    assert.equal(embeddingCalls(fakeA).length, 1, "each signature embedded once");

    // B's provider fails (its key refused): the keyword topics, never an error.
    await h.useOpenAi(h.b.cookie, fakeB.url);
    fakeB.script([{ kind: "status", status: 401 }]);
    const failed = await h.topics(h.b.cookie);
    assert.equal(failed.grouping, "lexical");
    assert.deepEqual(h.counts(failed), [["parcel", 2], ["arriv order", 1], ["refund", 1]]);
    // ...or it does not answer within the query's wait (EMBED_TIMEOUT_MS): the same.
    fakeB.script([{ kind: "hang" }]);
    const hung = await h.topics(h.b.cookie);
    assert.equal(hung.grouping, "lexical");
    assert.deepEqual(h.counts(hung), [["parcel", 2], ["arriv order", 1], ["refund", 1]]);

    // Tenancy: B embeds its own signatures with its own provider (A's cached vectors, which would merge them, are
    // never read), and its provider's vectors keep them apart.
    const own = await h.topics(h.b.cookie);
    assert.equal(own.grouping, "embeddings");
    assert.deepEqual(h.counts(own), [["parcel", 2], ["arriv order", 1], ["refund", 1]]);
    assert.deepEqual(embeddingCalls(fakeB), Array(3).fill(["parcel", "arriv order", "refund"]), "refused, hung, own");
    assert.equal(embeddingCalls(fakeA).length, 1, "A's provider is not asked for B");
  } finally {
    await h.t.cleanup();
    await fakeA.close();
    await fakeB.close();
  }
});
