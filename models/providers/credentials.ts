/**
 * Provider credentials per workspace: entered by an admin in Settings, the API
 * key sealed with AES-GCM (bound to workspace + provider), only a hint ever
 * shown again.
 *
 * @module
 */
import type { ProviderId } from "../agents/agent_schemas.ts";

/** A stored credential. `apiKeySealed` never leaves the server. */
export interface StoredCredential {
  workspaceId: string;
  provider: Exclude<ProviderId, "local">;
  apiKeySealed: string;
  /** e.g. "sk-…a1b2": enough to recognise a key, not to use it. */
  keyHint: string;
  baseUrl?: string;
  defaultModel?: string;
  extra: Record<string, string>;
  updatedBy: string;
  updatedAt: Date;
}

/** A hint of a key: a prefix and the last 4 characters. */
export function keyHint(key: string): string {
  const k = key.trim();
  if (k.length <= 8) return "…" + k.slice(-2);
  const prefix = /^[a-z]{2,4}-/i.exec(k)?.[0] ?? "";
  return `${prefix}…${k.slice(-4)}`;
}
