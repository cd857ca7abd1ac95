/**
 * The question's content words as the offline responder matches them: each
 * with the forms that count as the word itself and the support-vocabulary
 * equivalents that count a little less ("money back" is answered by a
 * sentence about refunds). Without a model, this is how a paraphrase meets
 * the words a help centre uses.
 *
 * @module
 */
import { equivalentPhrases, equivalents, holdsPhrase, phraseMatches } from "../models/knowledge/synonyms.ts";
import { familyZipf, RARE_ZIPF } from "../models/knowledge/specificity.ts";
import { contentTerms, withoutContrast } from "../models/knowledge/text.ts";
import { neighbours } from "../models/knowledge/vectors.ts";

/** What an equivalent is worth next to the word itself. */
const EQUIVALENT = 0.8;
/**
 * Cosine similarity of word vectors from which a passage's word counts as a
 * paraphrase of the question's ("vote" and "poll" 0.79, "receipt" and
 * "invoice" 0.64), and what such a match is worth per unit of similarity.
 * Unrelated words of one domain sit near 0.5 ("jobs" and "hours" 0.48).
 */
export const NEAR_MIN = 0.55, NEAR_WORTH = 0.8;

const MONEY = /[$€£¥]\s?\d|\d(?:[.,]\d+)?\s?(?:usd|eur|gbp|dollars?|euros?|pounds?|cents?)\b/i;
const DURATION =
  /\b\d+(?:\s?(?:-|–|to)\s?\d+)?\s?(?:business\s|working\s)?(?:minutes?|hours?|days?|weeks?|months?|years?)\b|\bnext (?:business |working )?day\b/i;
const CLOCK = /\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}:\d{2}\b|\b(?:noon|midnight)\b/i;
/** Stems that ask for a price: a sentence with an amount in it answers them. */
const PRICE_WORDS = new Set(["cost", "price", "pricing", "fee", "charg"]);

/**
 * Pseudo-terms for the kind of value a sentence states ("#money" for "$4.99",
 * "#duration" for "3-5 business days", "#clock" for "9am" or "18:00"), so "how
 * much", "how long" and "what time" can be matched by the answer's shape rather
 * than its words.
 */
export function valueTerms(text: string): string[] {
  return [
    ...(MONEY.test(text) ? ["#money"] : []),
    ...(DURATION.test(text) ? ["#duration"] : []),
    ...(CLOCK.test(text) ? ["#clock"] : []),
  ];
}

/**
 * Stems of light verbs and indefinite pronouns: how a question is put ("where do I *find* my invoices", "how do I
 * *make* the text bigger", "*put* in a new card", "stop *someone* from commenting"), not what it is about. Counted
 * as content, a page naming the whole topic covered at most two thirds of such a question and was declined as
 * "nothing found". They stay in the question as optional terms: found, they steer the choice of sentences and
 * raise confidence; missing, they cost none (as "where is" does).
 */
const LIGHT = new Set(["find", "make", "put", "someon", "somebodi", "anyon", "anybodi"]);

/** One content word (or phrase) of the question. */
export interface QTerm {
  key: string;
  /** Stems that are this word: its own, and longer or shorter forms found in the passages. */
  forms: Set<string>;
  /** For a phrase ("money back"): its content stems, all of which must be present. */
  phrase?: string[];
  /** Stems of words that mean the same in support talk. */
  equivalents: Set<string>;
  /** Phrases that mean the same ("profile picture" for "avatar"), each counted only when all its stems are present. */
  equivalentPhrases?: readonly string[][];
  /** Stems of the passages' words close in meaning (word vectors), with their similarity. */
  near?: Map<string, number>;
  /** A phrase of filler words ("where is"): it steers the choice of sentences, but missing it costs no confidence. */
  optional?: boolean;
}

/**
 * The question's terms. `vocab` is every stem of the passages: Porter leaves
 * some families apart ("international" -> intern, "internationally" ->
 * internation), so a stem of 5+ letters also matches the stems it begins.
 */
export function questionTerms(asked: string, vocab: Set<string>): QTerm[] {
  const question = withoutContrast(asked);
  const own = [...new Set(contentTerms(question))];
  const out: QTerm[] = [];
  const inPhrase = new Set<string>();
  for (const { terms, group } of phraseMatches(question)) {
    const content = terms.filter((t) => own.includes(t));
    if (out.some((t) => t.key === terms.join(" "))) continue;
    content.forEach((t) => inPhrase.add(t));
    out.push({
      key: terms.join(" "),
      forms: new Set(),
      phrase: content,
      equivalents: new Set(group.filter((s) => !terms.includes(s))),
      // "where is" names no topic by itself, but hints at one (tracking).
      optional: content.length === 0,
    });
  }
  for (const t of own) {
    if (inPhrase.has(t)) continue;
    const forms = new Set([t, ...[...vocab].filter((v) => related(t, v))]);
    const same = [...equivalents(t), ...shortened(t, vocab), ...(PRICE_WORDS.has(t) ? ["#money"] : [])];
    const eq = new Set(same.filter((e) => !forms.has(e)));
    const near = new Map(neighbours(t, vocab, NEAR_MIN).filter(([s]) => !forms.has(s) && !eq.has(s)));
    const phrases = equivalentPhrases(t);
    out.push({
      key: t,
      forms,
      equivalents: eq,
      ...(phrases.length ? { equivalentPhrases: phrases } : {}),
      ...(near.size ? { near } : {}),
      ...(LIGHT.has(t) ? { optional: true } : {}),
    });
  }
  // "How much is Plus?" wants an amount, "how long does it take?" a duration, and so does a "time limit" or a
  // "deadline" (a return window says "within 30 days", never "limit").
  if (/\bhow much\b/i.test(question) && !own.some((t) => PRICE_WORDS.has(t))) out.push(valueTerm("#money"));
  if (/\bhow (?:long|soon|quickly|many days)\b|\b(?:time limit|deadline)\b/i.test(question)) {
    out.push(valueTerm("#duration"));
  }
  // "What time do you close?" wants a time of day ("9am to 6pm"), and says no more of its topic by "time".
  if (/\bwhat time\b/i.test(question)) out.push(valueTerm("#clock"));
  return out;
}

/**
 * The passages' stems a short question word may abbreviate ("org" -> organization, "repo" -> repository, "pic" ->
 * picture): for a word of 3-4 letters the passages lack and everyday English rarely uses, the stems it begins,
 * counted as equivalents. Longer words already match the stems they begin (see `related`); a short one only so,
 * since "car" or "use" would otherwise be "card" and "user".
 */
function shortened(t: string, vocab: Set<string>): string[] {
  if (t.length < 3 || t.length > 4 || vocab.has(t) || !/^[a-z]+$/.test(t) || familyZipf(t) >= RARE_ZIPF) return [];
  return [...vocab].filter((v) => v.length >= t.length + 2 && v.startsWith(t));
}

function related(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short !== long && short.length >= 5 && long.startsWith(short) && !/\d/.test(short);
}

/** How well `terms` (a sentence's, a title's) contain `t`: 1 itself, 0.8 an equivalent, 0 not at all. */
export function matchTerm(terms: Set<string>, t: QTerm): number {
  if (t.phrase ? t.phrase.length > 0 && t.phrase.every((s) => terms.has(s)) : [...t.forms].some((f) => terms.has(f))) {
    return 1;
  }
  for (const e of t.equivalents) if (terms.has(e)) return EQUIVALENT;
  if (t.equivalentPhrases && holdsPhrase(t.equivalentPhrases, terms)) return EQUIVALENT;
  let best = 0;
  if (t.near) { for (const [s, sim] of t.near) if (sim > best && terms.has(s)) best = sim; }
  return best * NEAR_WORTH;
}

function valueTerm(key: string): QTerm {
  return { key, forms: new Set([key]), equivalents: new Set() };
}
