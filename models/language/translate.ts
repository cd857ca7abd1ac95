/**
 * Translation for staff: a customer's message into the teammate's language, or a draft reply into the
 * customer's, by the conversation's agent's AI provider (OpenAI, Anthropic, Lyzr). The built-in responder
 * can't translate (it only quotes), so an agent on it answers 409 `translation_unavailable`.
 *
 * @module
 */
import { AppError, ConflictError } from "../../lib/errors.ts";
import type { Conversation } from "../chat/conversation.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import { ProviderError } from "../ports/ai_provider.ts";
import { providerFor } from "../providers/providers.ts";
import { detectLanguage, languageName } from "./detect.ts";

/** A translation. */
export interface Translation {
  text: string;
  /** The source text's language when the detector is sure of it. */
  from?: string;
  to: string;
  /** The provider that translated it. */
  provider: string;
}

/** The instruction, which also travels as the user turn: Lyzr agents keep their own prompt and only read messages. */
function instruction(text: string, to: string): string {
  return `Translate the text between <text> and </text> into ${languageName(to)}. ` +
    `Reply with the translation only, keeping its tone, names, numbers and links; add nothing.\n<text>\n${text}\n</text>`;
}

/** Translates `text` into `to` (ISO 639-1) with the conversation's agent's provider. */
export async function translateForStaff(
  deps: Deps,
  user: User,
  conv: Conversation,
  input: { text: string; to: string },
): Promise<Translation> {
  const agent = await deps.store.agents.get(user.workspaceId, conv.agentId);
  if (!agent || agent.provider === "local") {
    throw new ConflictError(
      "Translation needs an AI provider: this agent answers with the built-in responder. Choose OpenAI, Anthropic or Lyzr for it.",
      "translation_unavailable",
    );
  }
  let provider;
  try {
    provider = await providerFor(deps, user.workspaceId, agent.provider);
  } catch (err) {
    if (err instanceof ProviderError) throw new ConflictError(err.message, "translation_unavailable");
    throw err;
  }
  const prompt = instruction(input.text, input.to);
  let out = "";
  try {
    for await (
      const piece of provider.stream({
        model: agent.model,
        temperature: 0,
        maxTokens: Math.min(4000, Math.max(256, Math.ceil(input.text.length / 2))),
        system: "You are a translator for a customer support team. Translate faithfully; never answer the text.",
        messages: [{ role: "user", content: prompt }],
        question: prompt,
        passages: [],
        // Its own session: translations must not enter the conversation's history on Lyzr's side.
        sessionId: `translate-${conv.id}`,
        userId: user.id,
        remoteAgentId: agent.lyzrAgentId,
      })
    ) out += piece;
  } catch (err) {
    deps.log.warn("translation failed", { conversationId: conv.id, err: String(err) });
    throw new AppError(503, "provider_failed", "The AI provider could not translate this now. Try again in a moment.");
  }
  const from = detectLanguage(input.text);
  return { text: out.trim(), ...(from ? { from } : {}), to: input.to, provider: agent.provider };
}
