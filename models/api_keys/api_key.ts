/**
 * ApiKey: a workspace's credential for integrators (`Authorization: Bearer fd_live_…`). Only the key's
 * SHA-256 is stored; the key itself is shown once, when it is created.
 *
 * SHA-256 rather than bcrypt: a key is 32 random bytes (256 bits), so no guessing attack exists for a slow
 * hash to slow down (bcrypt is for passwords, which people choose); and every API request is authenticated,
 * where bcrypt's ~100 ms per check would be the request's whole budget. A fast hash also lets the key be
 * looked up by its hash (a unique index) instead of compared against every key.
 *
 * @module
 */

/** What a key may do: `read` is GET/HEAD only; `write` may also change things. */
export type ApiKeyScope = "read" | "write";

/** Every key starts with this, so a bearer token is told apart from a session JWT or a visitor token. */
export const API_KEY_PREFIX = "fd_live_";

/** A stored key (hash only). */
export interface ApiKey {
  id: string;
  workspaceId: string;
  name: string;
  scope: ApiKeyScope;
  /** Whether the key may read and write staff-only data (internal notes); see `seesInternalNotes`. */
  internal: boolean;
  /** The key's first characters (`fd_live_` and 4 more), to tell keys apart in lists; not a secret. */
  prefix: string;
  /** Hex SHA-256 of the whole key. */
  keyHash: string;
  /** The admin who created it; the key acts on their behalf (their role, their name on what it writes). */
  createdBy: string;
  createdAt: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
}

/** What clients see of a key: never its hash. */
export type PublicApiKey = Omit<ApiKey, "keyHash" | "revokedAt">;

/** Strips the hash. */
export function publicApiKey(k: ApiKey): PublicApiKey {
  const { keyHash: _h, revokedAt: _r, ...rest } = k;
  return rest;
}

/** True when `token` looks like an API key (not a session JWT or a visitor token). */
export function isApiKeyToken(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** True when a key of `scope` may make a request with `method`. */
export function scopeAllows(scope: ApiKeyScope, method: string): boolean {
  return scope === "write" || method === "GET" || method === "HEAD";
}
