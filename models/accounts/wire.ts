/**
 * The wire contract of accounts: users (never their password hash or token
 * version) and pending invites as the API sends them, as zod schemas with
 * their shapers. Islands import the inferred types only.
 *
 * @module
 */
import { z } from "zod";
import type { PublicInvite } from "./team.ts";
import { publicUser, type User } from "./user.ts";
import { ROLES } from "./user_schemas.ts";

/** A user as clients see it. */
export const userWire = z.object({
  id: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  email: z.string(),
  company: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: "User" });

/** A user as the API sends it. */
export type UserJson = z.infer<typeof userWire>;

/** `{ user }` answers. */
export const userEnvelopeWire = z.object({ user: userWire });

/** Shapes a user for the API. */
export function userJson(u: User): UserJson {
  const p = publicUser(u);
  return { ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}

/** A pending invite as admins see it. */
export const inviteWire = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  expiresAt: z.string(),
  createdAt: z.string(),
}).meta({ id: "Invite" });

/** A pending invite as the API sends it. */
export type InviteJson = z.infer<typeof inviteWire>;

/** Shapes an invite for the API. */
export function inviteJson(i: PublicInvite): InviteJson {
  return {
    id: i.id,
    email: i.email,
    role: i.role ?? "user",
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  };
}
