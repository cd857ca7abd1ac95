/**
 * API key use cases: admins create (the key shown once), list and revoke keys; every request carrying a
 * key is authenticated here. A key acts for the admin who created it (their workspace and role), with its
 * own id as the actor of what it changes; a key whose creator has left the workspace stops working.
 *
 * @module
 */
import { UnauthorizedError } from "../../lib/errors.ts";
import { randomToken, sha256Hex } from "../../lib/crypto.ts";
import { newId } from "../../lib/ids.ts";
import { requireAdmin } from "../accounts/auth.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import { apiKeyTopic } from "../ports/live_bus.ts";
import { API_KEY_PREFIX, type ApiKey } from "./api_key.ts";
import type { ApiKeyCreate } from "./api_key_schemas.ts";

/** `lastUsedAt` is written at most this often per key: a busy key costs one write a minute, not one a request. */
export const LAST_USED_EVERY_MS = 60_000;

/** A request's principal when it carried a valid key: the key, and the creator acting through it. */
export interface ApiPrincipal {
  key: ApiKey;
  /** The key's creator, with `apiKeyId` set (what use cases receive). */
  user: User;
}

/** Creates a key; returns it with the key itself, which is never stored nor shown again. */
export async function createApiKey(
  deps: Deps,
  admin: User,
  input: ApiKeyCreate,
): Promise<{ apiKey: ApiKey; key: string }> {
  requireAdmin(admin);
  const key = API_KEY_PREFIX + randomToken(32);
  const now = deps.clock.now();
  const apiKey: ApiKey = {
    id: newId(now),
    workspaceId: admin.workspaceId,
    name: input.name,
    scope: input.scope,
    internal: input.internal,
    prefix: key.slice(0, API_KEY_PREFIX.length + 4),
    keyHash: await sha256Hex(key),
    createdBy: admin.id,
    createdAt: now,
  };
  await deps.store.apiKeys.insert(apiKey);
  return { apiKey, key };
}

/** The workspace's live keys, newest first. */
export function listApiKeys(deps: Deps, admin: User): Promise<ApiKey[]> {
  requireAdmin(admin);
  return deps.store.apiKeys.list(admin.workspaceId);
}

/** Revokes a key at once: its next request answers 401 and its open event streams close. */
export async function revokeApiKey(deps: Deps, admin: User, id: string): Promise<boolean> {
  requireAdmin(admin);
  const revoked = await deps.store.apiKeys.revoke(admin.workspaceId, id, deps.clock.now());
  if (revoked) deps.bus.publish(apiKeyTopic(id), { type: "api_key.revoked", keyId: id });
  return revoked;
}

const invalid = () => new UnauthorizedError("This API key is not valid, or was revoked.", "invalid_api_key");

/**
 * The principal of a request carrying `token`, or 401 `invalid_api_key`. One indexed lookup by hash and
 * one by id, uncached, so a revocation or a creator's removal applies to the very next request.
 */
export async function authenticateApiKey(deps: Deps, token: string): Promise<ApiPrincipal> {
  if (!token.startsWith(API_KEY_PREFIX)) throw invalid();
  const key = await deps.store.apiKeys.findByHash(await sha256Hex(token));
  if (!key || key.revokedAt) throw invalid();
  const creator = await deps.store.users.get(key.workspaceId, key.createdBy);
  if (!creator) throw invalid();
  const now = deps.clock.now();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    await deps.store.apiKeys.touch(key.id, now, LAST_USED_EVERY_MS);
  }
  return { key, user: { ...creator, apiKeyId: key.id, apiKeyInternal: key.internal } };
}

/** Whether `keyId` is still a live key of `workspaceId` (the event stream re-checks it). */
export async function isLive(deps: Deps, keyHash: string): Promise<boolean> {
  const key = await deps.store.apiKeys.findByHash(keyHash);
  return Boolean(key && !key.revokedAt && await deps.store.users.get(key.workspaceId, key.createdBy));
}
