/**
 * Small helpers for the provider adapter tests: a complete GenerateRequest
 * with sensible values, and a drain that records what a stream yielded
 * before it failed.
 *
 * @module
 */
import type { GenerateRequest } from "../../models/ports/ai_provider.ts";
import { ProviderError, type ProviderErrorKind } from "../../models/ports/ai_provider.ts";

/** The agent prompt the sample request starts its system prompt with. */
export const SAMPLE_AGENT_PROMPT = "You are the friendly support agent of Acme.";
/** The retrieved-knowledge part of the sample system prompt (after the agent prompt). */
export const SAMPLE_CONTEXT = "Answer from these sources, cite them as [S1].\n" +
  '<sources>\n[S1] Refund policy\n"Refunds are processed within 5 business days."\n</sources>';

/** A request as the answer pipeline would build it; override what a test cares about. */
export function sampleRequest(over: Partial<GenerateRequest> = {}): GenerateRequest {
  const question = over.question ?? "How long do refunds take?";
  return {
    model: "",
    temperature: 0.3,
    maxTokens: 321,
    system: `${SAMPLE_AGENT_PROMPT}\n\n${SAMPLE_CONTEXT}`,
    messages: [{ role: "assistant", content: "Hi! How can I help?" }, { role: "user", content: question }],
    question,
    passages: [{
      chunkId: "c1",
      sourceId: "s1",
      title: "Refund policy",
      text: "Refunds are processed within 5 business days.",
      score: 1,
    }],
    sessionId: "conv-1",
    userId: "visitor-1",
    ...over,
  };
}

/** What a stream gave before it ended or failed. */
export interface Drained {
  pieces: string[];
  error?: unknown;
  /** Whole time, from the call to the end or failure. */
  ms: number;
  /** Time from the last piece (or the call, with none) to the end or failure: how fast an abort lands. */
  tailMs: number;
}

/** Reads a stream to its end; `onPiece` may act mid-stream (abort, say). */
export async function drain(stream: AsyncIterable<string>, onPiece?: (piece: string) => void): Promise<Drained> {
  const started = performance.now();
  let last = started;
  const pieces: string[] = [];
  const result = (error?: unknown): Drained => {
    const now = performance.now();
    return { pieces, ms: now - started, tailMs: now - last, ...(error === undefined ? {} : { error }) };
  };
  try {
    for await (const piece of stream) {
      pieces.push(piece);
      last = performance.now();
      onPiece?.(piece);
    }
    return result();
  } catch (error) {
    return result(error);
  }
}

/** True when `err` is a ProviderError of that kind (for `assert.rejects` and plain checks). */
export function isKind(err: unknown, kind: ProviderErrorKind): err is ProviderError {
  return err instanceof ProviderError && err.kind === kind;
}

/** The kind of a ProviderError, else a description of what was thrown (readable in assertion diffs). */
export function kindOf(err: unknown): string {
  if (err instanceof ProviderError) return err.kind;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
