/**
 * The Store port, API keys: a workspace's integrator credentials, found by their hash.
 *
 * @module
 */
import type { ApiKey } from "../api_keys/api_key.ts";

/** API keys, always within one workspace except the lookup by hash (authentication). */
export interface ApiKeyRepo {
  insert(key: ApiKey): Promise<void>;
  /** The workspace's keys not revoked, newest first. */
  list(workspaceId: string): Promise<ApiKey[]>;
  /** The key with this hash, revoked or not (the caller decides); across workspaces: authentication only. */
  findByHash(keyHash: string): Promise<ApiKey | null>;
  /** Revokes a key of the workspace; false when absent or already revoked. */
  revoke(workspaceId: string, id: string, at: Date): Promise<boolean>;
  /** Records a use: sets `lastUsedAt` unless it is already within `minIntervalMs` of `at`. */
  touch(id: string, at: Date, minIntervalMs: number): Promise<void>;
}
