/**
 * `deno task bench`: a report, not a test. Measures, in one run and side by
 * side with a bare reference so the ratio is the overhead:
 * - retrieval p50/p95 at 10k and 100k chunks (our `retrieve()` through the
 *   store) next to a bare FTS5 MATCH on the same index and query;
 * - the same with the offline sentence model re-ranking the candidates by meaning (`bench_meaning.ts`);
 * - ingestion throughput (chunks/s: chunking + storing + indexing);
 * - the realtime relay next to a bare WebSocket echo (`bench_realtime.ts`);
 * - the bytes each dashboard page and the widget download, compressed, as sent
 *   (`bench_pages.ts`).
 * - the analytics dashboard queries at 100k and 1M messages (`bench_analytics.ts`).
 * - webhook deliveries per second and event-to-delivery latency next to a bare POST loop (`bench_webhooks.ts`).
 * - 10,000 idle visitor sockets: memory per socket next to a bare Deno WebSocket server (`bench_idle.ts`);
 * - the relay across two instances through Redis next to the same-instance relay (`bench_cluster.ts`).
 * - the load one instance holds, relay only and with the built-in responder on the event loop and on worker
 *   threads (`bench_load.ts`; `deno run -A tasks/bench_load.ts --visitors 5000 --seconds 60` for the size).
 * Targets (DESIGN.md): retrieval p95 <= 10 ms at 100k chunks.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { createLogger } from "../lib/log.ts";
import { newId } from "../lib/ids.ts";
import type { Agent } from "../models/agents/agent.ts";
import { chunkDocument } from "../models/knowledge/chunking.ts";
import type { Deps } from "../models/ports/deps.ts";
import { retrieve } from "../models/knowledge/retrieval.ts";
import { ftsQuery, knowledgeIndex } from "../storage/sqlite/knowledge_index.ts";
import { createSqliteStore } from "../storage/sqlite/mod.ts";

const VOCAB = (
  "account address annual answer api app archive billing browser cancel card cart charge checkout code company " +
  "contact courier credit customer data date delivery deposit desk device discount download email error export " +
  "fee file form gift guide help home hour import invoice item key language limit link login member message " +
  "mobile month number offer order package page parcel partner password payment plan policy price privacy product " +
  "profile promo refund region renewal report request reset return review reward schedule security seat service " +
  "session setting shipping size store student subscription support tax team ticket time tracking trial update " +
  "upgrade user voucher warranty website week workspace"
).split(" ");

/**
 * A vocabulary shaped like real help-centre text: the support words above
 * plus 6,000 made-up words, drawn with Zipf's law (frequency ~ 1/rank), so a
 * few words are everywhere and most are rare, as in natural language.
 */
const SYLLABLES =
  "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu"
    .split(" ");
const WORDS: string[] = [];
for (let i = 0; WORDS.length < 6000; i++) {
  const a = SYLLABLES[i % SYLLABLES.length];
  const b = SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length];
  const c = SYLLABLES[Math.floor(i / SYLLABLES.length ** 2) % SYLLABLES.length];
  WORDS.push(a + b + c + "n");
}
// Support words sit among the made-up ones, from common to rare.
VOCAB.forEach((w, i) => WORDS.splice(20 + i * 37, 0, w));
const HARMONIC: number[] = [];
{
  let sum = 0;
  for (let r = 1; r <= WORDS.length; r++) HARMONIC.push(sum += 1 / r);
}

/** A word drawn with Zipf's law (binary search in the cumulative 1/rank weights). */
export function word(rand: () => number, skipCommon = 0): string {
  const total = HARMONIC[HARMONIC.length - 1];
  const from = skipCommon ? HARMONIC[skipCommon - 1] : 0;
  const x = from + rand() * (total - from);
  let lo = 0, hi = HARMONIC.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (HARMONIC[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return WORDS[lo];
}

export function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function sentence(rand: () => number): string {
  const n = 8 + Math.floor(rand() * 10);
  const words = Array.from({ length: n }, () => word(rand));
  return words.join(" ").replace(/^./, (c) => c.toUpperCase()) + ".";
}

const pct = (xs: number[], p: number) =>
  xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

export async function seed(deps: Deps, total: number): Promise<Agent> {
  const now = new Date();
  const ws = { id: newId(), name: "Bench", createdAt: now, updatedAt: now };
  const owner = {
    id: newId(),
    workspaceId: ws.id,
    name: "B",
    email: `bench-${ws.id}@x.test`,
    passwordHash: "x",
    company: "B",
    role: "admin" as const,
    tokenVersion: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.workspaces.createWithOwner(ws, owner);
  const agent: Agent = {
    id: newId(),
    workspaceId: ws.id,
    userId: owner.id,
    name: "Bench",
    description: "",
    welcomeMessage: "",
    model: "",
    temperature: 0,
    maxTokens: 100,
    prompt: "",
    isActive: true,
    provider: "local",
    handoffThreshold: 0.3,
    allowedDomains: [],
    widgetConfig: { primaryColor: "#000000", position: "right", title: "t", subtitle: "" },
    activeVersionId: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.agents.insert(agent);
  const rand = rng(total);
  const perSource = 2000;
  for (let s = 0; s < total / perSource; s++) {
    const sourceId = newId();
    const jobId = newId();
    await deps.store.knowledge.insertSource(
      {
        id: sourceId,
        workspaceId: ws.id,
        agentId: agent.id,
        type: "text",
        content: "bench",
        metadata: {},
        title: `Doc ${s}`,
        status: "queued",
        chunkCount: 0,
        active: false,
        createdAt: now,
        updatedAt: now,
      },
      {
        id: jobId,
        workspaceId: ws.id,
        agentId: agent.id,
        sourceId,
        state: "queued",
        progressDone: 0,
        progressTotal: 0,
        attempts: 0,
        createdAt: now,
      },
    );
    await deps.store.knowledge.claimNextJob(now);
    const chunks = Array.from({ length: perSource }, (_, i) => ({
      id: newId(),
      sourceId,
      title: `Doc ${s}`,
      heading: `${word(rand)} ${word(rand)}`,
      text: Array.from({ length: 5 }, () => sentence(rand)).join(" "),
      position: i,
    }));
    await deps.store.knowledge.insertChunks(ws.id, agent.id, jobId, chunks);
    await deps.store.knowledge.completeJob(jobId, { updatedAt: now }, "bench", now);
  }
  return (await deps.store.agents.get(ws.id, agent.id))!;
}

async function benchRetrieval(total: number) {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "bench.db");
  const store = createSqliteStore(path);
  const deps = { store, log: createLogger("silent") } as unknown as Deps;
  const agent = await seed(deps, total);
  const bare = new DatabaseSync(path);
  const rand = rng(7);
  // Questions carry topic words, not the most common ones (those are stopwords in real text).
  const queries = Array.from(
    { length: 300 },
    () => Array.from({ length: 3 + Math.floor(rand() * 4) }, () => word(rand, 100)).join(" "),
  );
  const ours: number[] = [];
  const ref: number[] = [];
  const naive: number[] = [];
  const index = knowledgeIndex(bare);
  // retrieve() asks the store for 24 candidates; for an agent owning the index the store ranks 4x that.
  const bareStmt = bare.prepare(
    "SELECT rowid, rank FROM knowledge_fts WHERE knowledge_fts MATCH ? ORDER BY rank LIMIT 96",
  );
  for (let i = 0; i < 30; i++) await retrieve(deps, agent, queries[i]); // warm up
  const scoped = (terms: string[]) => `scope : "a${agent.id}" AND (${ftsQuery(terms)})`;
  for (const q of queries) {
    // Reference: the FTS5 query of the terms our search ends up matching, each once, with nothing around it (ours
    // writes the question's own words twice, to weigh them double its equivalents).
    let t0 = performance.now();
    bareStmt.all(ftsQuery(index.selectTerms(q))!);
    ref.push(performance.now() - t0);
    // For scale: the straightforward query (agent scope AND every word), unpruned.
    t0 = performance.now();
    bareStmt.all(scoped([...new Set(q.split(" "))]));
    naive.push(performance.now() - t0);
    t0 = performance.now();
    await retrieve(deps, agent, q);
    ours.push(performance.now() - t0);
  }
  bare.close();
  await store.close();
  await Deno.remove(dir, { recursive: true });
  return {
    total,
    p50: pct(ours, 0.5),
    p95: pct(ours, 0.95),
    bare50: pct(ref, 0.5),
    bare95: pct(ref, 0.95),
    naive95: pct(naive, 0.95),
  };
}

async function benchIngestion() {
  const dir = await Deno.makeTempDir();
  const store = createSqliteStore(join(dir, "ingest.db"));
  const deps = { store, log: createLogger("silent") } as unknown as Deps;
  const agent = await seed(deps, 0);
  const rand = rng(3);
  const text = Array.from(
    { length: 400 },
    (_, i) => `## Section ${i}\n\n${Array.from({ length: 12 }, () => sentence(rand)).join(" ")}`,
  )
    .join("\n\n");
  const now = new Date();
  const t0 = performance.now();
  const sourceId = newId();
  const jobId = newId();
  await store.knowledge.insertSource(
    {
      id: sourceId,
      workspaceId: agent.workspaceId,
      agentId: agent.id,
      type: "text",
      content: text,
      metadata: {},
      title: "Big",
      status: "queued",
      chunkCount: 0,
      active: false,
      createdAt: now,
      updatedAt: now,
    },
    {
      id: jobId,
      workspaceId: agent.workspaceId,
      agentId: agent.id,
      sourceId,
      state: "queued",
      progressDone: 0,
      progressTotal: 0,
      attempts: 0,
      createdAt: now,
    },
  );
  const drafts = chunkDocument({ title: "Big", text, mediaType: "text/markdown" });
  await store.knowledge.insertChunks(
    agent.workspaceId,
    agent.id,
    jobId,
    drafts.map((d) => ({
      id: newId(),
      sourceId,
      title: "Big",
      heading: d.heading,
      text: d.text,
      position: d.position,
    })),
  );
  await store.knowledge.completeJob(jobId, { updatedAt: now }, "bench", now);
  const ms = performance.now() - t0;
  await store.close();
  await Deno.remove(dir, { recursive: true });
  return { chunks: drafts.length, ms, perSecond: drafts.length / (ms / 1000) };
}

if (import.meta.main) {
  console.log("Frontdesk bench (one run; ratios are against a reference measured in the same run)\n");
  console.log(
    "Retrieval: retrieve() (expansion, term selection, FTS5, agent filter) vs the bare FTS5 query it runs",
  );
  for (const total of [10_000, 100_000]) {
    const r = await benchRetrieval(total);
    console.log(
      `  ${String(total).padStart(7)} chunks: p50 ${fmt(r.p50)} (bare ${fmt(r.bare50)}), p95 ${fmt(r.p95)} (bare ${
        fmt(r.bare95)
      }), ` +
        `naive scoped all-words p95 ${fmt(r.naive95)}; p95 overhead x${
          (r.p95 / r.bare95).toFixed(2)
        } — target p95 <= 10 ms: ${r.p95 <= 10 ? "MET" : "NOT MET"}`,
    );
  }
  // The same with the offline sentence model's vectors (the built-in responder's default outside tests).
  const { reportMeaning } = await import("./bench_meaning.ts");
  await reportMeaning();
  const ing = await benchIngestion();
  console.log(
    `\nIngestion: ${ing.chunks} chunks chunked, stored and indexed in ${fmt(ing.ms)} = ${
      ing.perSecond.toFixed(0)
    } chunks/s`,
  );
  // The analytics rollups and the dashboard queries at 100k and 1M messages.
  const { benchAnalytics } = await import("./bench_analytics.ts");
  await benchAnalytics();
  // The realtime relay vs a bare WebSocket echo, then the downloads per page and the widget's, as sent
  // (loaded here: they pull in the whole app).
  const { benchRealtime } = await import("./bench_realtime.ts");
  await benchRealtime();
  const { benchCluster } = await import("./bench_cluster.ts");
  await benchCluster();
  const { benchIdle } = await import("./bench_idle.ts");
  await benchIdle();
  const { benchPages } = await import("./bench_pages.ts");
  await benchPages();
  const { benchWebhooks } = await import("./bench_webhooks.ts");
  await benchWebhooks();
  // About a minute here: three 20 s phases of 1,000 visitors.
  const { benchLoad } = await import("./bench_load.ts");
  await benchLoad();
}
