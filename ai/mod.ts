/**
 * The provider registry `main.ts` hands the app: builds the adapter an agent's
 * provider names, with the workspace's settings, sending every HTTP request
 * through the given fetch (SSRF-checked in production).
 *
 * @module
 */
import type { AgentMirror, AiProvider, ProviderRegistry } from "../models/ports/ai_provider.ts";
import { anthropicProvider } from "./anthropic.ts";
import { builtInResponder } from "./local.ts";
import { lyzrProvider } from "./lyzr.ts";
import { openaiProvider } from "./openai.ts";
import type { AdapterOptions } from "./options.ts";

/** A registry of the four providers. */
export function createProviderRegistry(options: AdapterOptions = {}): ProviderRegistry {
  const local: AiProvider = builtInResponder();
  return {
    create(id, settings): AiProvider & Partial<AgentMirror> {
      if (id === "local") return local;
      if (!settings) throw new Error(`provider ${id} needs settings`);
      switch (id) {
        case "openai":
          return openaiProvider(settings, options);
        case "anthropic":
          return anthropicProvider(settings, options);
        case "lyzr":
          return lyzrProvider(settings, options);
      }
    },
  };
}
