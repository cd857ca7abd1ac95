/**
 * The offline sentence model (`lib/sentence_model.ts`) in the built-in responder's pipeline: a paraphrase that
 * shares no word with the article that answers it is answered from that article through the model, and handed
 * off without it; the model's vectors are made at ingestion only when it is on (tests that don't ask for it never
 * load it).
 */
import assert from "node:assert/strict";
import { createApp } from "../../app.ts";
import { dot, SENTENCE_MODEL, sentenceModel, stopSentenceModel } from "../../lib/sentence_model.ts";
import { retrieveWithEvidence } from "../../models/knowledge/retrieval.ts";
import { call, makeTestDeps, readSse, signUp } from "../helpers.ts";

const PAGES: Record<string, string> = {
  "Create a poll": "Polls let a group decide together. Type /poll followed by the question, then add the options on " +
    "separate lines. Everyone in the conversation can pick an option, and the results update live.",
  "Change your language": "Open Settings, then Preferences, and pick a language from the Language menu. The " +
    "interface switches at once; messages are not translated.",
  "Reset your password": "On the login page, click Forgot password and enter your email address. We send a link " +
    "that is valid for one hour.",
  "Notification settings": "Choose which messages send you notifications: all messages, mentions only, or nothing. " +
    "You can mute a conversation from its menu.",
  "Export your data": "Administrators can export the organization's messages and files as a zip archive from " +
    "Settings, Organization, Export.",
  "Delete a message": "Hover over a message you sent, open its menu and choose Delete. Administrators can delete " +
    "any message.",
};

/** No word of it is on the poll page ("vote", "chat", "make"): only meaning leads there. */
const PARAPHRASE = "make a vote in a chat";

async function trained(sentenceModelOn?: "on", provider = "local") {
  const ctx = await makeTestDeps(sentenceModelOn ? { env: { SENTENCE_MODEL: sentenceModelOn } } : {});
  const app = createApp(ctx.deps);
  const a = await signUp(app, { email: "admin@a.test" });
  const { agent } = await (await call(app, "POST", "/api/agents", {
    cookie: a.cookie,
    body: { name: "Bot", provider },
  })).json();
  for (const [title, content] of Object.entries(PAGES)) {
    const res = await call(app, "POST", `/api/agents/${agent.id}/train`, {
      cookie: a.cookie,
      body: { type: "text", content, metadata: { title } },
    });
    assert.equal(res.status, 202);
  }
  await ctx.runner.idle();
  const ask = async (message: string) => {
    const res = await call(app, "POST", `/api/agents/${agent.id}/ask`, { cookie: a.cookie, body: { message } });
    assert.equal(res.status, 200);
    return (await readSse(res)).find((e) => e.event === "done")!.data as {
      text: string;
      citations: Array<{ title: string }>;
      confidence: number;
      handoff: string | null;
    };
  };
  const vectors = async () => {
    const [source] = await ctx.deps.store.knowledge.listSources(a.user.workspaceId, agent.id);
    const [job] = await ctx.deps.store.knowledge.listJobs(a.user.workspaceId, agent.id, 1);
    const chunks = await ctx.deps.store.knowledge.chunksOfGeneration(a.user.workspaceId, job.id);
    assert.ok(source && chunks.length);
    return await ctx.deps.store.knowledge.chunkVectors(
      a.user.workspaceId,
      chunks.map((c) => c.id),
      SENTENCE_MODEL.id,
    );
  };
  const top = async (question: string) => {
    const stored = (await ctx.deps.store.agents.get(a.user.workspaceId, agent.id))!;
    const found = await retrieveWithEvidence(ctx.deps, stored, question);
    return { titles: found.passages.map((p) => p.title), meaning: found.meaning };
  };
  return { ...ctx, ask, vectors, top };
}

Deno.test("the sentence model puts a paraphrase near its meaning, not near shared topic words", async () => {
  try {
    const [q, poll, language] = await sentenceModel.embed([PARAPHRASE, "Create a poll", "Change your language"]);
    assert.ok(Math.abs(dot(q, q) - 1) < 1e-4, "unit vectors");
    assert.ok(dot(q, poll) > dot(q, language) + 0.05, `${dot(q, poll)} vs ${dot(q, language)}`);
  } finally {
    stopSentenceModel();
  }
});

Deno.test("a paraphrase with no word of its article is answered from it through the sentence model", async () => {
  const t = await trained("on");
  try {
    assert.ok((await t.vectors()).size > 0, "chunks embedded at ingestion");
    const done = await t.ask(PARAPHRASE);
    assert.deepEqual(done.citations.map((c) => c.title), ["Create a poll"]);
    assert.equal(done.handoff, null, `confidence ${done.confidence}`);
    assert.match(done.text, /\/poll/);
    // Meaning does not make an unrelated question answerable.
    const off = await t.ask("do you ship to Canada?");
    assert.equal(off.handoff, "low_confidence");
  } finally {
    await t.cleanup();
    stopSentenceModel();
  }
});

Deno.test("without the sentence model (the test default) nothing is embedded and the paraphrase is handed off", async () => {
  const t = await trained();
  try {
    assert.equal((await t.vectors()).size, 0);
    assert.equal((await t.ask(PARAPHRASE)).handoff, "low_confidence");
    assert.equal((await t.top(PARAPHRASE)).meaning, undefined);
  } finally {
    await t.cleanup();
  }
});

Deno.test("an agent whose provider has no embeddings (Anthropic) gets the model's re-ranking too", async () => {
  const t = await trained("on", "anthropic");
  try {
    assert.ok((await t.vectors()).size > 0, "chunks embedded at ingestion");
    const { titles, meaning } = await t.top(PARAPHRASE);
    assert.equal(titles[0], "Create a poll");
    // Re-ranked by the model (retrieval reports the question's closeness in meaning only then).
    assert.ok(meaning !== undefined && meaning > 0.3, `meaning ${meaning}`);
  } finally {
    await t.cleanup();
    stopSentenceModel();
  }
});
