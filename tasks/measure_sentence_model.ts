/**
 * Measures what the offline sentence model (`lib/sentence_model.ts`, Universal
 * Sentence Encoder lite from npm) would do for retrieval and for the
 * answer-or-hand-off decision, before anything is wired into answers:
 *
 *   deno run -A tasks/measure_sentence_model.ts            # dev questions only
 *   deno run -A tasks/measure_sentence_model.ts --heldout  # report held-out too (never tune on it)
 *
 * Each set is crawled as `deno task eval` does; every chunk of the agent's
 * active knowledge is embedded (as ingestion would), and every question is
 * retrieved as the ask pipeline retrieves it. Reported per design: right page
 * first and in the first three (answerable questions), and for confidence the
 * AUC (answerable above unanswerable) of the question-to-best-passage cosine,
 * alone and combined with the coverage score (logistic, leave-one-set-out, as
 * `tasks/measure_confidence.ts`). Also the model's costs: load, a question, 100
 * chunks.
 *
 * @module
 */
import { dot, sentenceModel, stopSentenceModel } from "../lib/sentence_model.ts";
import { confidenceFeatures } from "../eval/confidence_features.ts";
import { trainOnSet } from "../eval/run.ts";
import { loadSet, setNames } from "../eval/sets.ts";
import { retrieveWithEvidence } from "../models/knowledge/retrieval.ts";
import type { Feature } from "../eval/confidence_features.ts";
import { fit, leaveOneSetOut, predict, type Row, summary } from "./measure_confidence.ts";

const heldout = Deno.args.includes("--heldout");

/** One question's evidence: page rankings by design, and confidence features. */
interface Q {
  set: string;
  split: string;
  page: string | null;
  ranks: Record<string, string[]>;
  coverage: number | null;
  sim: number;
  simTop1: number;
  /** Retrieval's own `meaning` (when the chunks have the model's vectors: SENTENCE_MODEL on). */
  meaning: number | null;
  /** Cosine of the question to the best of the first five passages' title + heading. */
  head: number;
  /** Cosine of the question to the closest sentence of the first three passages. */
  sent: number;
  /** Every confidence feature of `eval/confidence_features.ts`. */
  f: Record<string, number> | null;
}

const t0 = performance.now();
await sentenceModel.embed(["warm up"]);
const loadMs = performance.now() - t0;
let qMs = 0, qN = 0, chunkMs = 0, chunkN = 0;

const rows: Q[] = [];
for (const name of setNames()) {
  const set = loadSet(name);
  await using trained = await trainOnSet(set);
  const { deps, agent, slugOf } = trained;
  const [job] = await deps.store.knowledge.listJobs(agent.workspaceId, agent.id, 1);
  const chunks = await deps.store.knowledge.chunksOfGeneration(agent.workspaceId, job.id);
  const t = performance.now();
  const vecs: Float32Array[] = [];
  for (let i = 0; i < chunks.length; i += 32) {
    const batch = chunks.slice(i, i + 32);
    vecs.push(...await sentenceModel.embed(batch.map((c) => `${c.title}\n${c.heading}\n${c.text}`)));
  }
  chunkMs += performance.now() - t;
  chunkN += chunks.length;
  const vecOf = new Map(chunks.map((c, i) => [c.id, vecs[i]]));
  const heads = await sentenceModel.embed(chunks.map((c) => `${c.title}. ${c.heading}`));
  const headOf = new Map(chunks.map((c, i) => [c.id, heads[i]]));
  for (const question of set.questions.filter((x) => heldout || x.split === "dev")) {
    const tq = performance.now();
    const [qv] = await sentenceModel.embed([question.q]);
    qMs += performance.now() - tq;
    qN++;
    const wide = await retrieveWithEvidence(deps, agent, question.q, { limit: 24 });
    const five = await retrieveWithEvidence(deps, agent, question.q);
    const pagesOf = (ids: Array<{ url?: string }>) => [...new Set(ids.map((p) => slugOf(p.url)))];
    const sims = wide.passages.map((p) => dot(qv, vecOf.get(p.chunkId)!));
    const hsims = wide.passages.map((p) => dot(qv, headOf.get(p.chunkId)!));
    const ranks: Record<string, string[]> = { "lexical (now)": pagesOf(wide.passages) };
    const dense = chunks.map((c) => ({ c, s: dot(qv, vecOf.get(c.id)!) })).sort((a, b) => b.s - a.s);
    ranks["dense only, every chunk"] = pagesOf(dense.map((d) => d.c));
    ranks["words; dense when words find nothing"] = wide.passages.length
      ? ranks["lexical (now)"]
      : ranks["dense only, every chunk"];
    // Reciprocal-rank fusion with every chunk's cosine (the existing hybrid path).
    const rrf = new Map<string, { url?: string; s: number }>();
    wide.passages.forEach((p, i) => rrf.set(p.chunkId, { url: p.url, s: 1 / (61 + i) }));
    dense.slice(0, 24).forEach((d, i) => {
      const e = rrf.get(d.c.id) ?? { url: d.c.url, s: 0 };
      e.s += 1 / (61 + i);
      rrf.set(d.c.id, e);
    });
    ranks["RRF lexical + dense (hybrid path)"] = pagesOf([...rrf.values()].sort((a, b) => b.s - a.s));
    for (const w of [0.5, 1, 2, 4]) {
      const re = wide.passages.map((p, i) => ({ url: p.url, s: p.score * (1 + w * Math.max(0, sims[i])) }));
      ranks[`re-rank top 24, x(1+${w} cos)`] = pagesOf(re.sort((a, b) => b.s - a.s));
      const rh = wide.passages.map((p, i) => ({
        url: p.url,
        s: p.score * (1 + w * Math.max(0, Math.max(sims[i], hsims[i]))),
      }));
      ranks[`re-rank top 24, x(1+${w} max(cos, title cos))`] = pagesOf(rh.sort((a, b) => b.s - a.s));
    }
    for (const w of [0.3, 0.5]) {
      const re = wide.passages.map((p, i) => ({ url: p.url, s: (1 - w) * p.score + w * sims[i] }));
      ranks[`re-rank top 24, ${1 - w} score + ${w} cos`] = pagesOf(re.sort((a, b) => b.s - a.s));
    }
    const f = confidenceFeatures(five.searched, five.passages, five.weights, five.topScore);
    const sentences = five.passages.slice(0, 3).flatMap((p) =>
      p.text.split(/(?<=[.!?])\s+|\n+/).map((x) => x.trim()).filter((x) => x.split(/\s+/).length >= 3)
    );
    const sentVecs = await sentenceModel.embed(sentences);
    const sent = Math.max(0, ...sentVecs.map((v) => dot(qv, v)));
    rows.push({
      set: name,
      split: question.split,
      page: question.page,
      ranks,
      coverage: f?.coverage ?? null,
      sim: Math.max(0, ...sims.slice(0, 5)),
      simTop1: sims[0] ?? 0,
      meaning: five.meaning ?? null,
      head: Math.max(0, ...hsims.slice(0, 5)),
      sent,
      f,
    });
  }
}
stopSentenceModel();

const pct = (n: number, of: number) => `${Math.round((100 * n) / (of || 1))}%`.padStart(5);
for (const split of heldout ? ["dev", "heldout"] : ["dev"]) {
  console.log(`\n## ${split}: right page first / top 3 (answerable questions), per set`);
  const designs = Object.keys(rows[0].ranks);
  const sets = [...new Set(rows.map((r) => r.set))];
  console.log(`${"design".padEnd(46)} ${sets.map((s) => s.padEnd(13)).join(" ")}`);
  for (const d of designs) {
    const cells = sets.map((s) => {
      const a = rows.filter((r) => r.set === s && r.split === split && r.page);
      const at = (k: number) => a.filter((r) => r.ranks[d].slice(0, k).includes(r.page!)).length;
      return `${pct(at(1), a.length)} /${pct(at(3), a.length)}`.padEnd(13);
    });
    console.log(`${d.padEnd(46)} ${cells.join(" ")}`);
  }
  console.log(`\n## ${split}: confidence (answerable handed off / unanswerable handed off below threshold)`);
  const thresholds = [0.2, 0.3, 0.4, 0.5];
  const own = (k: "coverage" | "sim" | "simTop1") =>
    rows.filter((r) => r.split === split).map((r) => [r[k] ?? 0, r.page !== null] as [number, boolean]);
  console.log(`${"coverage as it is".padEnd(36)} ${summary(own("coverage"), thresholds)}`);
  console.log(`${"best-passage cosine, own scale".padEnd(36)} ${summary(own("sim"), thresholds)}`);
  console.log(`${"first-passage cosine, own scale".padEnd(36)} ${summary(own("simTop1"), thresholds)}`);
  if (split === "dev") {
    const lr: Row[] = rows.filter((r) => r.split === "dev").map((r) => ({
      set: r.set,
      q: "",
      answerable: r.page !== null,
      f: r.coverage === null ? null : ({
        ...r.f,
        coverage: r.coverage,
        sim: r.sim,
        meaning: r.meaning,
        head: r.head,
        sent: r.sent,
      } as unknown as Row["f"]),
    }));
    const designs = [
      ["sent"],
      ["coverage", "sent"],
      ["coverage", "sim", "sent"],
      ["coverage"],
      ["sim"],
      [
        "coverage",
        "sim",
      ],
      ["head"],
      ["coverage", "head"],
      [
        "coverage",
        "sim",
        "head",
      ],
    ];
    if (rows.some((r) => r.meaning !== null)) {
      designs.push(
        ["coverage", "meaning"],
        ["coverage", "meaning", "head"],
        ["coverage", "meaning", "unexplained", "terms"],
        ["bestPassage", "bestUnit", "union", "meaning"],
        ["coverage", "meaning", "margin"],
      );
    }
    for (const use of designs) {
      console.log(
        `${`logistic ${use.join(" + ")} (LOSO)`.padEnd(36)} ${
          summary(leaveOneSetOut(lr, use as unknown as Feature[], 1), thresholds)
        }`,
      );
    }
    if (rows.some((r) => r.meaning !== null)) {
      // Fitted on every dev question, then read per threshold. The confidence kept (`models/knowledge/meaning.ts`,
      // coverage + meaning + the cited page's retrieval margin) is fitted by `tasks/fit_confidence.ts`.
      const m = fit(lr, ["coverage", "meaning", "margin"] as unknown as Feature[], 1);
      console.log(
        `fitted on every dev question: weights ${m.weights.map((w) => w.toFixed(3))} bias ${m.bias.toFixed(3)}`,
      );
      const all = lr.map((r) => [predict(m, r), r.answerable] as [number, boolean]);
      console.log(`${"  in sample".padEnd(36)} ${summary(all, [0.2, 0.3, 0.4, 0.5, 0.6, 0.7])}`);
    }
  }
}
console.log(
  `\nmodel: first use (load + one question) ${loadMs.toFixed(0)} ms; ${
    (qMs / qN).toFixed(1)
  } ms a question (round trip to the worker); ${
    (100 * chunkMs / chunkN).toFixed(0)
  } ms per 100 chunks (${chunkN} chunks)`,
);
