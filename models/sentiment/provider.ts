/**
 * Sentiment by the agent's AI provider (OpenAI, Anthropic, Lyzr): one small request per customer message,
 * asking for strict JSON `{"score": -1..1, "label": ...}`, validated by zod. A model reads sarcasm,
 * mixed moods and languages the English AFINN lexicon doesn't know ("Génial, encore en panne." is neutral
 * to the lexicon). It runs after the message is stored, from the `sentiment` listener, never on the chat
 * path: the lexicon's score is written with the message and stays whenever the provider can't answer
 * (no key, an error, a timeout, anything but the JSON asked for).
 *
 * @module
 */
import { z } from "zod";
import type { Agent } from "../agents/agent.ts";
import type { Deps } from "../ports/deps.ts";
import { providerFor } from "../providers/providers.ts";
import { labelOf, type SentimentValue } from "./sentiment.ts";

/** Longest wait for the provider's verdict: past it the lexicon's score stands. */
export const PROVIDER_SENTIMENT_TIMEOUT_MS = 8_000;
/** Longest message text sent: the mood is in the first lines, and the request stays small. */
const MAX_CHARS = 2_000;

/** The answer asked for: exactly these two fields. */
export const providerSentimentSchema = z.strictObject({
  score: z.number().min(-1).max(1),
  label: z.enum(["negative", "neutral", "positive"]),
});

/** The system prompt (also sent as part of the user turn: Lyzr agents keep their own prompt). */
export const SENTIMENT_SYSTEM =
  "You rate the sentiment of one customer support message. Reply with JSON only, exactly " +
  '{"score": <number from -1 (very negative) to 1 (very positive)>, "label": "negative" | "neutral" | "positive"}. ' +
  "Judge the customer's mood towards the company, in any language; sarcasm counts as what it means. No other text.";

function instruction(text: string): string {
  return `${SENTIMENT_SYSTEM}\n<message>\n${text.slice(0, MAX_CHARS)}\n</message>`;
}

/**
 * The provider's answer as a sentiment, or null when it is not the JSON asked for. A model may wrap the JSON in
 * a code fence: the one object in the reply is read. The label must agree with the score's sign (a "positive"
 * -0.8 is not an answer to trust); the label kept is the score's by our bands (`labelOf`), as for the lexicon,
 * so rules and analytics read both alike.
 */
export function parseProviderSentiment(reply: string): SentimentValue | null {
  const json = reply.match(/\{[\s\S]*\}/)?.[0];
  if (!json) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const r = providerSentimentSchema.safeParse(parsed);
  if (!r.success) return null;
  const { score, label } = r.data;
  if ((label === "negative" && score > 0) || (label === "positive" && score < 0)) return null;
  const rounded = Math.round(score * 1000) / 1000;
  return { score: rounded, label: labelOf(rounded) };
}

/**
 * The sentiment of `text` by the agent's provider, or null on any failure (logged as a warning, never
 * thrown: the caller keeps the lexicon's score).
 */
export async function providerSentiment(
  deps: Deps,
  agent: Agent,
  input: { text: string; conversationId: string; visitorId: string },
  signal?: AbortSignal,
): Promise<SentimentValue | null> {
  const timeout = AbortSignal.timeout(PROVIDER_SENTIMENT_TIMEOUT_MS);
  const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let reply = "";
  try {
    const provider = await providerFor(deps, agent.workspaceId, agent.provider);
    const prompt = instruction(input.text);
    for await (
      const piece of provider.stream({
        model: agent.model,
        temperature: 0,
        maxTokens: 40,
        system: SENTIMENT_SYSTEM,
        messages: [{ role: "user", content: prompt }],
        question: prompt,
        passages: [],
        // Its own session: the scoring must not enter the conversation's history on Lyzr's side.
        sessionId: `sentiment-${input.conversationId}`,
        userId: input.visitorId,
        remoteAgentId: agent.lyzrAgentId,
        signal: both,
      })
    ) {
      reply += piece;
      if (reply.length > 400) break; // not the small JSON asked for
    }
  } catch (err) {
    deps.log.warn("sentiment: provider failed, lexicon score kept", { agentId: agent.id, err: String(err) });
    return null;
  }
  const value = parseProviderSentiment(reply);
  if (!value) {
    deps.log.warn("sentiment: provider's answer was not the JSON asked for, lexicon score kept", {
      agentId: agent.id,
      reply: reply.slice(0, 200),
    });
  }
  return value;
}
