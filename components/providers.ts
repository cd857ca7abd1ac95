/**
 * How the dashboard names and describes the AI providers an agent can answer
 * with. Plain data, shared by pages and islands.
 *
 * @module
 */
import type { ProviderId } from "../models/agents/agent_schemas.ts";
import type { BadgeTone } from "./Badge.tsx";

/** Presentation of one provider. */
export interface ProviderInfo {
  /** Short name for badges and selects. */
  label: string;
  /** One line on what it is. */
  description: string;
  tone: BadgeTone;
  /** Example model names for the model field's placeholder. */
  modelPlaceholder: string;
  /** Needs an API key in Settings. */
  needsKey: boolean;
}

/** Every provider, in the order the dashboard lists them. */
export const PROVIDER_INFO: Record<ProviderId, ProviderInfo> = {
  local: {
    label: "Built-in",
    description: "Frontdesk's offline responder: answers straight from your knowledge, no API key needed.",
    tone: "slate",
    modelPlaceholder: "Not used by the built-in responder",
    needsKey: false,
  },
  lyzr: {
    label: "Lyzr",
    description: "Lyzr Agent Studio: the agent is mirrored to Lyzr and answers through its agent API.",
    tone: "violet",
    modelPlaceholder: "e.g. gpt-4o-mini",
    needsKey: true,
  },
  openai: {
    label: "OpenAI",
    description:
      "OpenAI or any OpenAI-compatible API (Azure OpenAI, Groq, Together, OpenRouter, Ollama, vLLM, LM Studio).",
    tone: "emerald",
    modelPlaceholder: "e.g. gpt-4o-mini",
    needsKey: true,
  },
  anthropic: {
    label: "Anthropic",
    description: "Anthropic's Claude models through the Messages API.",
    tone: "amber",
    modelPlaceholder: "e.g. claude-sonnet-4-5",
    needsKey: true,
  },
};

/** Provider ids in display order. */
export const PROVIDER_ORDER: ProviderId[] = ["local", "lyzr", "openai", "anthropic"];
