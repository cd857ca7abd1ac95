/**
 * Retrieval: field-weighted BM25 over the agent's active knowledge (always
 * filtered by workspace and agent in the store), fused with vector
 * similarity by reciprocal rank when the agent's provider offers embeddings,
 * then re-ranked by what each chunk's page and section are about.
 *
 * A customer's words rarely match the article's, so before searching the
 * question is spelling-corrected against the index's own vocabulary
 * ("pasword" -> password) and expanded with support-vocabulary equivalents
 * ("avatar" -> profile picture).
 *
 * @module
 */
import type { Agent } from "../agents/agent.ts";
import type { AiProvider, Passage } from "../ports/ai_provider.ts";
import type { Deps } from "../ports/deps.ts";
import type { ChunkHit, NewChunk } from "./knowledge.ts";
import { expansionWords, hasEquivalent } from "./synonyms.ts";
import { familyZipf, termWeights } from "./specificity.ts";
import { contentTerms, termSet, withoutContrast } from "./text.ts";
import { StemVectors, wordOf } from "./vectors.ts";
import { searchVersion } from "./version_search.ts";
import { dot, SENTENCE_MODEL, sentenceModel } from "../../lib/sentence_model.ts";

/** How many candidates each side contributes before fusion. */
const CANDIDATES = 24;
/** Reciprocal-rank-fusion constant (the usual 60). */
const RRF_K = 60;

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Fuses ranked lists: score = sum of 1 / (k + rank). */
function reciprocalRankFusion(lists: NewChunk[][]): Array<NewChunk & { score: number }> {
  const fused = new Map<string, NewChunk & { score: number }>();
  for (const list of lists) {
    list.forEach((chunk, rank) => {
      const entry = fused.get(chunk.id) ?? { ...chunk, score: 0 };
      entry.score += 1 / (RRF_K + rank + 1);
      fused.set(chunk.id, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

/**
 * Cosine similarity of word vectors from which a word of the agent's titles and
 * headings is searched for beside the question's own ("vote" -> poll, 0.70),
 * and how many such words each question word brings at most.
 */
const EXPAND_MIN = 0.45, EXPAND_PER_WORD = 3;
/**
 * Zipf value (everyday English, see `specificity.ts`) from which a title word is too common to search for in
 * a question's place: "wrong" 5.7, "good" 6.4, "set" 5.4 are not; "conference" 4.4, "keyboard" 3.4 are.
 */
const EVERYDAY_TOPIC_ZIPF = 5;

/**
 * Title and heading stems compared per question word, at most: the commonest
 * first. Bounds the cost for a very large knowledge base (about 0.1 ms per
 * question word per 1,000 stems); a help centre's titles and headings rarely
 * have more distinct words.
 */
const MAX_TOPIC_STEMS = 2000;

/** What an agent's knowledge is about: the stems of its titles and headings, and their vectors. */
export interface Topics {
  stems: Set<string>;
  vectors: StemVectors;
}

/** Builds {@link Topics} from titles and headings. */
export function topicsOf(texts: string[]): Topics {
  const counts = new Map<string, number>();
  for (const t of texts) for (const s of new Set(contentTerms(t))) counts.set(s, (counts.get(s) ?? 0) + 1);
  const byUse = [...counts].sort((a, b) => b[1] - a[1]).map(([s]) => s);
  return { stems: new Set(byUse), vectors: new StemVectors(byUse, MAX_TOPIC_STEMS) };
}

/** Per agent: its {@link Topics}, for the active version they were read from. */
const topicCache = new Map<string, { version: string | null; topics: Topics }>();
const TOPIC_CACHE_AGENTS = 256;

async function agentTopics(deps: Deps, agent: Agent): Promise<Topics> {
  const hit = topicCache.get(agent.id);
  if (hit && hit.version === agent.activeVersionId) return hit.topics;
  const topics = topicsOf(await deps.store.knowledge.topics(agent.workspaceId, agent.id));
  if (topicCache.size >= TOPIC_CACHE_AGENTS) topicCache.delete(topicCache.keys().next().value!);
  topicCache.set(agent.id, { version: agent.activeVersionId, topics });
  return topics;
}

/**
 * Words of the agent's titles and headings close in meaning to the question's
 * words: a customer's "vote" finds the page titled "Create a poll", "coupons"
 * the one on discount codes. Titles and headings say what pages are about,
 * and are few enough to compare every question word against.
 */
export function meaningExpansion(query: string, topics: Topics): string[] {
  const out = new Set<string>();
  const own = new Set(contentTerms(query));
  for (const t of own) {
    for (const [s] of topics.vectors.nearest(t, EXPAND_MIN, EXPAND_PER_WORD)) {
      const word = wordOf(s) ?? s;
      // Titles that are whole questions ("...could neither hear nor see one another. What's wrong?") hold everyday
      // words, and a customer's words lie close to them ("isnt" -> wrong, "fine" -> good): they name no topic.
      if (!own.has(s) && familyZipf(word) < EVERYDAY_TOPIC_ZIPF) out.add(word);
    }
  }
  return [...out];
}

/** Options of a retrieval. */
export interface RetrieveOptions {
  limit?: number;
  provider?: AiProvider;
  signal?: AbortSignal;
}

/** The best passages for `query`, scores normalised to 0..1 (best = 1). */
export async function retrieve(
  deps: Deps,
  agent: Agent,
  query: string,
  opts: RetrieveOptions = {},
): Promise<Passage[]> {
  return (await retrieveWithEvidence(deps, agent, query, opts)).passages;
}

/** What retrieval found, and what the answer's confidence needs to know about the question. */
export interface Retrieved {
  passages: Passage[];
  /** The question as searched: misspellings corrected against the index. */
  searched: string;
  /** How much each content stem of the searched question matters (see `termWeights`). */
  weights: Map<string, number>;
  /** The best candidate's score before normalisation (BM25 re-ranked by aboutness; fused when hybrid), 0 for none. */
  topScore: number;
  /**
   * How close in meaning the question is to the closest passage returned (cosine of the offline sentence model,
   * 0..1), when the agent's chunks have its vectors (see `byMeaning`).
   */
  meaning?: number;
}

/** {@link retrieve}, with the spelling-corrected question and its words' weights. */
export async function retrieveWithEvidence(
  deps: Deps,
  agent: Agent,
  query: string,
  opts: RetrieveOptions = {},
): Promise<Retrieved> {
  const limit = opts.limit ?? 5;
  // The question's vector, started before the words' search when this agent's chunks had the model's vectors
  // last time: the model (~6-10 ms a question) then runs in its Worker while this thread searches the index,
  // so a new question costs the longer of the two, not their sum. Unused when its candidates have no vectors.
  const early = !opts.provider?.embed && hasMeaning(agent) ? sentenceModel.embed([query], opts.signal) : undefined;
  early?.catch(() => {}); // awaited, and its failure handled, by `byMeaning`; unhandled if never awaited
  const corrected = await deps.store.knowledge.correct(query);
  const weights = await termWeights(corrected, (words) => deps.store.knowledge.documentFrequencies(words));
  // The question's own words, then support-vocabulary equivalents ("money back" -> refund).
  // And the words of the agent's titles and headings that mean what the question's words mean.
  const topics = await agentTopics(deps, agent);
  // What the visitor does not want ("... instead of home delivery") finds no page.
  const wanted = withoutContrast(corrected);
  // They weigh half the question's own words (the store's contract): an equivalent is a guess at what the visitor
  // meant, the words are what they said. Equal weights let "call" find a page of numbers and rate limits through
  // the thesaurus as readily as a page about calls. Dev, right page first: Acme 85 -> 87%, GitHub 92 -> 96%, Jitsi
  // 52 -> 55%, Zulip 98%; false handoffs down on three sets, one more Acme near-miss answered (handed off again since
  // by `focusPage` in ai/local_answer.ts, which judges the page closest in meaning). Equivalents at a third
  // answered more near-misses (GitHub declined 95 -> 81%). Held-out, only reported: right page first 52 -> 76% on
  // Anki, +1 question each on Acme and GitHub (`eval/results/q12.txt`).
  const equivalents = [...expansionWords(wanted), ...meaningExpansion(wanted, topics)].join(" ");
  // A running experiment's variant may answer from another knowledge version than the active, indexed one.
  const lexical: ChunkHit[] = agent.pinnedVersionId
    ? await searchVersion(deps, agent, agent.pinnedVersionId, wanted, CANDIDATES, equivalents)
    : await deps.store.knowledge.search(agent.workspaceId, agent.id, wanted, CANDIDATES, equivalents);
  let ranked: Array<NewChunk & { score: number }> = lexical;
  if (opts.provider?.embed && !agent.pinnedVersionId) {
    try {
      const embedded = await deps.store.knowledge.embeddedChunks(agent.workspaceId, agent.id);
      if (embedded.length) {
        const [q] = await opts.provider.embed([query], opts.signal);
        const qv = Float32Array.from(q);
        const semantic = embedded
          .map((c) => ({ chunk: c, sim: cosine(qv, c.vector) }))
          .sort((a, b) => b.sim - a.sim)
          .slice(0, CANDIDATES)
          .map(({ chunk: { vector: _v, ...c } }) => c);
        ranked = reciprocalRankFusion([lexical, semantic]);
      }
    } catch (err) {
      deps.log.warn("vector retrieval skipped", { agentId: agent.id, err: String(err) });
    }
  }
  let about = aboutness(wanted, ranked);
  let meaning: number | undefined, sims: Map<string, number> | undefined;
  if (!opts.provider?.embed && about.length) {
    const meant = await byMeaning(deps, agent, query, about, opts.signal, early);
    if (meant) {
      about = meant.ranked;
      sims = meant.sims;
      meaning = Math.max(0, ...about.slice(0, limit).map((c) => meant.sims.get(c.id) ?? 0));
    }
  }
  const top = about.slice(0, limit);
  const best = top[0]?.score || 1;
  const passages = top.map((c) => ({
    chunkId: c.id,
    sourceId: c.sourceId,
    title: c.title,
    url: c.url,
    heading: c.heading || undefined,
    text: c.text,
    score: Math.max(0, Math.min(1, c.score / best)),
    ...(sims ? { meaning: Math.max(0, sims.get(c.id) ?? 0) } : {}),
  }));
  return {
    passages,
    searched: corrected,
    weights,
    topScore: top[0]?.score ?? 0,
    ...(meaning === undefined ? {} : { meaning }),
  };
}

/**
 * How much a candidate's score grows with its meaning's closeness to the question's (cosine of the offline
 * sentence model): x (1 + MEANING_WEIGHT x cosine). Chosen on the dev questions (`tasks/measure_sentence_model.ts`:
 * 0.5 and 1 changed nothing, 2 lifted Zulip's right page first 90% -> 97%, 4 Acme's too 91% -> 94%).
 */
const MEANING_WEIGHT = 4;

/** Agents whose candidates had the sentence model's vectors, with the knowledge version they were read from. */
const meaningAgents = new Map<string, string | null>();
const MEANING_AGENTS = 1024;

const versionOf = (agent: Agent) => agent.pinnedVersionId ?? agent.activeVersionId;

function hasMeaning(agent: Agent): boolean {
  return meaningAgents.has(agent.id) && meaningAgents.get(agent.id) === versionOf(agent);
}

function noteMeaning(agent: Agent, has: boolean) {
  meaningAgents.delete(agent.id);
  if (!has) return;
  if (meaningAgents.size >= MEANING_AGENTS) meaningAgents.delete(meaningAgents.keys().next().value!);
  meaningAgents.set(agent.id, versionOf(agent));
}

/**
 * Re-ranks retrieval's candidates by meaning with the offline sentence model's vectors, stored for each chunk at
 * ingestion (`listeners/ingestion.ts`) when the agent is answered by the built-in responder. Only the few
 * candidates are compared (one indexed lookup of their vectors), never every chunk: a scan of 100k x 512 floats
 * would not fit the retrieval budget. Null (words only) when the candidates have no vectors or the model fails.
 */
async function byMeaning<T extends NewChunk & { score: number }>(
  deps: Deps,
  agent: Agent,
  query: string,
  candidates: T[],
  signal?: AbortSignal,
  early?: Promise<Float32Array[]>,
): Promise<{ ranked: T[]; sims: Map<string, number> } | null> {
  try {
    const vectors = await deps.store.knowledge.chunkVectors(
      agent.workspaceId,
      candidates.map((c) => c.id),
      SENTENCE_MODEL.id,
    );
    noteMeaning(agent, vectors.size > 0);
    if (!vectors.size) return null;
    const [q] = await (early ?? sentenceModel.embed([query], signal));
    const sims = new Map<string, number>();
    for (const [id, v] of vectors) sims.set(id, dot(q, v));
    const best = candidates[0].score || 1;
    const ranked = candidates
      .map((c) => ({ ...c, score: (c.score / best) * (1 + MEANING_WEIGHT * Math.max(0, sims.get(c.id) ?? 0)) }))
      .sort((a, b) => b.score - a.score);
    return { ranked, sims };
  } catch (err) {
    deps.log.warn("sentence model skipped", { agentId: agent.id, err: String(err) });
    return null;
  }
}

/** How much more a chunk whose page title and headings name every question word weighs. */
const ABOUT_WEIGHT = 1.5;
/**
 * Content words of a title and heading beyond which each says less of what the page is about: a title is a few
 * words ("Keyboard shortcuts", "Change your email address" with a section's heading), a FAQ titled with a whole
 * question ("It's working when I connect from a browser, but not from the iOS or Android apps") holds many, and
 * matched any question that shared two of them.
 */
const ABOUT_WORDS = 8;

/**
 * What a question word's equivalent in a title or heading counts for, against the word itself: half, as an
 * equivalent weighs in the search. Dev (`deno task eval`), against 0.7: GitHub right page first 96 -> 98%, the rest
 * unchanged.
 */
const EQUIVALENT_SHARE = 0.5;

/**
 * Re-ranks candidates by what they are about: a chunk whose page title or
 * section heading holds the question's words (or their equivalents) gains up
 * to {@link ABOUT_WEIGHT} times its score, so a dedicated article beats a page
 * that mentions the topic in passing. Scores are first normalised to the best
 * candidate, so BM25 and fused scores are treated alike.
 */
export function aboutness<T extends NewChunk & { score: number }>(query: string, candidates: T[]): T[] {
  const terms = [...termSet(query)];
  const best = candidates[0]?.score || 1;
  if (!terms.length) return candidates;
  return candidates.map((c) => {
    const head = termSet(`${c.title} ${c.heading}`);
    let got = 0;
    for (const t of terms) got += head.has(t) ? 1 : hasEquivalent(t, head) ? EQUIVALENT_SHARE : 0;
    // A title and heading of many words (a whole question as a FAQ's title) name each less of what the page is about.
    const share = (got / terms.length) * Math.min(1, ABOUT_WORDS / Math.max(head.size, 1));
    return { ...c, score: (c.score / best) * (1 + ABOUT_WEIGHT * share) };
  }).sort((a, b) => b.score - a.score);
}

/**
 * Share of the question's content words the passages contain (0..1): how well the knowledge covers it.
 * With `weights` (see `termWeights`), each word counts as much as it says about the question.
 */
export function coverage(question: string, passages: Passage[], weights?: ReadonlyMap<string, number>): number {
  const terms = new Set(contentTerms(question));
  if (!terms.size || !passages.length) return 0;
  const found = new Set(contentTerms(passages.map((p) => `${p.title} ${p.heading ?? ""} ${p.text}`).join(" ")));
  let hit = 0, of = 0;
  for (const t of terms) {
    const w = weights?.get(t) ?? 1;
    of += w;
    if (found.has(t) || hasEquivalent(t, found)) hit += w;
  }
  return of ? hit / of : 0;
}
