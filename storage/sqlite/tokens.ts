/**
 * SQLite repository for one-time tokens (reset, invite).
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { TokenRepo } from "../../models/ports/store.ts";
import type { OneTimeToken, TokenKind } from "../../models/accounts/token.ts";
import type { Role } from "../../models/accounts/user.ts";
import { date, iso, type Row, run } from "./db.ts";

const toToken = (r: Row): OneTimeToken => ({
  id: r.id as string,
  kind: r.kind as TokenKind,
  workspaceId: r.workspace_id as string,
  userId: (r.user_id as string | null) ?? undefined,
  email: r.email as string,
  role: (r.role as Role | null) ?? undefined,
  createdBy: (r.created_by as string | null) ?? undefined,
  tokenHash: r.token_hash as string,
  expiresAt: date(r.expires_at)!,
  usedAt: date(r.used_at),
  createdAt: date(r.created_at)!,
});

/** One-time tokens on SQLite. */
export function sqliteTokens(db: DatabaseSync): TokenRepo {
  return {
    insert: (t) =>
      run(() => {
        db.prepare(
          `INSERT INTO one_time_tokens (id, kind, workspace_id, user_id, email, role, created_by, token_hash, expires_at, used_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          t.id,
          t.kind,
          t.workspaceId,
          t.userId ?? null,
          t.email,
          t.role ?? null,
          t.createdBy ?? null,
          t.tokenHash,
          iso(t.expiresAt),
          iso(t.usedAt),
          iso(t.createdAt),
        );
      }),
    peek: (kind, hash, now) =>
      run(() => {
        const r = db.prepare(
          "SELECT * FROM one_time_tokens WHERE kind = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ?",
        ).get(kind, hash, iso(now)) as Row | undefined;
        return r ? toToken(r) : null;
      }),
    consume: (kind, hash, now) =>
      run(() => {
        // One statement: two concurrent uses cannot both succeed.
        const r = db.prepare(
          `UPDATE one_time_tokens SET used_at = ?
           WHERE kind = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING *`,
        ).get(iso(now), kind, hash, iso(now)) as Row | undefined;
        return r ? toToken(r) : null;
      }),
    listPending: (wid, kind, now) =>
      run(() =>
        (db.prepare(
          `SELECT * FROM one_time_tokens WHERE workspace_id = ? AND kind = ? AND used_at IS NULL AND expires_at > ?
           ORDER BY created_at DESC, id DESC`,
        ).all(wid, kind, iso(now)) as Row[]).map(toToken)
      ),
    revoke: (wid, kind, id) =>
      run(() =>
        Number(
          db.prepare("DELETE FROM one_time_tokens WHERE workspace_id = ? AND kind = ? AND id = ? AND used_at IS NULL")
            .run(wid, kind, id).changes,
        ) > 0
      ),
    revokeForUser: (wid, kind, userId) =>
      run(() => {
        db.prepare(
          "UPDATE one_time_tokens SET expires_at = created_at WHERE workspace_id = ? AND kind = ? AND user_id = ? AND used_at IS NULL",
        ).run(wid, kind, userId);
      }),
  };
}
