/**
 * Fits the built-in responder's confidence with meaning (`models/knowledge/meaning.ts`) on the dev questions:
 *
 *   deno run -A tasks/fit_confidence.ts             # dev questions only
 *   deno run -A tasks/fit_confidence.ts --heldout   # also report held-out (never fitted on)
 *   deno run -A tasks/fit_confidence.ts --dump      # also one JSON line per question: its answer and features
 *
 * Each set is crawled as `deno task eval` does (the offline sentence model on), and each question's evidence is
 * taken as `models/answers/answer.ts` takes it: the responder's word coverage, retrieval's `meaning` (the question's
 * cosine to the closest passage of any page; `pageMeaning`, to the closest passage of the cited page, is measured
 * beside it), the retrieval margin of the page the answer cites, and how much of the question its titles and headings
 * name (`about`, `headCoverage`). Also measured beside them (session 8, continued; none kept, see the README): features
 * of the answer the responder composed (how much of the question its quoted sentences cover, their cosine to the
 * question), how far the cited page stands out in meaning from the best other page, and products of the kept
 * features. Session 9 measured beside them (none kept but `aligned`, see the README): the offline sentence model's
 * cosine to the closest single sentence (`sentPage` of the cited page, `sentAny` of any passage; `...T` with the
 * page title and heading before each sentence), and word-vector alignments of the question's words to the cited
 * page (`gAlign`, the whole page; `gAlignUnit`, its best sentence; `gU5`, `gU7`, `gU10`, with a cosine floor of 0.5,
 * 0.7, 1; `gU2`, cosines squared; `gUH`, the title and headings at half; `gSif`, weighted mean vectors); `aligned` is
 * `sentenceAlignment` (floor 0.4), kept. Prints leave-one-set-out AUC, handoff rates and in-sample weights per design,
 * the weights fitted on every dev question, two dev operating points (the most answerable questions answered plus
 * unanswerable ones declined, the responder's "couldn't find" cap applied; and the same among the thresholds that
 * decline at least session 8's share of the unanswerable dev questions, the one kept) each moved onto the default
 * threshold 0.4, and the per-set rates with the kept one.
 *
 * @module
 */
import { localAnswer, localConfidence, NO_ANSWER } from "../ai/local.ts";
import { dot, SENTENCE_MODEL, sentenceModel, stopSentenceModel } from "../lib/sentence_model.ts";
import { align, sentenceCosine } from "./confidence_variants.ts";
import { trainOnSet } from "../eval/run.ts";
import { loadSet, setNames } from "../eval/sets.ts";
import { citationsFromAnswer } from "../models/answers/prompt.ts";
import { retrievalMargin } from "../models/knowledge/meaning.ts";
import { confidenceParts, headCoverage, sentenceAlignment } from "../ai/local_confidence.ts";
import { pageKey } from "../models/answers/prompt.ts";
import { retrieveWithEvidence } from "../models/knowledge/retrieval.ts";
import type { Feature, Features } from "../eval/confidence_features.ts";
import { fit, leaveOneSetOut, type Row, summary } from "./measure_confidence.ts";
import { splitPassage } from "../ai/local_units.ts";
import { contentTerms } from "../models/knowledge/text.ts";
import { textVector, vectorSimilarity } from "../models/knowledge/vectors.ts";

const heldout = Deno.args.includes("--heldout");
const dump = Deno.args.includes("--dump");

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
    const cited = citationsFromAnswer(text, found.passages);
    const page = found.passages.filter((p) => cited.some((c) => pageKey(c) === pageKey(p)));
    // The cited page's own closest passage, measured beside retrieval's closest of any page (not kept).
    let pageMeaning = 0;
    if (found.meaning !== undefined && page.length) {
      const [q] = await sentenceModel.embed([question.q]);
      const vectors = await deps.store.knowledge.chunkVectors(
        agent.workspaceId,
        page.map((p) => p.chunkId),
        SENTENCE_MODEL.id,
      );
      for (const v of vectors.values()) pageMeaning = Math.max(pageMeaning, dot(q, v));
    }
    // Features of the answer the responder composed, not of the page: how much of the question its quoted
    // sentences address (words weighted as for coverage), and their meaning's closeness to the question.
    let ansMeaning = 0, ansCover = 0;
    if (found.meaning !== undefined && text !== NO_ANSWER && page.length) {
      const [q, a] = await sentenceModel.embed([question.q, text]);
      ansMeaning = dot(q, a);
      const quoted = { ...page[0], title: "", heading: undefined, text, score: 1, meaning: undefined };
      ansCover = confidenceParts(found.searched, [quoted], found.weights)?.union ?? 0;
    }
    const parts = confidenceParts(found.searched, found.passages, found.weights);
    const about = headCoverage(found.searched, page, found.weights);
    const byPage = new Map<string, number>();
    for (const p of found.passages) {
      if (p.meaning !== undefined) byPage.set(pageKey(p), Math.max(byPage.get(pageKey(p)) ?? -1, p.meaning));
    }
    const cosines = [...byPage.values()].sort((x, y) => y - x);
    const citedKey = page[0] ? pageKey(page[0]) : "";
    const mine = byPage.get(citedKey) ?? 0;
    const otherBest = Math.max(0, ...[...byPage].filter(([k]) => k !== citedKey).map(([, v]) => v));
    let sentPage = 0, sentPageT = 0, sentAny = 0, sentAnyT = 0;
    if (found.meaning !== undefined) {
      const [q] = await sentenceModel.embed([question.q]);
      if (page.length) {
        sentPage = await sentenceCosine(q, page, false);
        sentPageT = await sentenceCosine(q, page, true);
      }
      sentAny = await sentenceCosine(q, found.passages, false);
      sentAnyT = await sentenceCosine(q, found.passages, true);
    }
    let gAlign = 0, gAlignUnit = 0, gSif = 0, gU2 = 0, gUH = 0, gU5 = 0, gU7 = 0, gU10 = 0;
    if (page.length) {
      const pageStems = new Set(contentTerms(page.map((p) => `${p.title} ${p.heading ?? ""} ${p.text}`).join(" ")));
      gAlign = align(found.searched, pageStems, found.weights);
      for (const p of page) {
        for (const u of splitPassage(p.text, 0, new Set())) {
          const us = new Set(contentTerms(u.text));
          gAlignUnit = Math.max(gAlignUnit, align(found.searched, us, found.weights));
          gU5 = Math.max(gU5, align(found.searched, us, found.weights, 0.5));
          gU7 = Math.max(gU7, align(found.searched, us, found.weights, 0.7));
          gU10 = Math.max(gU10, align(found.searched, us, found.weights, 1));
          gU2 = Math.max(gU2, align(found.searched, us, found.weights, 0, 2));
          gUH = Math.max(
            gUH,
            align(found.searched, us, found.weights, 0, 1, new Set(contentTerms(`${p.title} ${p.heading ?? ""}`))),
          );
        }
      }
      const w = (x: string) => found.weights.get(x) ?? 1;
      const qv = textVector(contentTerms(found.searched), w), pv = textVector(pageStems, w);
      gSif = qv && pv ? vectorSimilarity(qv, pv) : 0;
    }
    const f = found.meaning === undefined ? null : {
      aligned: sentenceAlignment(found.searched, page, found.weights),
      gU7,
      gU10,
      gU5,
      gU2,
      gUH,
      gAlign,
      gAlignUnit,
      gSif,
      sentPage,
      sentPageT,
      sentAny,
      sentAnyT,
      meaningContrast: (cosines[0] ?? 0) - (cosines[Math.floor(cosines.length / 2)] ?? 0),
      meaningMargin: page.length ? mine - otherBest : 0,
      bestUnit: parts?.bestUnit ?? 0,
      union: parts?.union ?? 0,
      covAbout: coverage * about,
      covMeaning: coverage * found.meaning,
      aboutMeaning: about * found.meaning,
      ansMeaning,
      ansCover,
      coverage,
      meaning: found.meaning,
      pageMeaning,
      margin: retrievalMargin(found.passages, cited),
      about,
    } as unknown as Features;
    if (dump) {
      console.log(
        JSON.stringify({
          set: name,
          split: question.split,
          q: question.q,
          page: question.page,
          cited: page[0]?.url,
          text: text.slice(0, 100),
          answerable: question.page !== null,
          f,
        }),
      );
    }
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
const designs = [
  ["coverage"],
  ["coverage", "meaning"],
  ["coverage", "meaning", "margin"],
  ["coverage", "pageMeaning", "margin"],
  ["coverage", "meaning", "margin", "about"],
  ["coverage", "pageMeaning", "margin", "about"],
  ["coverage", "meaning", "margin", "about", "ansMeaning"],
  ["coverage", "meaning", "margin", "about", "ansCover"],
  ["coverage", "meaning", "margin", "about", "ansMeaning", "ansCover"],
  ["ansCover", "meaning", "margin", "about"],
  ["ansCover", "ansMeaning", "margin", "about"],
  ["coverage", "ansMeaning", "margin", "about"],
  ["coverage", "meaning", "margin", "ansMeaning"],
  ["coverage", "meaning", "margin", "about", "covAbout"],
  ["coverage", "meaning", "margin", "about", "covMeaning"],
  ["coverage", "meaning", "margin", "about", "aboutMeaning"],
  ["coverage", "meaning", "margin", "about", "bestUnit"],
  ["bestUnit", "meaning", "margin", "about"],
  ["coverage", "pageMeaning", "margin", "about", "covAbout"],
  ["coverage", "meaning", "margin", "about", "meaningContrast"],
  ["coverage", "meaning", "margin", "about", "meaningMargin"],
  ["coverage", "meaningMargin", "margin", "about"],
  ["coverage", "meaningContrast", "margin", "about"],
  ["coverage", "sentPage", "margin", "about"],
  ["coverage", "sentPageT", "margin", "about"],
  ["coverage", "sentAny", "margin", "about"],
  ["coverage", "sentAnyT", "margin", "about"],
  ["coverage", "meaning", "margin", "about", "sentPage"],
  ["coverage", "meaning", "margin", "about", "sentPageT"],
  ["coverage", "meaning", "margin", "about", "sentAny"],
  ["coverage", "meaning", "margin", "about", "gAlign"],
  ["coverage", "meaning", "margin", "about", "gAlignUnit"],
  ["coverage", "meaning", "margin", "about", "gSif"],
  ["gAlign", "meaning", "margin", "about"],
  ["gAlignUnit", "meaning", "margin", "about"],
  ["coverage", "gAlignUnit", "meaning", "margin", "about", "gSif"],
  ["coverage", "meaning", "margin", "about", "aligned"],
  ["aligned", "meaning", "margin", "about"],
  ["coverage", "aligned", "margin", "about"],
  ["coverage", "meaning", "margin", "about", "gU5"],
  ["coverage", "meaning", "margin", "about", "gU2"],
  ["coverage", "meaning", "margin", "about", "gUH"],
  ["gUH", "meaning", "margin", "about"],
  ["coverage", "meaning", "margin", "about", "gU7"],
  ["coverage", "meaning", "margin", "about", "gU10"],
] as unknown as Feature[][];
for (const use of designs) {
  const w = fit(dev, use, 1).weights.map((x) => x.toFixed(2)).join(" ");
  console.log(`  ${use.join(" + ").padEnd(42)} ${summary(leaveOneSetOut(dev, use, 1), thresholds)}  [${w}]`);
}

// Session 9: session 8's four features and the best sentence's word-vector alignment (`sentenceAlignment`).
const kept = ["coverage", "meaning", "margin", "about", "aligned"] as unknown as Feature[];
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
/** The fitted model's log-odds for a question (before the "couldn't find" cap), with the fitted bias. */
const z = (r: Evidence) => kept.reduce((s, k, i) => s + m.weights[i] * r.f![k], m.bias);
/**
 * Session 8's dev abstention at the default threshold: its confidence declined 42 of these 49 unanswerable dev
 * questions (eval/results/q10b.txt: Acme 12/15, GitHub 15/17, Zulip 15/17). The kept point may not decline fewer: a
 * wrong confident answer costs a customer more than a handoff costs the team, and the issue's target is 90%.
 */
const SESSION8_DEV_DECLINED = 42 / 49;
/**
 * The dev operating points, as thresholds of the fitted model. Every threshold between two neighbouring questions'
 * scores decides every dev question alike, so each candidate is the middle (in log-odds) of such a gap: the kept
 * point is then as far from the nearest dev question on either side as its decisions allow, and the bias that moves it
 * onto 0.4 does not hinge on one question's last digits. Above 0.2 only (the cap on "couldn't find" answers).
 *
 * - `best`: where answerable answered plus unanswerable declined is highest (session 9's first choice, not kept).
 *   Session 7 took the most answered with at least 95% declined; with the near-miss unanswerable questions added to
 *   dev (a question about a repository answered from a page that lists repositories), 95% declined would hand off
 *   over a fifth of the answerable questions, at any threshold and with any of the designs above.
 * - `conservative` (kept): the same, among the thresholds that decline at least session 8's share
 *   (`SESSION8_DEV_DECLINED`).
 */
const cuts = [...new Set(dev.filter((r) => r.f && !r.unsure).map(z))].sort((a, b) => a - b);
const candidates = cuts.slice(1).map((x, i) => (x + cuts[i]) / 2).filter((c) => c > logit(0.2));
const pointOf = (floor: number) => {
  let cut = NaN, most = -1;
  for (const c of candidates) {
    const { answered, declined } = rate(dev, 1 / (1 + Math.exp(-c)), m.bias);
    if (declined >= floor - 1e-9 && answered + declined > most + 1e-9) (cut = c), (most = answered + declined);
  }
  return cut;
};
const best = pointOf(0), conservative = pointOf(SESSION8_DEV_DECLINED);
const moved = (cut: number) => m.bias - cut + logit(0.4);
const bias = moved(conservative);
console.log(
  `\nfitted on every dev question: ${kept.map((k, i) => `${k} x ${m.weights[i].toFixed(3)}`).join(", ")}, bias ${
    m.bias.toFixed(3)
  }`,
);
for (
  const [label, cut] of [["most answered + declined", best], ["the same, dev declined >= session 8's", conservative]]
) {
  const { answered, declined } = rate(dev, 1 / (1 + Math.exp(-(cut as number))), m.bias);
  console.log(
    `dev operating point (${label}) ${(1 / (1 + Math.exp(-(cut as number)))).toFixed(3)} of the fit: dev ${
      Math.round(100 * answered)
    }% answered / ${Math.round(100 * declined)}% declined; moved onto 0.4: bias ${moved(cut as number).toFixed(3)}`,
  );
}
console.log(`kept: bias ${bias.toFixed(3)} (the second)`);
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
