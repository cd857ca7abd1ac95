/**
 * The answering pipeline, shared by the dashboard playground and the widget:
 * retrieve -> build the prompt (agent prompt, then passages as quoted,
 * untrusted data) -> stream the provider's answer with bounded retries ->
 * attach citations and a confidence score -> decide whether to hand off.
 *
 * @module
 */
import type { Agent } from "../agents/agent.ts";
import { type AiProvider, type ChatTurn, type Passage, ProviderError } from "../ports/ai_provider.ts";
import { renderSafeHtml } from "./answer_safety.ts";
import type { Deps } from "../ports/deps.ts";
import { buildSystemPrompt, citationsFromAnswer, pageKey, stripCitationMarkers } from "./prompt.ts";
import { providerFor } from "../providers/providers.ts";
import { confidenceWithMeaning, retrievalMargin } from "../knowledge/meaning.ts";
import { coverage, retrieveWithEvidence } from "../knowledge/retrieval.ts";
import { lyzrPassages } from "../providers/lyzr_knowledge.ts";
import { smallTalk } from "../knowledge/text.ts";
import { answerText } from "../language/answer_texts.ts";
import { preferLanguage } from "../language/passages.ts";

/** Why a conversation should go to a person. */
export type HandoffReason = "asked_for_human" | "low_confidence" | "provider_failed";

/** A source an answer used. */
export interface Citation {
  sourceId: string;
  title: string;
  url?: string;
}

/** The finished answer. */
export interface AnswerResult {
  /** The answer as plain/markdown text, citation markers removed. */
  text: string;
  /** The answer rendered to safe HTML (links and images only to allowed hosts). */
  html: string;
  citations: Citation[];
  confidence: number;
  handoff: HandoffReason | null;
  provider: Agent["provider"];
}

/** What the pipeline emits while it works. */
export type AnswerEvent =
  | { type: "token"; text: string }
  /** A retry restarted the answer: drop the partial text shown so far. */
  | { type: "reset" }
  | { type: "done"; result: AnswerResult };

/** One question to answer. */
export interface AnswerInput {
  agent: Agent;
  question: string;
  /** Earlier turns, oldest first (without the question). */
  history?: ChatTurn[];
  sessionId: string;
  userId: string;
  signal?: AbortSignal;
  /** Attempts per answer (default 3). */
  maxAttempts?: number;
  /**
   * When the question was asked (epoch ms): an answering thread's wait bound counts from here, so an answer
   * that already waited in the event log behind a backlog is not composed late either.
   */
  askedAt?: number;
  /**
   * The customer's language (ISO 639-1, the conversation's): providers are told to answer in it, the
   * built-in responder answers from knowledge in it when there is some, and the fixed phrases are in it.
   */
  language?: string;
}

// English, and the same asks in the other languages the system writes ("parler à quelqu'un",
// "mit einem Menschen sprechen", "hablar con una persona").
const HUMAN_REQUEST_OTHER =
  /\b(parler|discuter)\b[^.?!]{0,30}\b(humain|personne|quelqu'un|conseill[eè]re?|agent)\b|\b(mit)\b[^.?!]{0,30}\b(menschen|person|mitarbeiter(in)?|jemandem)\b[^.?!]{0,20}\b(sprechen|reden|chatten)\b|\b(hablar|comunicarme)\b[^.?!]{0,30}\b(humano|persona|alguien|agente)\b/iu;

const HUMAN_REQUEST =
  /\b(talk|speak|chat|connect|transfer|put)\b[^.?!]{0,30}\b(human|person|people|someone|somebody|agent|representative|operator|staff|support team|real)\b|\b(human|live) (agent|support|person|being)\b|^\s*(human|agent|representative|operator)\s*[.!?]*\s*$/i;

/** True when the visitor plainly asks for a person. */
function asksForHuman(message: string): boolean {
  return HUMAN_REQUEST.test(message) || HUMAN_REQUEST_OTHER.test(message);
}

const UNSURE =
  /\b(i (don'?t|do not) know|i('m| am) not sure|couldn'?t find|could not find|no information|not (covered|mentioned))\b/i;

const plain = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/**
 * True when the answer hedges ("I couldn't find...", "not covered"): a sentence saying so that is not quoted
 * word for word from the passages. Help content may itself say "accidental damage is not covered"; quoting it
 * (the built-in responder quotes) is an answer, not a doubt.
 */
export function saysUnsure(answer: string, passages: Passage[]): boolean {
  const quoted = passages.map((p) => ` ${plain(p.text)} `);
  return answer.split(/(?<=[.!?])\s+|\n+/).some((s) =>
    UNSURE.test(s) && !quoted.some((q) => q.includes(` ${plain(s)} `))
  );
}

/**
 * Confidence when the provider offers none: coverage of the question by the passages (each word weighted
 * by what it says about the question, when `weights` are given), lowered by hedging.
 */
function estimateConfidence(
  question: string,
  passages: Passage[],
  answer: string,
  cited: number,
  weights?: ReadonlyMap<string, number>,
): number {
  let c = coverage(question, passages, weights) * 0.75 + (cited > 0 ? 0.25 : 0);
  if (saysUnsure(answer, passages)) c = Math.min(c, 0.2);
  return Math.round(c * 100) / 100;
}

/** Hosts an answer may link to: the agent's allowed domains and its knowledge sources' hosts. */
function allowedHosts(agent: Agent, passages: Passage[]): string[] {
  const hosts = new Set(agent.allowedDomains);
  for (const p of passages) {
    if (p.url) {
      try {
        hosts.add(new URL(p.url).hostname);
      } catch { /* not a URL: nothing to allow */ }
    }
  }
  return [...hosts];
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

function finish(
  agent: Agent,
  text: string,
  passages: Passage[],
  rest: Omit<AnswerResult, "text" | "html" | "provider">,
) {
  const clean = stripCitationMarkers(text).trim();
  return {
    type: "done" as const,
    result: {
      ...rest,
      text: clean,
      html: renderSafeHtml(clean, { domains: allowedHosts(agent, passages) }),
      provider: agent.provider,
    },
  };
}

/** Answers one question, streaming. Never throws for provider trouble: it hands off instead. */
export async function* answer(deps: Deps, input: AnswerInput): AsyncGenerator<AnswerEvent> {
  const { agent, question } = input;
  if (asksForHuman(question)) {
    const text = answerText(input.language, "askedForHuman");
    yield { type: "token", text };
    yield finish(agent, text, [], { citations: [], confidence: 1, handoff: "asked_for_human" });
    return;
  }
  let provider: AiProvider | null = null;
  try {
    provider = await providerFor(deps, agent.workspaceId, agent.provider);
  } catch (err) {
    deps.log.warn("provider unavailable", { agentId: agent.id, err: String(err) });
  }
  // An agent whose knowledge is kept in Lyzr is answered from Lyzr's retrieval (Frontdesk's when that fails).
  const remote = await lyzrPassages(deps, agent, question, input.signal);
  const found = remote
    ? { passages: remote, searched: question, weights: undefined }
    : await retrieveWithEvidence(deps, agent, question, { provider: provider ?? undefined, signal: input.signal });
  const { searched, weights } = found;
  // Knowledge in the customer's language first; the built-in responder, which quotes, keeps only that when
  // there is some (a model translates what it reads; quoting can't).
  const passages = preferLanguage(found.passages, input.language, { only: agent.provider === "local" });
  const maxAttempts = input.maxAttempts ?? 3;
  let text = "";
  let failure: unknown = provider ? null : new ProviderError("auth", "provider not configured");
  for (let attempt = 1; provider && attempt <= maxAttempts; attempt++) {
    if (text) yield { type: "reset" };
    text = "";
    failure = null;
    try {
      const stream = provider.stream({
        model: agent.model,
        temperature: agent.temperature,
        maxTokens: agent.maxTokens,
        system: buildSystemPrompt(agent.prompt, passages, { language: input.language }),
        messages: [...(input.history ?? []), { role: "user", content: question }],
        question,
        searched,
        passages,
        sessionId: input.sessionId,
        userId: input.userId,
        remoteAgentId: agent.lyzrAgentId,
        ...(input.language ? { language: input.language } : {}),
        signal: input.signal,
      });
      for await (const piece of stream) {
        text += piece;
        yield { type: "token", text: piece };
      }
      break;
    } catch (err) {
      failure = err;
      const retryable = err instanceof ProviderError && err.retryable && !input.signal?.aborted;
      deps.log.warn("provider attempt failed", { agentId: agent.id, attempt, err: String(err) });
      if (!retryable || attempt === maxAttempts) break;
      const wait = err.retryAfterMs ?? 400 * 2 ** (attempt - 1);
      await sleep(Math.min(wait, 8000), input.signal);
    }
  }
  if (failure || !provider) {
    if (text) yield { type: "reset" };
    const apology = answerText(input.language, "providerFailed");
    yield { type: "token", text: apology };
    yield finish(agent, apology, [], { citations: [], confidence: 0, handoff: "provider_failed" });
    return;
  }
  const cited = citationsFromAnswer(text, passages);
  // "Hi" or "thanks" is answered politely; nothing to be unsure about, nothing to hand off.
  const chat = smallTalk(question) !== null;
  // An answer that says it found nothing is no confident answer, whatever the provider's score: it offers a
  // person, so it hands off (the built-in responder judges with unweighted words and can say so at 0.47).
  const judged = chat ? 1 : provider.confidence?.(searched, passages, text, weights) ??
    estimateConfidence(searched, passages, text, cited.length, weights);
  // The built-in responder's word coverage, told what the sentence model makes of the question when the
  // agent's knowledge has its vectors (`models/knowledge/meaning.ts`).
  const meaning = !chat && agent.provider === "local" && "meaning" in found ? found.meaning : undefined;
  const page = passages.filter((p) => cited.some((c) => pageKey(c) === pageKey(p)));
  const scored = meaning === undefined ? judged : confidenceWithMeaning(
    judged,
    meaning,
    retrievalMargin(passages, cited),
    provider.about?.(searched, page, weights) ?? 0,
    provider.aligned?.(searched, page, weights) ?? 0,
  );
  const confidence = !chat && saysUnsure(text, passages) ? Math.min(scored, 0.2) : scored;
  const citations = cited.map((p) => ({ sourceId: p.sourceId, title: p.title, ...(p.url ? { url: p.url } : {}) }));
  yield finish(agent, text, passages, {
    citations: confidence < agent.handoffThreshold && !passages.length ? [] : citations,
    confidence,
    handoff: confidence < agent.handoffThreshold ? "low_confidence" : null,
  });
}

/** What a visitor is told when every answering thread is busy for too long: honest, and a person follows up. */
export const BUSY_TEXT = answerText("en", "busy");

/** The whole answer when the responder is overloaded: {@link BUSY_TEXT} (in the customer's language), handed to the team. */
export function busyAnswer(agent: Agent, language?: string): AnswerEvent[] {
  const text = answerText(language, "busy");
  return [
    { type: "token", text },
    finish(agent, text, [], { citations: [], confidence: 0, handoff: "provider_failed" }),
  ];
}

/**
 * {@link answer}, off the event loop when the deps have an `AnswerRunner` (`deps.answers`) that takes this agent's
 * provider (the built-in responder's work is CPU: retrieval and composition, ~6 ms a question), here otherwise
 * (a remote provider's answer is mostly waiting on the network).
 */
export function answerQuestion(deps: Deps, input: AnswerInput): AsyncGenerator<AnswerEvent> {
  return deps.answers?.run(input) ?? answer(deps, input);
}
