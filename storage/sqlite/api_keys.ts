/**
 * SQLite repository for API keys.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { ApiKey, ApiKeyScope } from "../../models/api_keys/api_key.ts";
import type { ApiKeyRepo } from "../../models/ports/store.ts";
import { date, iso, type Row, run } from "./db.ts";

const toKey = (r: Row): ApiKey => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  name: r.name as string,
  scope: r.scope as ApiKeyScope,
  internal: Number(r.internal) === 1,
  prefix: r.prefix as string,
  keyHash: r.key_hash as string,
  createdBy: r.created_by as string,
  createdAt: date(r.created_at)!,
  lastUsedAt: date(r.last_used_at),
  revokedAt: date(r.revoked_at),
});

/** API keys on SQLite. */
export function sqliteApiKeys(db: DatabaseSync): ApiKeyRepo {
  return {
    insert: (k) =>
      run(() => {
        db.prepare(
          `INSERT INTO api_keys (id, workspace_id, name, scope, internal, prefix, key_hash, created_by, created_at,
             last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          k.id,
          k.workspaceId,
          k.name,
          k.scope,
          k.internal ? 1 : 0,
          k.prefix,
          k.keyHash,
          k.createdBy,
          iso(k.createdAt),
          iso(k.lastUsedAt),
          iso(k.revokedAt),
        );
      }),
    list: (wid) =>
      run(() =>
        (db.prepare(
          "SELECT * FROM api_keys WHERE workspace_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC",
        ).all(wid) as Row[]).map(toKey)
      ),
    findByHash: (hash) =>
      run(() => {
        const r = db.prepare("SELECT * FROM api_keys WHERE key_hash = ?").get(hash) as Row | undefined;
        return r ? toKey(r) : null;
      }),
    revoke: (wid, id, at) =>
      run(() =>
        Number(
          db.prepare("UPDATE api_keys SET revoked_at = ? WHERE workspace_id = ? AND id = ? AND revoked_at IS NULL")
            .run(iso(at), wid, id).changes,
        ) > 0
      ),
    touch: (id, at, minIntervalMs) =>
      run(() => {
        // The condition keeps concurrent requests (or instances) from each writing: the first one wins.
        db.prepare(
          "UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)",
        ).run(iso(at), id, iso(new Date(at.getTime() - minIntervalMs)));
      }),
  };
}
