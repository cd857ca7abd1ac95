/**
 * User: a member of a workspace (the seed's User model). The schemas for
 * what clients send are in `user_schemas.ts`, shared by the API and the forms.
 *
 * @module
 */
import type { Role } from "./user_schemas.ts";
export type { Role } from "./user_schemas.ts";

/** A stored user, password hash included. Never sent to clients as is. */
export interface User {
  id: string;
  workspaceId: string;
  name: string;
  /** As typed at sign-up (trimmed); uniqueness is case-insensitive. */
  email: string;
  passwordHash: string;
  company: string;
  role: Role;
  /** Bumped on logout, password change and reset: older session tokens stop working. */
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
  /**
   * Set only on the principal of a request made with an API key (the key acts for the admin who created it):
   * the key's id, so the events it causes name the `api` actor, not the person.
   */
  apiKeyId?: string;
  /** With `apiKeyId`: whether that key was created with the `internal` permission (see {@linkcode seesInternalNotes}). */
  apiKeyInternal?: boolean;
}

/**
 * The one rule for staff-side readers: internal notes (and the thread's other staff-only lines) go to
 * signed-in staff and to API keys created with `internal: true`, never to other keys. Every read that
 * returns or searches a thread for a user asks this (ticket and conversation reads, ticket search, the
 * event feed and stream); a key that may not read notes may not write them either.
 */
export function seesInternalNotes(user: Pick<User, "apiKeyId" | "apiKeyInternal">): boolean {
  return !user.apiKeyId || user.apiKeyInternal === true;
}

/** What clients see of a user. */
export type PublicUser = Omit<User, "passwordHash" | "tokenVersion" | "apiKeyId" | "apiKeyInternal">;

/** Strips secrets from a user. */
export function publicUser(u: User): PublicUser {
  const { passwordHash: _h, tokenVersion: _v, apiKeyId: _k, apiKeyInternal: _i, ...rest } = u;
  return rest;
}
