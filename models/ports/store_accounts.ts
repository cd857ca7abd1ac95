/**
 * The Store port, accounts: workspaces, users, one-time tokens and provider credentials.
 *
 * @module
 */
import type { StoredCredential } from "../providers/credentials.ts";
import type { OneTimeToken, TokenKind } from "../accounts/token.ts";
import type { User } from "../accounts/user.ts";
import type { Workspace } from "../accounts/workspace.ts";

/** Workspaces (tenants). */
export interface WorkspaceRepo {
  get(id: string): Promise<Workspace | null>;
  /** Inserts a workspace and its first user (an admin) atomically. */
  createWithOwner(workspace: Workspace, owner: User): Promise<void>;
  rename(id: string, name: string, at: Date): Promise<Workspace | null>;
}

/** Fields of a user that may change after creation. */
export type UserPatch = Partial<Pick<User, "name" | "company" | "role" | "passwordHash">> & { updatedAt: Date };

/** Users, always within one workspace except the login lookup by email. */
export interface UserRepo {
  get(workspaceId: string, id: string): Promise<User | null>;
  /** Case-insensitive lookup across all workspaces: login only. */
  findByEmail(email: string): Promise<User | null>;
  list(workspaceId: string): Promise<User[]>;
  /** Throws ConflictError(`email_taken`) when the email exists (any case). */
  insert(user: User): Promise<void>;
  /** Throws ConflictError(`last_admin`) when the patch would leave no admin. */
  update(workspaceId: string, id: string, patch: UserPatch): Promise<User | null>;
  /** Increments the token version (revoking earlier sessions) and applies `patch`; returns the user. */
  revokeSessions(workspaceId: string, id: string, patch?: UserPatch): Promise<User | null>;
  /** Throws ConflictError(`last_admin`) when removing the last admin. Returns false when absent. */
  remove(workspaceId: string, id: string): Promise<boolean>;
}

/** One-time tokens (reset, invite). */
export interface TokenRepo {
  insert(token: OneTimeToken): Promise<void>;
  /** The unexpired, unused token with this hash, without using it. */
  peek(kind: TokenKind, tokenHash: string, now: Date): Promise<OneTimeToken | null>;
  /** Marks the token used and returns it, or null if unknown, used or expired. Atomic. */
  consume(kind: TokenKind, tokenHash: string, now: Date): Promise<OneTimeToken | null>;
  /** Pending (unused, unexpired) tokens of a kind in a workspace, newest first. */
  listPending(workspaceId: string, kind: TokenKind, now: Date): Promise<OneTimeToken[]>;
  /** Deletes a pending token of the workspace; false when absent. */
  revoke(workspaceId: string, kind: TokenKind, id: string): Promise<boolean>;
  /** Expires every pending token of a kind for a user (e.g. old reset links after a reset). */
  revokeForUser(workspaceId: string, kind: TokenKind, userId: string): Promise<void>;
}

/** Provider credentials of workspaces (API keys sealed). */
export interface CredentialRepo {
  list(workspaceId: string): Promise<StoredCredential[]>;
  get(workspaceId: string, provider: string): Promise<StoredCredential | null>;
  upsert(credential: StoredCredential): Promise<void>;
  remove(workspaceId: string, provider: string): Promise<boolean>;
}
