/**
 * Provider credentials and provider resolution: admins save a key per
 * workspace (sealed at rest, only a hint shown again), test it, and agents
 * get the provider their settings name. Lyzr agents are mirrored remotely.
 *
 * @module
 */
import type { z } from "zod";
import { AppError, NotFoundError, ValidationError } from "../../lib/errors.ts";
import { assertPublicUrl } from "../../lib/safe_fetch.ts";
import type { Agent } from "../agents/agent.ts";
import type { ProviderId } from "../agents/agent_schemas.ts";
import { type AgentMirror, type AiProvider, ProviderError, type ProviderSettings } from "../ports/ai_provider.ts";
import { requireAdmin } from "../accounts/auth.ts";
import { keyHint, type StoredCredential } from "./credentials.ts";
import { mirroredKnowledgeBase } from "./lyzr_knowledge.ts";
import type { Deps } from "../ports/deps.ts";
import type { credentialSchema, credentialTestSchema, REMOTE_PROVIDERS } from "./settings_schemas.ts";
import type { User } from "../accounts/user.ts";

type Remote = typeof REMOTE_PROVIDERS[number];

/** A credential as admins see it: never the key. */
export interface PublicCredential {
  provider: Remote;
  keyHint: string;
  baseUrl?: string;
  defaultModel?: string;
  extra: Record<string, string>;
  updatedAt: Date;
}

const ad = (workspaceId: string, provider: string) => `${workspaceId}:${provider}`;

/** Strips the sealed key. */
function publicCredential(c: StoredCredential): PublicCredential {
  return {
    provider: c.provider,
    keyHint: c.keyHint,
    baseUrl: c.baseUrl,
    defaultModel: c.defaultModel,
    extra: c.extra,
    updatedAt: c.updatedAt,
  };
}

async function settingsOf(deps: Deps, c: StoredCredential): Promise<ProviderSettings> {
  return {
    provider: c.provider,
    apiKey: await deps.secrets.open(c.apiKeySealed, ad(c.workspaceId, c.provider)),
    baseUrl: c.baseUrl,
    defaultModel: c.defaultModel,
    extra: c.extra,
  };
}

/** Whether an agent is on a model provider (OpenAI, Anthropic, Lyzr) with its credentials set up. */
export async function hasModelProvider(deps: Deps, agent: Agent): Promise<boolean> {
  if (agent.provider === "local") return false;
  return !!await deps.store.credentials.get(agent.workspaceId, agent.provider);
}

/** The provider an agent answers with; throws ProviderError(auth) when its key is not set up. */
export async function providerFor(
  deps: Deps,
  workspaceId: string,
  id: ProviderId,
): Promise<AiProvider & Partial<AgentMirror>> {
  if (id === "local") return deps.ai.create("local", null);
  const cred = await deps.store.credentials.get(workspaceId, id);
  if (!cred) {
    throw new ProviderError("auth", `No ${id} API key is set up for this workspace (Settings → AI providers).`);
  }
  return deps.ai.create(id, await settingsOf(deps, cred));
}

/** Credentials of the admin's workspace. */
export async function listCredentials(deps: Deps, admin: User): Promise<PublicCredential[]> {
  requireAdmin(admin);
  return (await deps.store.credentials.list(admin.workspaceId)).map(publicCredential);
}

async function checkBaseUrl(deps: Deps, baseUrl: string | undefined) {
  if (baseUrl) await assertPublicUrl(baseUrl, { allowLoopback: deps.config.fetchAllowLoopback });
}

/** Saves (creates or replaces) a provider's settings; the key is required the first time. */
export async function saveCredential(
  deps: Deps,
  admin: User,
  provider: Remote,
  input: z.infer<typeof credentialSchema>,
): Promise<PublicCredential> {
  requireAdmin(admin);
  const existing = await deps.store.credentials.get(admin.workspaceId, provider);
  if (!input.apiKey && !existing) {
    throw new ValidationError("Enter the API key.", { fields: { apiKey: "Enter the API key." } });
  }
  const baseUrl = input.baseUrl === "" ? undefined : input.baseUrl ?? existing?.baseUrl;
  await checkBaseUrl(deps, baseUrl);
  const cred: StoredCredential = {
    workspaceId: admin.workspaceId,
    provider,
    apiKeySealed: input.apiKey
      ? await deps.secrets.seal(input.apiKey, ad(admin.workspaceId, provider))
      : existing!.apiKeySealed,
    keyHint: input.apiKey ? keyHint(input.apiKey) : existing!.keyHint,
    baseUrl,
    defaultModel: input.defaultModel ?? existing?.defaultModel,
    extra: input.extra ?? existing?.extra ?? {},
    updatedBy: admin.id,
    updatedAt: deps.clock.now(),
  };
  await deps.store.credentials.upsert(cred);
  return publicCredential(cred);
}

/** Removes a provider's settings. */
export async function deleteCredential(deps: Deps, admin: User, provider: Remote): Promise<void> {
  requireAdmin(admin);
  if (!(await deps.store.credentials.remove(admin.workspaceId, provider))) throw new NotFoundError("Provider settings");
}

/** Tests stored settings, or unsaved ones merged over them, with a cheap call (10 s limit). */
export async function testCredential(
  deps: Deps,
  admin: User,
  provider: Remote,
  input: z.infer<typeof credentialTestSchema>,
): Promise<{ ok: boolean; detail: string }> {
  requireAdmin(admin);
  const existing = await deps.store.credentials.get(admin.workspaceId, provider);
  const stored = existing ? await settingsOf(deps, existing) : undefined;
  const apiKey = input.apiKey ?? stored?.apiKey;
  if (!apiKey) throw new ValidationError("Enter the API key to test.", { fields: { apiKey: "Enter the API key." } });
  const baseUrl = input.baseUrl === "" ? undefined : input.baseUrl ?? stored?.baseUrl;
  await checkBaseUrl(deps, baseUrl);
  const settings: ProviderSettings = {
    provider,
    apiKey,
    baseUrl,
    defaultModel: input.defaultModel ?? stored?.defaultModel,
    extra: input.extra ?? stored?.extra,
  };
  try {
    const result = await deps.ai.create(provider, settings).testConnection(AbortSignal.timeout(10_000));
    return { ok: true, detail: result.detail };
  } catch (err) {
    if (err instanceof ProviderError) return { ok: false, detail: describeProviderError(err) };
    if (err instanceof AppError) throw err;
    return { ok: false, detail: "The provider could not be reached." };
  }
}

/** A sentence for people about a provider failure. */
function describeProviderError(err: ProviderError): string {
  switch (err.kind) {
    case "auth":
      return "The provider refused the API key (check it in Settings → AI providers).";
    case "rate_limited":
      return "The provider is rate limiting this key right now.";
    case "timeout":
      return "The provider did not answer in time.";
    case "network":
      return "The provider could not be reached.";
    default:
      return `The provider failed (${err.kind}${err.status ? ` ${err.status}` : ""}).`;
  }
}

/**
 * Keeps the remote copy of a Lyzr agent in step. A failure is logged, not
 * thrown: the agent still works locally and the mirror is retried on the
 * next change or answer.
 */
export async function syncMirror(deps: Deps, agent: Agent, opts: { deleted?: boolean } = {}): Promise<Agent> {
  if (agent.provider !== "lyzr" && !(opts.deleted && agent.lyzrAgentId)) return agent;
  try {
    const provider = await providerFor(deps, agent.workspaceId, "lyzr");
    if (!provider.createAgent || !provider.updateAgent || !provider.deleteAgent) return agent;
    const spec = {
      name: agent.name,
      description: agent.description,
      prompt: agent.prompt,
      model: agent.model,
      temperature: agent.temperature,
      maxTokens: agent.maxTokens,
      knowledgeBase: opts.deleted ? undefined : await mirroredKnowledgeBase(deps, agent),
    };
    if (opts.deleted) {
      if (agent.lyzrAgentId) await provider.deleteAgent(agent.lyzrAgentId);
      return agent;
    }
    if (agent.lyzrAgentId) {
      await provider.updateAgent(agent.lyzrAgentId, spec);
      return agent;
    }
    const lyzrAgentId = await provider.createAgent(spec);
    return await deps.store.agents.update(agent.workspaceId, agent.id, { lyzrAgentId, updatedAt: agent.updatedAt }) ??
      agent;
  } catch (err) {
    deps.log.warn("lyzr mirror sync failed", { agentId: agent.id, err: String(err) });
    return agent;
  }
}
