/**
 * SQLite repositories for workspaces and users.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import { ConflictError } from "../../lib/errors.ts";
import type { UserPatch, UserRepo, WorkspaceRepo } from "../../models/ports/store.ts";
import type { Role, User } from "../../models/accounts/user.ts";
import type { Workspace } from "../../models/accounts/workspace.ts";
import { date, iso, isUniqueViolation, type Row, run, transaction } from "./db.ts";

const toWorkspace = (r: Row): Workspace => ({
  id: r.id as string,
  name: r.name as string,
  createdAt: date(r.created_at)!,
  updatedAt: date(r.updated_at)!,
});

const toUser = (r: Row): User => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  name: r.name as string,
  email: r.email as string,
  passwordHash: r.password_hash as string,
  company: r.company as string,
  role: r.role as Role,
  tokenVersion: Number(r.token_version),
  createdAt: date(r.created_at)!,
  updatedAt: date(r.updated_at)!,
});

function insertUser(db: DatabaseSync, u: User) {
  try {
    db.prepare(
      `INSERT INTO users (id, workspace_id, name, email, email_lc, password_hash, company, role, token_version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      u.id,
      u.workspaceId,
      u.name,
      u.email,
      u.email.toLowerCase(),
      u.passwordHash,
      u.company,
      u.role,
      u.tokenVersion,
      iso(u.createdAt),
      iso(u.updatedAt),
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError("An account with this email already exists.", "email_taken");
    throw err;
  }
}

/** Workspaces on SQLite. */
export function sqliteWorkspaces(db: DatabaseSync): WorkspaceRepo {
  return {
    get: (id) =>
      run(() => {
        const r = db.prepare("SELECT * FROM workspaces WHERE id = ?").get(id) as Row | undefined;
        return r ? toWorkspace(r) : null;
      }),
    createWithOwner: (ws: Workspace, owner: User) =>
      run(() =>
        transaction(db, () => {
          db.prepare("INSERT INTO workspaces (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)")
            .run(ws.id, ws.name, iso(ws.createdAt), iso(ws.updatedAt));
          insertUser(db, owner);
        })
      ),
    rename: (id, name, at) =>
      run(() => {
        const r = db.prepare("UPDATE workspaces SET name = ?, updated_at = ? WHERE id = ? RETURNING *")
          .get(name, iso(at), id) as Row | undefined;
        return r ? toWorkspace(r) : null;
      }),
  };
}

const lastAdmin = () => new ConflictError("A workspace needs at least one admin.", "last_admin");

/** Users on SQLite. */
export function sqliteUsers(db: DatabaseSync): UserRepo {
  const get = (wid: string, id: string) =>
    db.prepare("SELECT * FROM users WHERE workspace_id = ? AND id = ?").get(wid, id) as Row | undefined;
  const otherAdmins = (wid: string, id: string) =>
    (db.prepare("SELECT COUNT(*) AS n FROM users WHERE workspace_id = ? AND role = 'admin' AND id <> ?")
      .get(wid, id) as { n: number }).n;

  function applyPatch(wid: string, id: string, patch: UserPatch, bump: boolean): User | null {
    return transaction(db, () => {
      const row = get(wid, id);
      if (!row) return null;
      if (row.role === "admin" && patch.role === "user" && otherAdmins(wid, id) === 0) throw lastAdmin();
      const r = db.prepare(
        `UPDATE users SET name = COALESCE(?, name), company = COALESCE(?, company), role = COALESCE(?, role),
           password_hash = COALESCE(?, password_hash), token_version = token_version + ?, updated_at = ?
         WHERE workspace_id = ? AND id = ? RETURNING *`,
      ).get(
        patch.name ?? null,
        patch.company ?? null,
        patch.role ?? null,
        patch.passwordHash ?? null,
        bump ? 1 : 0,
        iso(patch.updatedAt),
        wid,
        id,
      ) as Row;
      return toUser(r);
    });
  }

  return {
    get: (wid, id) =>
      run(() => {
        const r = get(wid, id);
        return r ? toUser(r) : null;
      }),
    findByEmail: (email) =>
      run(() => {
        const r = db.prepare("SELECT * FROM users WHERE email_lc = ?").get(email.trim().toLowerCase()) as
          | Row
          | undefined;
        return r ? toUser(r) : null;
      }),
    list: (wid) =>
      run(() =>
        (db.prepare("SELECT * FROM users WHERE workspace_id = ? ORDER BY created_at, id").all(wid) as Row[]).map(toUser)
      ),
    insert: (user) => run(() => insertUser(db, user)),
    update: (wid, id, patch) => run(() => applyPatch(wid, id, patch, false)),
    revokeSessions: (wid, id, patch) => run(() => applyPatch(wid, id, patch ?? { updatedAt: new Date() }, true)),
    remove: (wid, id) =>
      run(() =>
        transaction(db, () => {
          const row = get(wid, id);
          if (!row) return false;
          if (row.role === "admin" && otherAdmins(wid, id) === 0) throw lastAdmin();
          db.prepare("DELETE FROM users WHERE workspace_id = ? AND id = ?").run(wid, id);
          return true;
        })
      ),
  };
}
