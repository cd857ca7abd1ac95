/**
 * Retrieval with the offline sentence model (`lib/sentence_model.ts`): the bench's knowledge base (`seed`) with a
 * random unit 512-d vector per chunk stored as the model's, so `retrieve()` re-ranks its candidates by meaning as
 * it does for a built-in-responder agent. Reported side by side in one run: retrieval by words alone (the same
 * index before the vectors are stored), with meaning, and the question's embedding alone (a round trip to the
 * model's Worker: latency, not event-loop time). Run by `deno task bench`, or alone:
 * `deno run -A tasks/bench_meaning.ts`.
 *
 * @module
 */
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { SENTENCE_MODEL, sentenceModel, stopSentenceModel } from "../lib/sentence_model.ts";
import { createLogger } from "../lib/log.ts";
import { retrieve } from "../models/knowledge/retrieval.ts";
import type { Deps } from "../models/ports/deps.ts";
import { createSqliteStore } from "../storage/sqlite/mod.ts";
import { rng, seed, word } from "./bench.ts";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** p50/p95 of words-only retrieval, retrieval with meaning, and the question's embedding, at `total` chunks. */
export async function benchMeaning(total: number) {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "bench.db");
  const store = createSqliteStore(path);
  const deps = { store, log: createLogger("silent") } as unknown as Deps;
  const agent = await seed(deps, total);
  const rand = rng(total + 11);
  const question = () => Array.from({ length: 3 + Math.floor(rand() * 4) }, () => word(rand, 100)).join(" ");
  // Warm-up questions apart from the measured ones: the model caches the vectors of recent questions.
  const warm = Array.from({ length: 20 }, question);
  const queries = Array.from({ length: 200 }, question);
  const time = async (f: (q: string) => Promise<unknown>) => {
    const out: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      await f(q);
      out.push(performance.now() - t0);
    }
    return out;
  };
  for (const q of warm) await retrieve(deps, agent, q);
  const words = await time((q) => retrieve(deps, agent, q));
  const bare = new DatabaseSync(path, { readOnly: true });
  const ids = (bare.prepare("SELECT id FROM knowledge_chunks").all() as Array<{ id: string }>).map((r) => r.id);
  bare.close();
  for (let i = 0; i < ids.length; i += 1000) {
    await store.knowledge.setEmbeddings(
      agent.workspaceId,
      ids.slice(i, i + 1000).map((chunkId) => {
        const v = Float32Array.from({ length: SENTENCE_MODEL.dim }, () => rand() - 0.5);
        const n = Math.hypot(...v);
        return { chunkId, vector: v.map((x) => x / n) };
      }),
      SENTENCE_MODEL.id,
    );
  }
  for (const q of warm) await retrieve(deps, agent, `${q} again`); // loads the model
  const meaning = await time((q) => retrieve(deps, agent, q));
  const repeated = await time((q) => retrieve(deps, agent, q));
  const embed = await time((q) => sentenceModel.embed([`${q} once more`]));
  stopSentenceModel();
  await store.close();
  await Deno.remove(dir, { recursive: true });
  return { total, words, meaning, repeated, embed };
}

/** Prints {@link benchMeaning} at 10k and 100k chunks. */
export async function reportMeaning() {
  console.log(
    "\nRetrieval with the sentence model (candidates re-ranked by meaning; the question embedded in a Worker)",
  );
  for (const total of [10_000, 100_000]) {
    const r = await benchMeaning(total);
    console.log(
      `  ${String(total).padStart(7)} chunks: words only p50 ${fmt(pct(r.words, 0.5))} p95 ${
        fmt(pct(r.words, 0.95))
      }; ` +
        `with meaning p50 ${fmt(pct(r.meaning, 0.5))} p95 ${fmt(pct(r.meaning, 0.95))}, ` +
        `a repeated question (its vector cached) p95 ${fmt(pct(r.repeated, 0.95))}; ` +
        `of which the question's embedding alone p50 ${fmt(pct(r.embed, 0.5))} p95 ${fmt(pct(r.embed, 0.95))}`,
    );
  }
}

if (import.meta.main) await reportMeaning();
