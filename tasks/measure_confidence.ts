/**
 * Measures whether a confidence fitted over several features (a logistic
 * model, `eval/confidence_features.ts`) decides answer-or-hand-off better than
 * the built-in responder's single coverage score, on the dev questions of the
 * evaluation sets only (held-out questions are never read here):
 *
 *   deno run -A tasks/measure_confidence.ts
 *
 * Each set is crawled as `deno task eval` does and each question retrieved as
 * the ask pipeline retrieves it. Every design is judged leave-one-set-out: fitted
 * on two sets' dev questions, scored on the third's, so a model that only
 * memorised its questions shows. Reported per design: AUC (answerable above
 * unanswerable) and, per threshold, false handoffs / unanswerable handed off.
 * The coverage score is reported as it is (threshold on its own scale) and
 * refitted alone (a calibration of it, the fair baseline for the models).
 *
 * @module
 */
import { confidenceFeatures, type Feature, FEATURES, type Features } from "../eval/confidence_features.ts";
import { trainOnSet } from "../eval/run.ts";
import { loadSet, setNames } from "../eval/sets.ts";
import { retrieveWithEvidence } from "../models/knowledge/retrieval.ts";

/** One labelled question's features. */
export interface Row {
  set: string;
  q: string;
  answerable: boolean;
  f: Features | null;
}

/** A fitted logistic model: weights per feature used (raw units) and intercept. */
export interface Model {
  use: readonly Feature[];
  weights: number[];
  bias: number;
}

/** Features of every dev question of every set. */
export async function devRows(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const name of setNames()) {
    const set = loadSet(name);
    await using trained = await trainOnSet(set);
    for (const question of set.questions.filter((x) => x.split === "dev")) {
      const { passages, searched, weights, topScore } = await retrieveWithEvidence(
        trained.deps,
        trained.agent,
        question.q,
      );
      rows.push({
        set: name,
        q: question.q,
        answerable: question.page !== null,
        f: confidenceFeatures(searched, passages, weights, topScore),
      });
    }
  }
  return rows;
}

/**
 * Logistic regression by Newton's method on standardised features, classes
 * weighted equally (most questions are answerable; declining an unanswerable
 * one matters as much) with an L2 penalty (a hundred questions are few).
 * Written here because it is forty lines and no npm package does weighted,
 * penalised fitting without a heavy numeric dependency.
 */
export function fit(rows: Row[], use: readonly Feature[], l2: number): Model {
  const data = rows.filter((r) => r.f);
  const d = use.length;
  const x = data.map((r) => use.map((k) => r.f![k]));
  const y = data.map((r) => (r.answerable ? 1 : 0));
  const pos = y.filter(Boolean).length, neg = y.length - pos;
  const sw = y.map((v) => (v ? y.length / (2 * pos) : y.length / (2 * neg)));
  const mean = use.map((_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
  const sd = use.map((_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / x.length) || 1);
  const z = x.map((r) => [1, ...r.map((v, j) => (v - mean[j]) / sd[j])]);
  const w = new Array(d + 1).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const g = new Array(d + 1).fill(0);
    const h = Array.from({ length: d + 1 }, () => new Array(d + 1).fill(0));
    z.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-row.reduce((s, v, j) => s + v * w[j], 0)));
      for (let a = 0; a <= d; a++) {
        g[a] += sw[i] * (p - y[i]) * row[a];
        for (let b = 0; b <= d; b++) h[a][b] += sw[i] * p * (1 - p) * row[a] * row[b];
      }
    });
    for (let a = 1; a <= d; a++) (g[a] += l2 * w[a]), (h[a][a] += l2);
    const step = solve(h, g);
    for (let a = 0; a <= d; a++) w[a] -= step[a];
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  const weights = use.map((_, j) => w[j + 1] / sd[j]);
  const bias = w[0] - use.reduce((s, _, j) => s + (w[j + 1] * mean[j]) / sd[j], 0);
  return { use, weights, bias };
}

/** The model's probability for a row (0 when there was nothing to judge). */
export function predict(m: Model, r: Row): number {
  if (!r.f) return 0;
  return 1 / (1 + Math.exp(-m.use.reduce((s, k, i) => s + m.weights[i] * r.f![k], m.bias)));
}

/** Gaussian elimination with partial pivoting: solves `a x = b`. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const k = m[r][c] / m[c][c];
      for (let j = c; j <= n; j++) m[r][j] -= k * m[c][j];
    }
  }
  const out = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let j = r + 1; j < n; j++) s -= m[r][j] * out[j];
    out[r] = s / m[r][r];
  }
  return out;
}

/** Leave-one-set-out predictions of a design: [probability, answerable]. */
export function leaveOneSetOut(rows: Row[], use: readonly Feature[], l2: number): Array<[number, boolean]> {
  const out: Array<[number, boolean]> = [];
  for (const s of new Set(rows.map((r) => r.set))) {
    const m = fit(rows.filter((r) => r.set !== s), use, l2);
    for (const r of rows.filter((r) => r.set === s)) out.push([predict(m, r), r.answerable]);
  }
  return out;
}

/** AUC and per-threshold false handoffs / unanswerable handed off, as one line. */
export function summary(pred: Array<[number, boolean]>, thresholds: number[]): string {
  const a = pred.filter((p) => p[1]).map((p) => p[0]), u = pred.filter((p) => !p[1]).map((p) => p[0]);
  let pairs = 0;
  for (const x of a) for (const y of u) pairs += x > y ? 1 : x === y ? 0.5 : 0;
  const pct = (n: number, of: number) => `${Math.round((100 * n) / of)}`.padStart(3);
  const cells = thresholds.map((t) =>
    `${pct(a.filter((x) => x < t).length, a.length)}/${pct(u.filter((x) => x < t).length, u.length)}`
  );
  return `AUC ${(pairs / (a.length * u.length)).toFixed(3)}  ${cells.join("  ")}`;
}

/** The designs measured: feature sets of the logistic model. */
export const DESIGNS: Record<string, readonly Feature[]> = {
  "coverage refitted alone": ["coverage"],
  "coverage parts": ["bestPassage", "bestUnit", "union"],
  "coverage + unexplained + terms": ["coverage", "unexplained", "terms"],
  "parts + unexplained + terms": ["bestPassage", "bestUnit", "union", "unexplained", "terms"],
  "coverage + raw BM25": ["coverage", "bm25"],
  "coverage + margin": ["coverage", "margin"],
  "coverage + sentence meaning": ["coverage", "unitSim"],
  "coverage + title/heading cover": ["coverage", "headCover", "titleSim"],
  "coverage + rarest word, OOV": ["coverage", "rareHit", "missMax", "unexplained"],
  "every feature": FEATURES,
};

if (import.meta.main) {
  const rows = await devRows();
  const ans = rows.filter((r) => r.answerable).length;
  console.log(`dev questions: ${ans} answerable, ${rows.length - ans} unanswerable (leave-one-set-out)\n`);
  const thresholds = [0.2, 0.3, 0.4, 0.5];
  console.log(`${"design".padEnd(40)} ${"".padEnd(12)} ${thresholds.map((t) => `FH/UQ@${t}`).join("  ")}`);
  const raw = rows.map((r) => [r.f?.coverage ?? 0, r.answerable] as [number, boolean]);
  console.log(`${"coverage as it is (its own scale)".padEnd(40)} ${summary(raw, thresholds)}`);
  for (const l2 of [0.3, 1, 3]) {
    for (const [name, use] of Object.entries(DESIGNS)) {
      console.log(`${`${name}, L2 ${l2}`.padEnd(40)} ${summary(leaveOneSetOut(rows, use, l2), thresholds)}`);
    }
  }
  console.log("\nFH = answerable handed off (%), UQ = unanswerable handed off (%), below the threshold.");
}
