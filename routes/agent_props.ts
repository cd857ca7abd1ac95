/**
 * Server data -> island props for the agent pages: plain JSON, dates as ISO
 * strings, nothing the browser should not see (no workspace internals, no
 * Lyzr mirror id).
 *
 * @module
 */
import type { ProviderId } from "../models/agents/agent_schemas.ts";
import type { Agent } from "../models/agents/agent.ts";
import type { Deps } from "../models/ports/deps.ts";
import { listCredentials } from "../models/providers/providers.ts";
import type { User } from "../models/accounts/user.ts";
import type { AgentFieldsJson, ProviderJson } from "../islands/shared/agent_types.ts";
import { REMOTE_PROVIDERS } from "../models/providers/settings_schemas.ts";

/** The editable fields of an agent. */
export function agentFields(a: Agent): AgentFieldsJson {
  return {
    name: a.name,
    description: a.description,
    welcomeMessage: a.welcomeMessage,
    model: a.model,
    temperature: a.temperature,
    maxTokens: a.maxTokens,
    prompt: a.prompt,
    isActive: a.isActive,
    provider: a.provider,
    handoffThreshold: a.handoffThreshold,
    allowedDomains: [...a.allowedDomains],
    widgetConfig: { ...a.widgetConfig },
  };
}

/** Every remote provider with its settings as admins see them (never the key). */
export async function providerStates(deps: Deps, admin: User): Promise<ProviderJson[]> {
  const saved = await listCredentials(deps, admin);
  return REMOTE_PROVIDERS.map((provider) => {
    const c = saved.find((s) => s.provider === provider);
    if (!c) return { provider, configured: false, extra: {} };
    return {
      provider,
      configured: true,
      keyHint: c.keyHint,
      ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}),
      ...(c.defaultModel ? { defaultModel: c.defaultModel } : {}),
      extra: { ...c.extra },
      updatedAt: c.updatedAt.toISOString(),
    };
  });
}

/** Which remote providers have a key: for admins; null for members (they may not read settings). */
export async function configuredProviders(
  deps: Deps,
  user: User,
): Promise<Partial<Record<ProviderId, boolean>> | null> {
  if (user.role !== "admin") return null;
  const states = await providerStates(deps, user);
  return Object.fromEntries(states.map((s) => [s.provider, s.configured]));
}
