/**
 * One-time tokens: password reset links and team invites. Only the SHA-256 of
 * the token is stored; a token is consumed atomically, once, before it expires.
 *
 * @module
 */
import type { Role } from "./user.ts";

/** What a one-time token is for. */
export type TokenKind = "reset" | "invite";

/** How long each kind stays valid. */
export const TOKEN_TTL_MS: Record<TokenKind, number> = {
  reset: 60 * 60 * 1000,
  invite: 7 * 24 * 60 * 60 * 1000,
};

/** A stored one-time token (hash only). */
export interface OneTimeToken {
  id: string;
  kind: TokenKind;
  workspaceId: string;
  /** The user a reset token is for; undefined for invites. */
  userId?: string;
  /** Who the token was sent to. */
  email: string;
  /** Role an invite grants. */
  role?: Role;
  /** Who created an invite. */
  createdBy?: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt?: Date;
  createdAt: Date;
}
