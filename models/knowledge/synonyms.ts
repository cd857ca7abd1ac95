/**
 * A customer-support thesaurus: groups of words and phrases visitors use for
 * the same thing ("money back" ~ "refund", "parcel" ~ "shipping"). Retrieval
 * adds a question's equivalents to its lexical query, and the offline
 * responder counts an equivalent as covering a question word. It finds the
 * candidates that the offline sentence model (`lib/sentence_model.ts`) then
 * re-ranks by meaning: a paraphrase with no word of its page is not found. Kept general to support domains
 * (commerce, SaaS, accounts, billing); a miss falls back to plain BM25.
 *
 * @module
 */
import { contentTerms, stem, words } from "./text.ts";

const GROUPS: string[][] = [
  ["refund", "money back", "reimburse", "reimbursement", "repay", "repayment", "credit back", "chargeback"],
  ["return", "send back", "returned", "returning", "exchange"],
  ["ship", "shipping", "shipment", "deliver", "delivery", "dispatch", "courier", "postage", "arrive", "arrival"],
  ["parcel", "package", "shipment", "order", "delivery"],
  ["order", "purchase", "bought", "buy", "checkout"],
  ["cancel", "cancellation", "stop", "terminate", "end", "unsubscribe", "renewing", "renewal"],
  ["subscription", "membership", "plan", "tier", "renewal"],
  ["price", "pricing", "cost", "fee", "charge", "rate", "expensive", "cheap"],
  ["premium", "pro", "paid", "business"],
  ["invoice", "receipt", "bill", "billing", "accounting", "vat"],
  ["pay", "payment", "card", "credit card", "debit card", "paypal", "visa", "mastercard", "apple pay"],
  ["password", "credentials", "passcode", "forgot", "reset"],
  ["login", "log in", "sign in", "signin", "access", "locked out"],
  ["account", "profile", "user account"],
  ["delete", "remove", "erase", "close account", "deletion"],
  ["privacy", "personal data", "gdpr", "data protection", "personal information"],
  ["newsletter", "marketing", "promotional", "promotion", "mailing", "emails", "mails", "spam"],
  ["discount", "coupon", "promo", "promo code", "voucher", "reduction", "deal", "offer", "sale"],
  ["gift card", "gift voucher", "voucher", "gift certificate"],
  ["expire", "expiry", "expiration", "valid", "validity"],
  ["size", "sizing", "fit", "measurement", "in between"],
  ["warranty", "guarantee", "covered", "coverage", "repair"],
  ["damaged", "broken", "defective", "faulty", "cracked", "damage", "broke"],
  ["hours", "opening hours", "open", "available", "availability", "schedule", "when"],
  ["support", "customer service", "help desk", "helpdesk", "service team", "assistance"],
  ["phone", "call", "telephone", "dial", "number", "hotline"],
  ["store", "shop", "branch", "location", "physical", "visit", "showroom", "outlet"],
  ["collect", "pick up", "pickup", "click and collect", "in store"],
  ["student", "university", "college", "school", "unidays"],
  ["trial", "try", "test", "free trial", "demo", "before paying"],
  ["export", "download", "backup", "copy", "archive"],
  ["api", "integration", "developer", "calls", "requests", "rate limit", "endpoint"],
  ["team", "coworker", "colleague", "member", "seat", "invite", "add user", "staff"],
  ["security", "secure", "encrypted", "encryption", "safe", "protect"],
  ["server", "data centre", "data center", "hosting", "hosted", "host", "stored", "located"],
  ["two-factor", "2fa", "two factor", "authenticator", "one-time code", "code from my phone", "verification code"],
  ["accessibility", "accessible", "blind", "screen reader", "disability", "wcag", "keyboard"],
  ["loyalty", "reward", "rewards", "points", "cashback"],
  ["bulk", "wholesale", "large quantities", "volume", "large order", "many units"],
  ["international", "abroad", "overseas", "worldwide", "countries", "foreign"],
  ["customs", "duties", "import tax", "tariff", "customs fees"],
  ["track", "tracking", "where is", "status", "follow"],
  ["change", "modify", "edit", "update", "mistake", "correct", "amend"],
  ["cancel order", "change order", "modify order"],
  ["time", "long", "days", "how soon", "how quickly", "when will"],
  ["contact", "reach", "get in touch", "talk", "speak", "email us"],
  ["problem", "issue", "error", "bug", "not working", "broken"],
  ["shipping cost", "delivery fee", "postage"],
  ["vat", "tax", "taxes", "sales tax"],
  ["currency", "euro", "dollar", "pound"],
  // Software help centres: what users call a setting vs what the article calls it.
  ["dark mode", "dark theme", "night mode", "light mode", "theme", "appearance", "color scheme"],
  ["avatar", "profile picture", "profile photo", "profile image"],
  ["log out", "sign out", "logout", "signout", "logging out"],
  ["deactivate", "close account", "close my account", "deactivation", "disable account"],
  ["bookmark", "star", "starred", "save for later", "favorite", "favourite"],
  ["vote", "poll", "survey"],
  ["bigger", "larger", "smaller", "font size", "text size", "zoom"],
  ["offline", "invisible", "availability", "away", "online status"],
  ["language", "translate", "translation", "locale", "german", "french", "spanish", "english"],
  ["import", "migrate", "migration", "moving from", "bring over", "switch from", "transfer data"],
  ["harass", "harassment", "abuse", "abusive", "block", "report"],
  ["gif", "gifs", "animated", "animation", "autoplay", "motion"],
  ["username", "user name", "handle", "account name", "rename"],
  ["time zone", "timezone", "local time"],
  ["merge", "combine", "consolidate"],
  ["recovery code", "recovery codes", "backup codes", "locked out", "lost my phone"],
  ["typo", "edit", "fix", "correct"],
  ["unsubscribe", "opt out", "stop sending", "marketing"],
  // What a shop sells, as customers and shop pages call it ("the product I received" vs "if an item arrives").
  ["product", "item", "goods", "merchandise"],
  // Software settings: what users ask to stop, an article tells them to disable or turn off.
  ["disable", "turn off", "switch off", "stop"],
  // The customer's word for what SaaS help centres call an organization.
  ["organization", "organisation", "company"],
];

/**
 * True when the stems of `phrase` occur in `stems` in order, at most two other
 * words apart ("send back" matches "sending the parcel back").
 */
function containsPhrase(stems: string[], phrase: string): boolean {
  const parts = phrase.split(" ");
  outer: for (let i = 0; i < stems.length; i++) {
    if (stems[i] !== parts[0]) continue;
    let at = i;
    for (const part of parts.slice(1)) {
      const next = stems.slice(at + 1, at + 4).indexOf(part);
      if (next < 0) continue outer;
      at += next + 1;
    }
    return true;
  }
  return false;
}

/** Stem-sequence form of a phrase ("money back" -> "money back" stems joined by space). */
const stemPhrase = (phrase: string) => words(phrase).map(stem).join(" ");

/** For each stemmed single word: the stems of the other single words of its groups. */
const EQUIVALENTS = new Map<string, Set<string>>();
/** For each stemmed single word: the multi-word members of its groups, as their content stems. */
const EQUIVALENT_PHRASES = new Map<string, string[][]>();
/** For each stemmed single word: the surface words of its groups (for a search engine that stems itself). */
const SURFACE = new Map<string, Set<string>>();
/** Multi-word phrases (stemmed) -> the group's stems and surface words. */
const PHRASES: Array<{ phrase: string; stems: string[]; surface: string[] }> = [];

const addAll = (map: Map<string, Set<string>>, key: string, values: string[]) => {
  const set = map.get(key) ?? new Set<string>();
  for (const v of values) set.add(v);
  map.set(key, set);
};

for (const group of GROUPS) {
  const stems = [...new Set(group.flatMap((w) => contentTerms(w)))];
  const surface = [...new Set(group.flatMap((w) => words(w)).filter((w) => contentTerms(w).length))];
  // A single word is equivalent to the group's other single words and to its phrases whole, never to one word of a
  // phrase: "rename" means "username", not the "user", "name" or "account" of "user name" and "account name" (with
  // them, "how do I rename my organization?" was answered from a page about inviting users). The search itself
  // still gets every word (`SURFACE`: it only adds candidates, and "profile picture" finds the avatar's page).
  const single = group.map((w) => contentTerms(w)).filter((t) => t.length === 1);
  const singleStems = [...new Set(single.flat())];
  const phrases = group.map((w) => contentTerms(w)).filter((t) => t.length > 1);
  for (const member of group) {
    const s = stemPhrase(member);
    if (s.includes(" ")) PHRASES.push({ phrase: s, stems, surface });
    else {
      addAll(EQUIVALENTS, s, singleStems.filter((x) => x !== s));
      EQUIVALENT_PHRASES.set(s, [...(EQUIVALENT_PHRASES.get(s) ?? []), ...phrases]);
      addAll(SURFACE, s, surface);
    }
  }
}

/** The phrases equivalent to one content stem, each as its content stems, all of which must be present. */
export function equivalentPhrases(term: string): readonly string[][] {
  return EQUIVALENT_PHRASES.get(term) ?? [];
}

/** True when `stems` hold every stem of one of `phrases` (a phrase counts only whole). */
export function holdsPhrase(phrases: readonly string[][], stems: ReadonlySet<string>): boolean {
  return phrases.some((p) => p.every((s) => stems.has(s)));
}

/** True when `stems` hold an equivalent of `term`: one of its words, or every word of one of its phrases. */
export function hasEquivalent(term: string, stems: ReadonlySet<string>): boolean {
  for (const e of equivalents(term)) if (stems.has(e)) return true;
  return holdsPhrase(equivalentPhrases(term), stems);
}

/** The stems equivalent to one content stem (not including itself). */
export function equivalents(term: string): ReadonlySet<string> {
  return EQUIVALENTS.get(term) ?? new Set();
}

/** Extra stems a question implies: equivalents of its words and of the phrases it contains. */
export function expansions(question: string): string[] {
  const terms = contentTerms(question);
  const own = new Set(terms);
  const extra = new Set<string>();
  for (const t of terms) for (const e of equivalents(t)) extra.add(e);
  const stemmed = words(question).map(stem);
  for (const { phrase, stems } of PHRASES) if (containsPhrase(stemmed, phrase)) stems.forEach((s) => extra.add(s));
  return [...extra].filter((e) => !own.has(e));
}

/** The same expansions as plain words, for a search engine that applies its own stemming (FTS5 porter). */
export function expansionWords(question: string): string[] {
  const terms = contentTerms(question);
  const own = new Set(words(question));
  const extra = new Set<string>();
  for (const t of terms) for (const w of SURFACE.get(t) ?? []) extra.add(w);
  const stemmed = words(question).map(stem);
  for (const { phrase, surface } of PHRASES) if (containsPhrase(stemmed, phrase)) surface.forEach((w) => extra.add(w));
  return [...extra].filter((w) => !own.has(w));
}

/** Phrases of the thesaurus found in `question`: their own stems, and the stems of their group. */
export function phraseMatches(question: string): Array<{ terms: string[]; group: string[] }> {
  const stemmed = words(question).map(stem);
  return PHRASES.filter(({ phrase }) => containsPhrase(stemmed, phrase))
    .map(({ phrase, stems }) => ({ terms: phrase.split(" "), group: stems }));
}
