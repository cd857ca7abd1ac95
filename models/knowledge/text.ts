/**
 * Word-level text helpers shared by the offline responder and citation
 * matching: tokenising, stopwords and stemming, so that "refunds",
 * "refunded" and "refunding" all count as the same content word.
 *
 * @module
 */
import { stemmer } from "stemmer";

// Function words, plus the filler of support questions ("can you help me
// get...", "I want to know..."), which carry no topic and would otherwise
// make any passage look relevant. Chat spellings of function words ("sth",
// "pls", "ur") too: no index has them and they are rare in English, so they
// weighed like a rare topic the answering page lacked.
const STOPWORD_LIST = `a about above after again against all also am an and any anything are as at be because been
before being below between both but by can cant could couldnt did didnt do does doesnt doing done dont during each
either else etc even ever every few for from further get gets getting got had has hasnt have havent having he help her here hers him his
how hows i id if im in into is isnt it its ive just know let lets like many may me might mine more most much must my myself
need needs no nor not now of ok okay on once one only or other our ours over own please possible question questions really same
say she should shouldnt so some something still such sure take takes taking tell than thank thanks that thats the their them then there these
they thing things this those through to too under until up us very want wants was wasnt we were werent what whats when where wheres
whether which while who whom whose why will with wont would wouldnt yes yet you your youre yours yourself hi hello hey dear
greetings cheers pls plz sth smth ur`;

/** Words that carry no topic (lowercase, apostrophes removed). */
export const STOPWORDS: ReadonlySet<string> = new Set(STOPWORD_LIST.split(/\s+/));

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const ASCII_WORD = /^[a-z]+$/;

/** Lowercase words of `text`, apostrophes dropped ("Don't" -> "dont"). */
export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/['’]/g, ""));
}

/**
 * The stem of one lowercase word: Porter for English words, the word itself
 * for numbers and other scripts (which Porter would mangle).
 */
export function stem(word: string): string {
  return STEM_EXCEPTIONS[word] ?? (ASCII_WORD.test(word) && word.length > 3 ? stemmer(word) : word);
}

// Porter conflates these with unrelated words that support questions use ("customer" with "customs",
// "business" with "busy", "organisation" with "organ").
const STEM_EXCEPTIONS: Record<string, string> = {
  customer: "customer",
  customers: "customer",
  business: "business",
  businesses: "business",
  news: "news",
  organization: "organis",
  organizations: "organis",
  organisation: "organis",
  organisations: "organis",
  university: "universit",
  universities: "universit",
};

const IMMEDIATELY = new Set(["straight", "right"]);

/** Stems of the topic-bearing words of `text`, in order, repeats kept. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  const all = words(text);
  let prev = "";
  for (const [i, w] of all.entries()) {
    // "how long" asks for a duration; the answer says "days", never "long"; "what time" asks for a time of day
    // ("9am"), and a page about shipping times is not its topic. "Straight away" and "right away" say
    // "at once": neither a direction nor the "away" of an online status.
    const filler = STOPWORDS.has(w) || (w === "long" && prev === "how") || (w === "time" && prev === "what") ||
      (IMMEDIATELY.has(w) && all[i + 1] === "away") || (w === "away" && IMMEDIATELY.has(prev));
    prev = w;
    if (filler || (w.length < 2 && !/\d/.test(w))) continue;
    out.push(stem(w));
  }
  return out;
}

/**
 * `question` without what follows "instead of" or "rather than": what the visitor does not want ("pause my
 * subscription instead of cancelling it", "at a branch instead of home delivery"). A page about that is no answer,
 * so its words neither find pages nor count as covered. Only the phrase right after it goes (at most three words,
 * up to a comma or a linking word: "instead of email to contact you" keeps "contact you"), and the question stays
 * whole when nothing of its topic would be left.
 */
export function withoutContrast(question: string): string {
  const stripped = question.replace(CONTRAST, " ");
  return stripped !== question && contentTerms(stripped).length ? stripped : question;
}

const CONTRAST =
  /\b(?:instead of|rather than)(?:\s+(?!(?:to|and|or|so|but|because|for|if|when|which|that|with)\b)[\p{L}\p{N}'’-]+){1,3}/giu;

/** The distinct content terms of `text`. */
export function termSet(text: string): Set<string> {
  return new Set(contentTerms(text));
}

/** Kinds of chit-chat that need a friendly reply rather than knowledge. */
export type SmallTalk = "greeting" | "thanks" | "goodbye";

const SMALL_TALK: [SmallTalk, RegExp][] = [
  [
    "thanks",
    /^(?:(?:ok(?:ay)?|great|perfect|awesome|cool)[\s,!.]*)?(?:thanks?|thank\s+you|thx|ty|cheers|much\s+appreciated)\b/,
  ],
  [
    "goodbye",
    /^(?:ok(?:ay)?[\s,!.]*)?(?:bye|goodbye|good\s*bye|see\s+you|see\s+ya|have\s+a\s+(?:good|nice|great)\s+day)\b/,
  ],
  ["greeting", /^(?:hi+|hello+|hey+|hiya|howdy|yo|greetings|good\s+(?:morning|afternoon|evening|day))\b/],
];

/**
 * Recognises a message that is only small talk ("Hi!", "thanks so much",
 * "bye") and has no question in it; null otherwise. The pipeline can use it
 * to keep a greeting from being handed to a person for "low confidence".
 */
export function smallTalk(message: string): SmallTalk | null {
  const text = message.trim().toLowerCase().replace(/\s+/g, " ");
  if (text.length === 0 || text.length > 60) return null;
  for (const [kind, re] of SMALL_TALK) {
    const m = re.exec(text);
    if (!m) continue;
    // Whatever follows the opener must itself be topic-free ("hi there team!").
    const rest = text.slice(m[0].length).replace(
      /\b(?:there|team|all|everyone|folks|so|very|much|a lot|again|guys)\b/g,
      "",
    );
    if (contentTerms(rest).length === 0) return kind;
  }
  return null;
}
