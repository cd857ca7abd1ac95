/**
 * Fits the built-in responder's confidence with meaning (`models/knowledge/meaning.ts`) on the dev questions:
 *
 *   deno run -A tasks/fit_confidence.ts             # dev questions only
 *   deno run -A tasks/fit_confidence.ts --heldout   # also report held-out (never fitted on)
 *
 * Each set is crawled as `deno task eval` does (the offline sentence model on), and each question's evidence is
 * taken as `models/answers/answer.ts` takes it: the responder's word coverage, retrieval's `meaning`, and the
 * retrieval margin of the page the answer cites. Prints leave-one-set-out AUC and handoff rates per design, the
 * weights fitted on every dev question, the dev operating point (most answerable questions answered with at least
 * 95% of unanswerable ones declined, the responder's "couldn't find" cap applied) moved onto the default threshold
 * 0.4, and the resulting per-set rates.
 *
 * @module
 */
import { localAnswer, localConfidence, NO_ANSWER } from "../ai/local.ts";
import { stopSentenceModel } from "../lib/sentence_model.ts";
import { trainOnSet } from "../eval/run.ts";
import { loadSet, setNames } from "../eval/sets.ts";
import { citationsFromAnswer } from "../models/answers/prompt.ts";
import { retrievalMargin } from "../models/knowledge/meaning.ts";
import { retrieveWithEvidence } from "../models/knowledge/retrieval.ts";
import type { Feature, Features } from "../eval/confidence_features.ts";
import { fit, leaveOneSetOut, type Row, summary } from "./measure_confidence.ts";

const heldout = Deno.args.includes("--heldout");

interface Evidence extends Row {
  split: string;
  /** The responder said it found nothing: the answer caps confidence at 0.2 then. */
  unsure: boolean;
}

const rows: Evidence[] = [];
for (const name of setNames()) {
  const set = loadSet(name);
  await using trained = await trainOnSet(set);
  const { deps, agent } = trained;
  for (const question of set.questions.filter((x) => heldout || x.split === "dev")) {
    const found = await retrieveWithEvidence(deps, agent, question.q);
    const text = localAnswer(found.searched, found.passages, agent.maxTokens);
    const coverage = localConfidence(found.searched, found.passages, found.weights);
    const f = found.meaning === undefined ? null : {
      coverage,
      meaning: found.meaning,
      margin: retrievalMargin(found.passages, citationsFromAnswer(text, found.passages)),
    } as unknown as Features;
    rows.push({
      set: name,
      q: question.q,
      split: question.split,
      answerable: question.page !== null,
      unsure: text === NO_ANSWER,
      f,
    });
  }
}
stopSentenceModel();

const dev = rows.filter((r) => r.split === "dev");
const thresholds = [0.3, 0.4, 0.5, 0.6];
console.log("dev, leave-one-set-out (answerable handed off / unanswerable handed off, %, below the threshold)");
const designs: Feature[][] = [["coverage"], ["coverage", "meaning" as Feature], [
  "coverage",
  "meaning" as Feature,
  "margin",
]];
for (const use of designs) {
  console.log(`  ${use.join(" + ").padEnd(34)} ${summary(leaveOneSetOut(dev, use, 1), thresholds)}`);
}

const kept = designs[2];
const m = fit(dev, kept, 1);
const logit = (p: number) => Math.log(p / (1 - p));
const score = (r: Evidence, bias: number) => {
  if (!r.f) return 0;
  const c = 1 / (1 + Math.exp(-kept.reduce((s, k, i) => s + m.weights[i] * r.f![k], bias)));
  return r.unsure ? Math.min(c, 0.2) : c;
};
const rate = (of: Evidence[], t: number, bias: number) => {
  const a = of.filter((r) => r.answerable), u = of.filter((r) => !r.answerable);
  return {
    answered: a.filter((r) => score(r, bias) >= t).length / a.length,
    declined: u.filter((r) => score(r, bias) < t).length / u.length,
  };
};
/**
 * Unanswerable dev questions the operating point must decline: 95%, where the previous confidence stood (21 of
 * 22). At 90% (20 of 22) the fit answers "how do I export my messages to PDF?" from the Slack-export page, the
 * issue's own example of a question naming a topic the content lacks (`tests/quality/failure_patterns_test.ts`).
 */
const MIN_DECLINED = 0.95;
let op = 0.5, most = -1;
for (let t = 0.05; t < 0.95; t += 0.01) {
  const { answered, declined } = rate(dev, t, m.bias);
  if (declined >= MIN_DECLINED && answered > most) (op = t), (most = answered);
}
const bias = m.bias - logit(op) + logit(0.4);
console.log(
  `\nfitted on every dev question: ${kept.map((k, i) => `${k} x ${m.weights[i].toFixed(3)}`).join(", ")}, bias ${
    m.bias.toFixed(3)
  }`,
);
console.log(`dev operating point ${op.toFixed(2)} -> moved onto 0.4: bias ${bias.toFixed(3)}`);
const pct = (x: number) => `${Math.round(100 * x)}%`.padStart(4);
for (const split of heldout ? ["dev", "heldout"] : ["dev"]) {
  console.log(`\n${split}: answerable answered / unanswerable declined per threshold`);
  for (const t of [0.3, 0.35, 0.4, 0.45, 0.5]) {
    const cells = [...new Set(rows.map((r) => r.set))].map((s) => {
      const { answered, declined } = rate(rows.filter((r) => r.split === split && r.set === s), t, bias);
      return `${s} ${pct(answered)} /${pct(declined)}`;
    });
    const all = rate(rows.filter((r) => r.split === split), t, bias);
    console.log(`  ${t.toFixed(2)}  all ${pct(all.answered)} /${pct(all.declined)}   ${cells.join("   ")}`);
  }
}
