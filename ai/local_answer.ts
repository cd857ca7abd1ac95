/**
 * The offline responder's reasoning: score every sentence, list item and
 * code block of the retrieved passages against the question's content words,
 * choose the page that answers best, and quote its best few pieces verbatim
 * (so it can't invent anything). An answer never mixes pages: sentences from
 * unrelated articles joined together read as nonsense and cite wrongly.
 *
 * @module
 */
import type { Passage } from "../models/ports/ai_provider.ts";
import { termSet } from "../models/knowledge/text.ts";
import { matchTerm, type QTerm, questionTerms } from "./local_terms.ts";
import { normTitle, splitPassage, type Unit } from "./local_units.ts";

/** How many passages are read: retrieval ranks them, the tail rarely helps. */
const MAX_PASSAGES = 6;
/** Sentences (or whole lists) per answer. */
const MAX_PICKS = 4;
/** Characters per answer before `maxTokens` lowers it. */
const MAX_CHARS = 900;
/** Lists longer than this are quoted only in their matching items. */
const MAX_WHOLE_LIST = 8;
/**
 * How much further in meaning (the sentence model's cosine, `Passage.meaning`) than the closest page a page may be
 * and still be answered from. Sentences are picked by their words, and a page sharing a stray word with the question
 * won over the page that means it ("how to change my avatar": the time-zone page's "change ... under Profile" over
 * "Set your profile picture"); an unanswerable question was quoted from such a page as often ("how do I add a
 * collaborator to my repository?" from the blocking page's "removed as a collaborator"). Only with meaning: the
 * responder's words are what corrects a words-only ranking. Chosen on dev (`tasks/fit_confidence.ts`'s questions:
 * 0.05 lost right citations, 0.1 gained one and lost one, 0.15 and 0.2 gained one; 0.15 separated answerable
 * from unanswerable best).
 */
const MEANING_GAP = 0.15;
/**
 * When retrieval's first page is also the closest in meaning, two signals agree on it, and another page's sentences
 * take the answer only by scoring this many times better by their words. A stray shared word was enough to quote a
 * page retrieval and meaning both put below ("how do I stop someone from commenting on my issues": the
 * account-deletion page's "comments you've made ... issues" over the page on blocking a user; "how do I reach your
 * support team": the invitation page's "team" over "Contact support"). Chosen on dev (`deno task eval`): 1.25 to 3
 * gave the same dev results (two more answers citing the right page, nothing else changed), and so did always keeping
 * the page; 2 is the middle.
 */
const AGREED_LEAD = 2;

export interface Read {
  p: Passage;
  units: Unit[];
  /** Terms of the title and heading path: what the passage is about. */
  head: Set<string>;
  all: Set<string>;
}

export interface Analysis {
  q: QTerm[];
  /** Per question term (same order as `q`). */
  idf: number[];
  passages: Read[];
}

export function analyse(question: string, passages: Passage[]): Analysis {
  const read = passages.slice(0, MAX_PASSAGES).map((p, i) => {
    const skip = new Set([p.title, ...(p.heading ?? "").split(">")].map(normTitle).filter(Boolean));
    const units = splitPassage(p.text, i, skip);
    const head = termSet(`${p.title} ${p.heading ?? ""}`);
    return { p, units, head, all: new Set([...head, ...units.flatMap((u) => [...u.terms])]) };
  });
  const q = questionTerms(question, new Set(read.flatMap((r) => [...r.all])));
  const n = read.length;
  // IDF across the retrieved passages: a word every passage shares says little about which one answers.
  const idf = q.map((t) => Math.log(1 + (n + 1) / (read.filter((r) => matchTerm(r.all, t) > 0).length + 0.5)));
  return { q, idf, passages: read };
}

/** What identifies a page: its URL, or the source and title for pasted text and documents. */
export function pageOf(p: Passage): string {
  return p.url ?? `${p.sourceId}\u0000${p.title}`;
}

/**
 * The passages of the one page that answers best: the page of the
 * best-scoring sentence or list item (ties go to retrieval's order).
 */
export function focusPage(question: string, passages: Passage[]): Passage[] {
  if (!passages.length) return [];
  const a = analyse(question, passages);
  // Per page, its best unit; retrieval's ranking (title and heading weighted) breaks near-ties.
  const bestOf = new Map<string, number>();
  for (const u of scoreUnits(a)) {
    const page = pageOf(a.passages[u.passage].p);
    if (!bestOf.has(page)) bestOf.set(page, u.score * (1 + 0.5 * clamp01(a.passages[u.passage].p.score)));
  }
  // With the sentence model's cosines (see MEANING_GAP), a page much further in meaning than the closest is no
  // candidate, whatever words its sentences share with the question.
  const near = new Map<string, number>();
  for (const p of passages) {
    if (p.meaning !== undefined) near.set(pageOf(p), Math.max(near.get(pageOf(p)) ?? 0, p.meaning));
  }
  const closest = Math.max(0, ...near.values());
  let page = pageOf(passages[0]), top = -1;
  for (const [key, score] of bestOf) {
    if (score > top && (near.get(key) ?? closest) >= closest - MEANING_GAP) (page = key), (top = score);
  }
  const first = pageOf(passages[0]);
  if (page !== first && near.get(first) === closest && top < AGREED_LEAD * (bestOf.get(first) ?? 0)) {
    page = first;
  }
  // No page with a sentence for the question is near the closest in meaning: retrieval's first page is no nearer, so
  // the closest page it is, and the answer is judged on it ("can I change my username?" was answered from the page
  // on changing an order, cosine 0.10, beside the account page at 0.38). Dev: Acme declined 83 -> 89%, the rest
  // unchanged.
  if (top < 0 && (near.get(page) ?? closest) < closest - MEANING_GAP) {
    page = [...near].find(([, m]) => m === closest)![0];
  }
  return passages.filter((p) => pageOf(p) === page);
}

/** `x` within 0..1 (0 for NaN). */
export function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

interface Scored extends Unit {
  score: number;
}

function scoreUnits(a: Analysis): Scored[] {
  const total = a.idf.reduce((sum, x) => sum + x, 0);
  const out: Scored[] = [];
  const cover = (weight: (t: QTerm) => number) => a.q.reduce((sum, t, i) => sum + a.idf[i] * weight(t), 0) / total;
  a.passages.forEach((r, rank) => {
    // What a passage's title says it is about counts more than a word its text mentions in passing
    // ("open" the Orders page vs "Opening hours").
    const about = cover((t) => Math.max(matchTerm(r.head, t), 0.5 * matchTerm(r.all, t)));
    // Retrieval already ranked the passages (its score says by how much); rank only breaks ties.
    const passageWeight = (0.5 + 0.5 * about) * (0.6 + 0.4 * clamp01(r.p.score)) / (1 + 0.05 * rank);
    for (const u of r.units) {
      // Under a title that names the topic, every sentence speaks of it.
      let hit = cover((t) => Math.max(matchTerm(u.terms, t), 0.9 * matchTerm(r.head, t)));
      if (u.kind === "item") {
        // A step is about what its list is about: "open" in "1. Sign in and open Orders" under
        // "To return an item:" does not make it an answer to "When are you open?".
        const context = new Set([
          ...r.head,
          ...r.units.filter((x) => x.group === u.group && x.kind === "sentence").flatMap((x) => [...x.terms]),
        ]);
        hit = 0.6 * hit + 0.4 * cover((t) => matchTerm(context, t));
      }
      const words = u.text.split(/\s+/).length;
      // Concise sentences read better than run-ons; fragments rarely answer anything; a question
      // in the text ("Forgot your password?") restates the visitor's rather than answering it.
      const shape = (words < 4 ? 0.7 : 1) * (u.text.endsWith("?") ? 0.4 : 1) / (1 + Math.max(0, words - 30) / 60);
      const score = hit * passageWeight * shape;
      if (score > 0) out.push({ ...u, score });
    }
  });
  return out.sort((x, y) => y.score - x.score || x.passage - y.passage || x.order - y.order);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  return both / (a.size + b.size - both || 1);
}

/** The units that must come along with `u`: its list and lead, or the sentence a pronoun points back to. */
function expand(u: Unit, units: Unit[]): Unit[] {
  if (u.group !== undefined) {
    const members = units.filter((x) => x.group === u.group);
    const items = members.filter((x) => x.kind !== "sentence");
    const lead = members.filter((x) => x.kind === "sentence");
    if (items.length <= MAX_WHOLE_LIST) return members;
    return u.kind === "sentence" ? [...lead, ...items.slice(0, MAX_WHOLE_LIST)] : [...lead, u];
  }
  const prev = units[u.order - 1];
  const leaning = /^(?:it|this|that|they|these|those|its|their|there|then|also|however|otherwise)\b/i;
  if (u.kind === "sentence" && leaning.test(u.text) && prev?.kind === "sentence" && prev.block === u.block) {
    return [prev, u];
  }
  // A sentence ending in ":" promises what follows.
  const next = units[u.order + 1];
  if (u.text.endsWith(":") && next && next.block !== u.block) return [u, ...expand(next, units)];
  return [u];
}

/**
 * An extractive answer to `question` from `passages`, or null when no
 * passage shares a content word with it.
 */
export function composeAnswer(question: string, passages: Passage[], maxChars = MAX_CHARS): string | null {
  const a = analyse(question, focusPage(question, passages));
  if (a.q.length === 0) return null;
  const scored = scoreUnits(a);
  const best = scored[0];
  if (!best) return null;
  const chosen = new Map<Unit, number>();
  let picks = 0, chars = 0;
  for (const u of scored) {
    if (picks >= MAX_PICKS) break;
    const taken = [...chosen.keys()];
    if (taken.some((c) => same(c, u))) continue;
    if (u.score < (u.passage === best.passage ? 0.5 : 0.6) * best.score) continue;
    // The same fact often sits in two documents (an FAQ and a policy page): say it once.
    if (taken.some((c) => jaccard(c.terms, u.terms) >= 0.7)) continue;
    // Another passage of the page earns a place only by covering a question word the answer lacks so far.
    const adds = (t: QTerm) => matchTerm(u.terms, t) > 0 && !taken.some((c) => matchTerm(c.terms, t) > 0);
    if (u.passage !== best.passage && !a.q.some(adds)) {
      continue;
    }
    const add = expand(u, a.passages[u.passage].units).filter((x) => !taken.some((c) => same(c, x)));
    const size = add.reduce((sum, x) => sum + x.text.length + 1, 0);
    if (picks > 0 && chars + size > maxChars) continue;
    for (const x of add) chosen.set(x, Math.max(u.score, chosen.get(x) ?? 0));
    chars += size, picks++;
  }
  return layout([...chosen.entries()], maxChars);
}

function same(a: Unit, b: Unit): boolean {
  return a.passage === b.passage && a.order === b.order;
}

/** Passages in order of their best pick; units in their original order; lists on their own lines. */
function layout(chosen: [Unit, number][], maxChars: number): string {
  const rankOf = new Map<number, number>();
  for (const [u, s] of chosen) rankOf.set(u.passage, Math.max(rankOf.get(u.passage) ?? 0, s));
  chosen.sort(([x], [y]) =>
    rankOf.get(y.passage)! - rankOf.get(x.passage)! || x.passage - y.passage || x.order - y.order
  );
  const blocks: { prose: boolean; text: string; end?: Unit }[] = [];
  let length = 0;
  for (const [picked] of chosen) {
    if (length > 0 && length + picked.text.length > maxChars) break;
    // Only a first pick can be too long by itself (a run-on paragraph): cut it at a word.
    const u = picked.kind !== "code" && picked.text.length > maxChars
      ? { ...picked, text: clip(picked.text, maxChars) }
      : picked;
    length += u.text.length;
    const last = blocks.at(-1);
    if (u.kind === "sentence" && u.group === undefined && !u.text.endsWith(":")) {
      const text = /[.!?。！？)"”…]$/.test(u.text) ? u.text : `${u.text}.`;
      if (last?.prose) last.text += ` ${text}`;
      else blocks.push({ prose: true, text });
    } else if (u.kind === "sentence" && last?.prose && last.end?.passage === u.passage && last.end.block === u.block) {
      // A lead stays in its paragraph; the list follows on the next lines.
      last.text += ` ${u.text}`;
      last.prose = false;
    } else if (u.kind !== "sentence" && last && !last.prose) {
      last.text += `\n${u.text}`;
    } else {
      blocks.push({ prose: false, text: u.text });
    }
    blocks.at(-1)!.end = u;
  }
  // A lead whose list did not fit would dangle; if that leaves nothing, the first pick is quoted alone, cut to fit.
  const text = blocks.filter((b) => !b.text.endsWith(":")).map((b) => b.text).join("\n\n");
  const first = chosen[0]?.[0].text ?? "";
  return text || (first.length > maxChars ? clip(first, maxChars) : first).replace(/:$/, ".");
}

function clip(text: string, max: number): string {
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.search(/\s\S*$/) > 0 ? cut.search(/\s\S*$/) : cut.length).trimEnd()}…`;
}
