/**
 * MongoDB repositories for accounts: workspaces, users, one-time tokens and provider credentials.
 *
 * @module
 */
import type { Document } from "mongodb";
import { ConflictError } from "../../lib/errors.ts";
import type { OneTimeToken } from "../../models/accounts/token.ts";
import type { User } from "../../models/accounts/user.ts";
import type { Workspace } from "../../models/accounts/workspace.ts";
import type { StoredCredential } from "../../models/providers/credentials.ts";
import type { CredentialRepo, TokenRepo, UserPatch, UserRepo, WorkspaceRepo } from "../../models/ports/store.ts";
import { fromDoc, isDuplicateKey, type Mongo, toDoc, transaction, type Tx, withoutId } from "./db.ts";

const emailTaken = () => new ConflictError("An account with this email already exists.", "email_taken");
const lastAdmin = () => new ConflictError("A workspace needs at least one admin.", "last_admin");

/** A user's document: the lowercased email beside the email, for the unique index and the login lookup. */
const userDoc = (u: User) => ({ ...toDoc(u), emailLc: u.email.toLowerCase() });
const toUser = (d: Document) => fromDoc<User>(d, "emailLc");

/** Workspaces on MongoDB. */
export function mongoWorkspaces(m: Mongo): WorkspaceRepo {
  const col = m.db.collection("workspaces");
  return {
    get: async (id) => {
      const d = await col.findOne({ _id: id as never });
      return d ? fromDoc<Workspace>(d) : null;
    },
    createWithOwner: (ws, owner) =>
      transaction(m, async ({ session }) => {
        await col.insertOne(toDoc(ws), { session });
        try {
          await m.db.collection("users").insertOne(userDoc(owner), { session });
        } catch (err) {
          // Rethrown (never swallowed): the driver then aborts the transaction, the workspace with it.
          throw isDuplicateKey(err) ? emailTaken() : err;
        }
      }),
    rename: async (id, name, at) => {
      const d = await col.findOneAndUpdate(
        { _id: id as never },
        { $set: { name, updatedAt: at } },
        { returnDocument: "after" },
      );
      return d ? fromDoc<Workspace>(d) : null;
    },
  };
}

/** Users on MongoDB. */
export function mongoUsers(m: Mongo): UserRepo {
  const col = m.db.collection("users");
  const otherAdmins = (tx: Tx, wid: string, id: string) =>
    col.countDocuments({ workspaceId: wid, role: "admin", _id: { $ne: id as never } }, { session: tx.session });
  const applyPatch = (wid: string, id: string, patch: UserPatch, bump: boolean) =>
    transaction(m, async (tx) => {
      const row = await col.findOne({ workspaceId: wid, _id: id as never }, { session: tx.session });
      if (!row) return null;
      if (row.role === "admin" && patch.role === "user" && await otherAdmins(tx, wid, id) === 0) throw lastAdmin();
      const $set: Document = { updatedAt: patch.updatedAt };
      for (const k of ["name", "company", "role", "passwordHash"] as const) {
        if (patch[k] !== undefined) $set[k] = patch[k];
      }
      const d = await col.findOneAndUpdate(
        { workspaceId: wid, _id: id as never },
        { $set, $inc: { tokenVersion: bump ? 1 : 0 } },
        { returnDocument: "after", session: tx.session },
      );
      return toUser(d!);
    });
  return {
    get: async (wid, id) => {
      const d = await col.findOne({ workspaceId: wid, _id: id as never });
      return d ? toUser(d) : null;
    },
    findByEmail: async (email) => {
      const d = await col.findOne({ emailLc: email.trim().toLowerCase() });
      return d ? toUser(d) : null;
    },
    list: async (wid) => (await col.find({ workspaceId: wid }).sort({ createdAt: 1, _id: 1 }).toArray()).map(toUser),
    insert: async (user) => {
      try {
        await col.insertOne(userDoc(user));
      } catch (err) {
        throw isDuplicateKey(err) ? emailTaken() : err;
      }
    },
    update: (wid, id, patch) => applyPatch(wid, id, patch, false),
    revokeSessions: (wid, id, patch) => applyPatch(wid, id, patch ?? { updatedAt: new Date() }, true),
    remove: (wid, id) =>
      transaction(m, async (tx) => {
        const row = await col.findOne({ workspaceId: wid, _id: id as never }, { session: tx.session });
        if (!row) return false;
        if (row.role === "admin" && await otherAdmins(tx, wid, id) === 0) throw lastAdmin();
        await col.deleteOne({ workspaceId: wid, _id: id as never }, { session: tx.session });
        return true;
      }),
  };
}

/** One-time tokens on MongoDB (a TTL index drops them once expired; every read checks `expiresAt` anyway). */
export function mongoTokens(m: Mongo): TokenRepo {
  const col = m.db.collection("one_time_tokens");
  const toToken = (d: Document) => fromDoc<OneTimeToken>(d);
  const pending = (now: Date) => ({ usedAt: null, expiresAt: { $gt: now } });
  return {
    insert: async (t) => {
      await col.insertOne({ ...toDoc(t), usedAt: t.usedAt ?? null });
    },
    peek: async (kind, tokenHash, now) => {
      const d = await col.findOne({ kind, tokenHash, ...pending(now) });
      return d ? fromDoc<OneTimeToken>(d, ...(d.usedAt === null ? ["usedAt"] : [])) : null;
    },
    consume: async (kind, tokenHash, now) => {
      // One atomic findOneAndUpdate: two concurrent uses cannot both match `usedAt: null`.
      const d = await col.findOneAndUpdate(
        { kind, tokenHash, ...pending(now) },
        { $set: { usedAt: now } },
        { returnDocument: "after" },
      );
      return d ? toToken(d) : null;
    },
    listPending: async (wid, kind, now) =>
      (await col.find({ workspaceId: wid, kind, ...pending(now) }).sort({ createdAt: -1, _id: -1 }).toArray())
        .map((d) => fromDoc<OneTimeToken>(d, "usedAt")),
    revoke: async (wid, kind, id) =>
      (await col.deleteOne({ workspaceId: wid, kind, _id: id as never, usedAt: null })).deletedCount > 0,
    revokeForUser: async (wid, kind, userId) => {
      await col.updateMany(
        { workspaceId: wid, kind, userId, usedAt: null },
        [{ $set: { expiresAt: "$createdAt" } }],
      );
    },
  };
}

/** Provider credentials on MongoDB, one document per workspace and provider. */
export function mongoCredentials(m: Mongo): CredentialRepo {
  const col = m.db.collection("provider_credentials");
  const toCredential = (d: Document) => withoutId<StoredCredential>(d);
  return {
    list: async (wid) => (await col.find({ workspaceId: wid }).sort({ provider: 1 }).toArray()).map(toCredential),
    get: async (wid, provider) => {
      const d = await col.findOne({ workspaceId: wid, provider });
      return d ? toCredential(d) : null;
    },
    upsert: async (c) => {
      await col.replaceOne({ workspaceId: c.workspaceId, provider: c.provider }, { ...c }, { upsert: true });
    },
    remove: async (wid, provider) => (await col.deleteOne({ workspaceId: wid, provider })).deletedCount > 0,
  };
}
