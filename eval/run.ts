/**
 * Runs one evaluation set end to end, as a business and its visitors would:
 * the set is served as a website, crawled through the real crawler (with
 * loopback allowed, as in tests), and every question is asked through
 * `POST /api/agents/:id/ask` with the agent's provider (the built-in
 * responder). Retrieval's page ranking is read with `retrieve()` for recall@k.
 *
 * @module
 */
import { createApp } from "../app.ts";
import type { Agent } from "../models/agents/agent.ts";
import { retrieve } from "../models/knowledge/retrieval.ts";
import type { Deps } from "../models/ports/deps.ts";
import { call, makeTestDeps, readSse, signUp } from "../tests/helpers.ts";
import type { EvalSet, Question } from "./sets.ts";
import { serveHelpSite } from "./site.ts";

/** What happened to one question. */
export interface Outcome {
  q: string;
  split: Question["split"];
  /** The right page's slug, or null for an unanswerable question. */
  page: string | null;
  /** Pages in retrieval order (slugs, deduplicated), first 10. */
  ranked: string[];
  /** Pages the answer cites (slugs; "?" for a citation that is not a page of the set). */
  cited: string[];
  text: string;
  confidence: number;
  handoff: string | null;
}

/** How the set was ingested, for the report. */
export interface Ingested {
  pages: number;
  chunks: number;
  ms: number;
}

/** Phrases with which an answer says it does not know. */
export const ABSTAINS = /\b(couldn'?t find|could not find|i (don'?t|do not) know|not sure|no information)\b/i;

/** An agent trained on a set's site, ready to ask; `await using` tears it all down. */
export interface Trained {
  deps: Deps;
  agent: Agent;
  app: ReturnType<typeof createApp>;
  cookie: string;
  ingested: Ingested;
  /** Resolves once the app's listeners have caught up (the bench's profiles start at rest). */
  idle(): Promise<void>;
  /** The URL of a page by slug. */
  urlOf(slug: string): string;
  /** The slug of a page URL ("?" for one outside the set's articles). */
  slugOf(url: string | undefined): string;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Serves the set's site and crawls it into a fresh agent (built-in responder). */
export async function trainOnSet(set: EvalSet): Promise<Trained> {
  const site = serveHelpSite(set);
  // The offline sentence model is on by default outside tests; the eval measures that default
  // (SENTENCE_MODEL=off measures words alone).
  const ctx = await makeTestDeps({ env: { SENTENCE_MODEL: Deno.env.get("SENTENCE_MODEL") ?? "on" } });
  const close = async () => {
    await ctx.cleanup();
    await site[Symbol.asyncDispose]();
  };
  try {
    const app = createApp(ctx.deps);
    const admin = await signUp(app, { email: `eval-${set.name}@example.test`, company: set.product });
    const created = await call(app, "POST", "/api/agents", {
      cookie: admin.cookie,
      body: { name: `${set.product} help` },
    });
    const { agent: made } = await created.json();
    const t0 = performance.now();
    const trained = await call(app, "POST", `/api/agents/${made.id}/train`, {
      cookie: admin.cookie,
      body: { type: "website", content: `${site.origin}/` },
    });
    if (trained.status !== 202) throw new Error(`training failed: ${trained.status} ${await trained.text()}`);
    await ctx.runner.idle();
    const ms = performance.now() - t0;
    const agent = (await ctx.deps.store.agents.get(admin.user.workspaceId, made.id)) as Agent;
    const [source] = await ctx.deps.store.knowledge.listSources(agent.workspaceId, agent.id);
    if (source?.status !== "ready") throw new Error(`the site was not ingested: ${source?.status} ${source?.error}`);
    const [job] = await ctx.deps.store.knowledge.listJobs(agent.workspaceId, agent.id, 1);
    const prefix = `${site.origin}${set.pathPrefix}`;
    return {
      deps: ctx.deps,
      agent,
      app,
      cookie: admin.cookie,
      ingested: { pages: job?.progressDone ?? 0, chunks: source.chunkCount, ms },
      idle: () => ctx.ai.idle(),
      urlOf: site.urlOf,
      slugOf: (url: string | undefined) =>
        url?.startsWith(prefix) ? url.slice(prefix.length).replace(/[#?].*$/, "") : "?",
      [Symbol.asyncDispose]: close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Crawls the set's site into a fresh agent and asks every question (or those `filter` keeps). */
export async function runSet(
  set: EvalSet,
  filter: (q: Question) => boolean = () => true,
): Promise<{ outcomes: Outcome[]; ingested: Ingested }> {
  await using trained = await trainOnSet(set);
  const { deps, agent, app, cookie, slugOf } = trained;
  const outcomes: Outcome[] = [];
  for (const question of set.questions.filter(filter)) {
    const passages = await retrieve(deps, agent, question.q, { limit: 10 });
    const ranked = [...new Set(passages.map((p) => slugOf(p.url)))];
    const res = await call(app, "POST", `/api/agents/${agent.id}/ask`, { cookie, body: { message: question.q } });
    if (res.status !== 200) throw new Error(`ask failed: ${res.status} ${await res.text()}`);
    const done = (await readSse(res)).find((e) => e.event === "done")!.data as {
      text: string;
      citations: Array<{ url?: string }>;
      confidence: number;
      handoff: string | null;
    };
    outcomes.push({
      q: question.q,
      split: question.split,
      page: question.page,
      ranked,
      cited: done.citations.map((c) => slugOf(c.url)),
      text: done.text,
      confidence: done.confidence,
      handoff: done.handoff,
    });
  }
  return { outcomes, ingested: trained.ingested };
}
