/**
 * The built-in offline responder (provider id `local`), the default of a
 * fresh install: no model, no network. It answers extractively, quoting the
 * best sentences of the retrieved passages, says honestly when they hold
 * nothing on the question, and offers a person then.
 *
 * @module
 */
import type { AiProvider, GenerateRequest, Passage } from "../models/ports/ai_provider.ts";
import { smallTalk, termSet } from "../models/knowledge/text.ts";
import { composeAnswer } from "./local_answer.ts";
import { headCoverage, localConfidence, sentenceAlignment } from "./local_confidence.ts";
import { answerText } from "../models/language/answer_texts.ts";

export { localConfidence };

/** What the responder says when the knowledge base has nothing on the question (in English; see answer_texts.ts). */
export const NO_ANSWER = answerText("en", "noAnswer");

/** What it says to a message with no topic in it ("ok", "?"). */
export const CLARIFY = answerText("en", "clarify");

/**
 * Below this confidence the passages are not quoted at all: sharing one
 * common word with the question is a coincidence, not an answer.
 */
const MIN_LOCAL_CONFIDENCE = 0.2;

/** Characters per token, roughly, to honour the agent's `maxTokens`. */
const CHARS_PER_TOKEN = 4;

/** The whole answer the local responder gives (what `stream` spells out word by word). */
export function localAnswer(question: string, passages: Passage[], maxTokens = 800, language?: string): string {
  const talk = smallTalk(question);
  if (talk) return answerText(language, talk);
  if (termSet(question).size === 0) return answerText(language, "clarify");
  const none = answerText(language, "noAnswer");
  if (localConfidence(question, passages) < MIN_LOCAL_CONFIDENCE) return none;
  // `||`: an empty composition must never reach the visitor as a blank reply.
  return composeAnswer(question, passages, Math.min(900, maxTokens * CHARS_PER_TOKEN)) || none;
}

/** Options of the local responder. */
export interface LocalOptions {
  /**
   * Pause between streamed words, for a typing effect in the widget. Default
   * 0: chunks still arrive one by one, as fast as the consumer reads them.
   */
  chunkDelayMs?: number;
}

/** The built-in offline responder. */
export function localProvider(opts: LocalOptions = {}): AiProvider {
  const delay = Math.min(Math.max(opts.chunkDelayMs ?? 0, 0), 50);
  return {
    id: "local",
    async *stream(req: GenerateRequest): AsyncIterable<string> {
      req.signal?.throwIfAborted();
      const question = req.searched || req.question || req.messages.findLast((m) => m.role === "user")?.content || "";
      const answer = localAnswer(question, req.passages, req.maxTokens, req.language);
      // Word by word, each chunk with the space before it, so the chunks join to exactly the answer.
      for (const chunk of answer.match(/\s*\S+/g) ?? []) {
        req.signal?.throwIfAborted();
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        yield chunk;
      }
    },
    testConnection: () => Promise.resolve({ detail: "built-in offline responder" }),
  };
}

/** The built-in responder as the registry hands it out: {@link localProvider} with its own confidence. */
export function builtInResponder(): AiProvider {
  return {
    ...localProvider(),
    confidence: (q, passages, _answer, weights) => localConfidence(q, passages, weights),
    about: (q, page, weights) => headCoverage(q, page, weights),
    aligned: (q, page, weights) => sentenceAlignment(q, page, weights),
  };
}
