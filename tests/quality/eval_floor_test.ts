/**
 * The answer-quality floor: every evaluation set (`eval/sets/`) crawled as a
 * website and asked all its questions through the API, as `deno task eval`
 * does; each split's results may not fall below its floors (a little under
 * what the code measured when they were set, see the README), and no answer is
 * blank.
 */
import assert from "node:assert/strict";
import { metrics } from "../../eval/metrics.ts";
import { runSet } from "../../eval/run.ts";
import { loadSet } from "../../eval/sets.ts";

/** The least right-page-first and top-3 rates, the most false handoffs, the least abstention. */
interface Floor {
  recall1: number;
  recall3: number;
  falseHandoff: number;
  abstention: number;
}

/** Floors of the dev split (tuned on), the history of each below. */
const DEV: Record<string, Floor> = {
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
  // Session 9: the confidence also weighs how closely the cited page's best sentence echoes the question
  // (ai/local_answer.ts's sentenceAlignment), refitted on dev. Its first operating point (the most dev answered plus
  // declined, 0.32 of the fit) traded abstention for answers (zulip 18/21 -> 17/21, github 19/21 -> 16/21), and these
  // floors were lowered for it; session 9, continued, undid the trade: the point is the same rule among the thresholds
  // that decline at least session 8's share of dev unanswerable questions (models/knowledge/meaning.ts), measured
  // (eval/results/q10d.txt) at zulip 98% / 100% / 4/50 / 18/21, github 92% / 98% / 5/50 / 20/21, acme 85% / 96% / 14/52
  // / 15/18. Abstention floors raised back: zulip 0.78 -> 0.84 (session 8's), github 0.74 -> 0.93 (above session 8's
  // 0.88: 20/21, was 19/21), acme 0.8 as before. False-handoff ceilings loosened from the first point's (0.08 / 0.06 /
  // 0.18) by what the conservative point hands off: zulip 0.09 (4/50; session 8 6/50), github 0.11 (5/50; session 8
  // 6/50), acme 0.28 (14/52; session 8 12/52: "do I pay import tax ..." and "how much can I put on a gift card?", 0.42
  // in session 8, are 0.28 and 0.27, while zulip and github hand off fewer than in session 8; dev answered 85% either
  // way). Right page first and top 3 unchanged.
  // Session 10: the responder's own misses (light verbs counted as the topic, four support-vocabulary pairs,
  // "straight away" read as a status; see the README) fixed, the confidence model unchanged (eval/results/q10f.txt):
  // false handoffs zulip 4/50 -> 3/50, github 5/50 -> 3/50, acme 14/52 -> 8/52; abstention unchanged (18/21, 20/21,
  // 15/18). False-handoff ceilings tightened to just above what was measured, as before: zulip
  // 0.09 -> 0.07, github 0.11 -> 0.07, acme 0.28 -> 0.16.
  // Session 11: these apply to the dev split alone, which holds every question they were set on (the earlier held-out
  // questions joined dev; the fresh held-out questions have their own floors below). The session-10 code measured on it
  // zulip 49/50 first, 3/50 handed off, 18/21 declined; github 46/50, 3/50, 20/21; acme 44/52, 8/52, 15/18. Then a
  // thesaurus word no longer counts one word of its group's phrases as itself ("rename" was "user" and
  // "account" of "user name", "account name"): zulip abstention 18/21 -> 19/21 (floor 0.84 -> 0.88); github's "rename
  // account", answered from the wrong page before, is handed off (false handoffs 3/50 -> 4/50, ceiling 0.07 -> 0.09).
  // Then (eval/results/q11.txt): "sth" and "many" are stopwords (acme false handoffs 8/52 -> 7/52, ceiling 0.16 ->
  // 0.14), "org" reads as "organization" (github 4/50 -> 3/50, ceiling back to 0.07), "what time" asks for a time of
  // day (acme right page first 44/52 -> 45/52, floor 0.84 -> 0.86), what follows "instead of" finds no page (acme
  // abstention 15/18 -> 16/18, floor 0.8 -> 0.88).
  // Session 12 (eval/results/q12.txt): a question's own words weigh double its thesaurus and word-vector equivalents in
  // the search and half in the title re-rank, and with no page of the question's words near in meaning the
  // responder judges the closest page. Right page first zulip 49/50 (as before), github 46/50 -> 49/50 (floor 0.88 ->
  // 0.95), acme 44/52 -> 45/52, jitsi 16/31 -> 17/31 (floor 0.48 -> 0.51); false handoffs zulip 3/50 -> 2/50, acme
  // 7/52 -> 6/52, jitsi 16/31 -> 14/31 (ceiling 0.55 -> 0.49); abstention as before.
  zulip: { recall1: 0.95, recall3: 0.97, falseHandoff: 0.07, abstention: 0.88 },
  github: { recall1: 0.95, recall3: 0.95, falseHandoff: 0.07, abstention: 0.93 },
  // Merged with the crawl no longer indexing pages of links (a help centre's home) and retrieval's changes for the
  // jitsi set below, acme's right page first is 44/52 again (floor back to 0.84).
  acme: { recall1: 0.84, recall3: 0.93, falseHandoff: 0.14, abstention: 0.88 },
  // The fifth set (Jitsi Meet Handbook, all dev, written before its answers were seen), one question below its first
  // measurement (`deno task eval --set jitsi`): right page first 15/31, top 3 22/31, false handoffs 16/31, 9/10 declined;
  // then one below session 11's end (eval/results/q11b.txt): 16/31 first, 27/31 in the top 3.
  jitsi: { recall1: 0.51, recall3: 0.84, falseHandoff: 0.49, abstention: 0.8 },
};

/**
 * Floors of the held-out split (only ever reported, never tuned on): the questions written in session 11 by someone who
 * had not seen the code's answers (eval/README.md), one question below what the code measured on them when they were
 * committed (eval/README.md, "Session 11"): zulip 10 answerable / 4 unanswerable, right page
 * first 8/10, top 3 10/10, false handoffs 4/10, abstention 3/4; github 8/10, 9/10, 3/10, 2/4; acme 6/10, 8/10, 6/10,
 * 3/4; anki (the fourth set, all held-out) 25 / 8: 10/25, 21/25, 21/25, 5/8. They keep the held-out numbers from
 * falling further; the targets (80% / 90% / 10% / 90%) are far above several of them. Session 12 (eval/results/q12.txt,
 * a question's own words weighing double its equivalents; reported, not tuned on): right page first
 * github 9/10 -> 10/10, acme 6/10 -> 7/10, anki 13/25 -> 19/25; top 3 github 9/10 -> 10/10, acme 8/10 -> 9/10, anki
 * 21/25 -> 22/25; anki abstention 5/8 -> 6/8. Those floors raised to one question below.
 */
const HELDOUT: Record<string, Floor> = {
  zulip: { recall1: 0.7, recall3: 0.9, falseHandoff: 0.5, abstention: 0.5 },
  github: { recall1: 0.9, recall3: 0.9, falseHandoff: 0.4, abstention: 0.25 },
  acme: { recall1: 0.6, recall3: 0.8, falseHandoff: 0.7, abstention: 0.5 },
  anki: { recall1: 0.72, recall3: 0.84, falseHandoff: 0.88, abstention: 0.62 },
};

for (const name of new Set([...Object.keys(DEV), ...Object.keys(HELDOUT)])) {
  Deno.test({
    name: `eval floor: the ${name} help centre, crawled and asked, stays above its floor`,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const { outcomes } = await runSet(loadSet(name));
      assert.equal(outcomes.filter((o) => !o.text.trim()).length, 0, "blank answers");
      for (const [split, floor] of [["dev", DEV[name]], ["heldout", HELDOUT[name]]] as const) {
        if (!floor) continue;
        const m = metrics(outcomes.filter((o) => o.split === split));
        const report = `${split} ${JSON.stringify(m)}`;
        assert.ok(m.answerable + m.unanswerable > 0, `no ${split} questions`);
        assert.ok(m.recall1 >= floor.recall1, `right page first ${report}`);
        assert.ok(m.recall3 >= floor.recall3, `top 3 ${report}`);
        assert.ok(m.falseHandoff <= floor.falseHandoff, `false handoffs ${report}`);
        assert.ok(m.abstention >= floor.abstention, `abstention ${report}`);
      }
    },
  });
}
