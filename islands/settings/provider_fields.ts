/**
 * What each AI provider's settings form asks for beyond the key: the base
 * URL's meaning and the provider-specific extra settings (stored in
 * `extra`, e.g. Lyzr's provider and credential ids).
 *
 * @module
 */
import type { ProviderJson } from "../shared/agent_types.ts";

/** One extra setting. */
export interface ExtraField {
  key: string;
  label: string;
  placeholder: string;
  hint: string;
}

/** The form of one provider. */
export interface ProviderForm {
  keyPlaceholder: string;
  keyHint: string;
  baseUrlPlaceholder: string;
  baseUrlHint: string;
  modelPlaceholder: string;
  extras: ExtraField[];
}

/** Forms by provider. */
export const PROVIDER_FORMS: Record<ProviderJson["provider"], ProviderForm> = {
  lyzr: {
    keyPlaceholder: "sk-default-…",
    keyHint: "Your Lyzr Agent Studio API key.",
    baseUrlPlaceholder: "https://agent-prod.studio.lyzr.ai",
    baseUrlHint: "Leave empty for Lyzr's hosted agent API.",
    modelPlaceholder: "gpt-4o-mini",
    extras: [
      {
        key: "providerId",
        label: "LLM provider on Lyzr",
        placeholder: "OpenAI",
        hint: "Lyzr's provider_id, e.g. OpenAI or Anthropic. Empty means OpenAI.",
      },
      {
        key: "credentialId",
        label: "Lyzr credential id",
        placeholder: "lyzr_openai",
        hint: "The llm_credential_id Lyzr should use. Empty means lyzr_openai.",
      },
    ],
  },
  openai: {
    keyPlaceholder: "sk-…",
    keyHint: "Your OpenAI key, or the key of the compatible service below.",
    baseUrlPlaceholder: "https://api.openai.com/v1",
    baseUrlHint: "Leave empty for OpenAI. For Azure OpenAI, Groq, Together, OpenRouter, Ollama, vLLM or LM Studio, " +
      "enter their OpenAI-compatible address, e.g. https://api.groq.com/openai/v1.",
    modelPlaceholder: "gpt-4o-mini",
    extras: [
      {
        key: "apiVersion",
        label: "Azure API version",
        placeholder: "2024-10-21",
        hint: "Azure OpenAI only.",
      },
      {
        key: "embeddingModel",
        label: "Embedding model",
        placeholder: "text-embedding-3-small",
        hint: "Used to index knowledge. Empty means text-embedding-3-small.",
      },
    ],
  },
  anthropic: {
    keyPlaceholder: "sk-ant-…",
    keyHint: "From the Anthropic Console, under API keys.",
    baseUrlPlaceholder: "https://api.anthropic.com",
    baseUrlHint: "Leave empty for Anthropic; set it only to go through a proxy.",
    modelPlaceholder: "claude-sonnet-4-5",
    extras: [],
  },
};

/** The `extra` to save: the stored one with this form's fields replaced (empty removes). */
export function mergeExtras(
  stored: Record<string, string>,
  fields: ExtraField[],
  values: Record<string, string>,
): Record<string, string> {
  const out = { ...stored };
  for (const f of fields) {
    const v = (values[f.key] ?? "").trim();
    if (v) out[f.key] = v;
    else delete out[f.key];
  }
  return out;
}
