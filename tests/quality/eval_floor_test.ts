/**
 * The answer-quality floor: every evaluation set (`eval/sets/`) crawled as a
 * website and asked all its questions through the API, as `deno task eval`
 * does; the results may not fall below these floors (a little under what the
 * code measured when they were set, see the README), and no answer is blank.
 */
import assert from "node:assert/strict";
import { metrics } from "../../eval/metrics.ts";
import { runSet } from "../../eval/run.ts";
import { loadSet } from "../../eval/sets.ts";

const FLOORS: Record<string, { recall1: number; recall3: number; falseHandoff: number; abstention: number }> = {
  // Measured at the default threshold 0.4 (both splits), with word vectors (see models/knowledge/vectors.ts),
  // everyday words weighted down (models/knowledge/specificity.ts), the offline sentence model
  // (lib/sentence_model.ts, on in the eval), the responder answering only from a page near the closest in meaning
  // (ai/local_answer.ts) and the confidence of models/knowledge/meaning.ts (session 8: coverage, meaning, margin and
  // what the cited page's headings name, refitted on dev after 18 answerable and 27 near-miss unanswerable dev
  // questions were added): zulip 98% / 100% / 12% / 86%, github 92% / 98% / 12% / 86%, acme 85% / 96% / 23% / 83%
  // (eval/results/q10b.txt). The questions changed, so the floors were re-set against them; the session-7 code
  // scores the same questions at zulip 98% / 100% / 6% / 81%, github 92% / 98% / 4% / 57%, acme 85% / 96% / 17% / 83%
  // (eval/results/q10b_before.txt): acme's right-page floor 0.86 -> 0.84 is the new questions (two retrieval misses
  // either way); the false-handoff floors 0.09 / 0.07 / 0.16 -> 0.13 / 0.13 / 0.24 and zulip's abstention floor
  // 0.9 -> 0.84 are the new questions and the refitted confidence's operating point, which hands off more
  // answerable questions to decline more unanswerable ones (github's abstention floor 0.8 -> 0.85). Session 8,
  // continued: with a page that retrieval ranks first and meaning puts closest kept (ai/local_answer.ts's
  // AGREED_LEAD), github's abstention is 19/21 (was 18/21): its floor 0.85 -> 0.88; the rest measured as before.
  // Session 9 (eval/results/q10d.txt): the confidence also weighs how closely the cited page's best sentence echoes
  // the question (ai/local_answer.ts's sentenceAlignment), refitted on dev, and its dev operating point (the most
  // answered plus declined) moved from 0.48 to 0.32 of the fit: false handoffs zulip 6/50 -> 3/50, github 6/50 ->
  // 2/50, acme 12/52 -> 8/52 (floors 0.13 / 0.13 / 0.24 -> 0.08 / 0.06 / 0.18); abstention zulip 18/21 -> 17/21,
  // github 19/21 -> 16/21, acme 15/18 as before. The abstention floors are lowered for that trade (zulip 0.84 ->
  // 0.78, github 0.88 -> 0.74): dev answered / declined 85% / 86% -> 93% / 82%, and at equal answered (77-96%) the
  // new fit declines as many or more on dev (README, session 9); right page first and top 3 unchanged.
  zulip: { recall1: 0.95, recall3: 0.97, falseHandoff: 0.08, abstention: 0.78 },
  github: { recall1: 0.88, recall3: 0.95, falseHandoff: 0.06, abstention: 0.74 },
  acme: { recall1: 0.84, recall3: 0.93, falseHandoff: 0.18, abstention: 0.8 },
};

for (const [name, floor] of Object.entries(FLOORS)) {
  Deno.test({
    name: `eval floor: the ${name} help centre, crawled and asked, stays above its floor`,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const { outcomes } = await runSet(loadSet(name));
      const m = metrics(outcomes);
      const report = JSON.stringify(m);
      assert.equal(m.blank, 0, report);
      assert.ok(m.recall1 >= floor.recall1, `right page first ${report}`);
      assert.ok(m.recall3 >= floor.recall3, `top 3 ${report}`);
      assert.ok(m.falseHandoff <= floor.falseHandoff, `false handoffs ${report}`);
      assert.ok(m.abstention >= floor.abstention, `abstention ${report}`);
    },
  });
}
