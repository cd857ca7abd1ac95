/**
 * Response schemas shared by several resources, and the functions that shape
 * domain objects into them.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { ROLES } from "../models/accounts/user_schemas.ts";
import { publicUser, type User } from "../models/accounts/user.ts";
import type { PublicInvite } from "../models/accounts/team.ts";

/** A user as clients see it. */
export const UserSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  name: z.string(),
  email: z.string(),
  company: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi("User");

/** `{ user }` answers. */
export const UserEnvelope = z.object({ user: UserSchema });

/** Shapes a user for the API. */
export function userJson(u: User): z.infer<typeof UserSchema> {
  const p = publicUser(u);
  return { ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}

/** A pending invite as admins see it. */
export const InviteSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  expiresAt: z.string(),
  createdAt: z.string(),
}).openapi("Invite");

/** Shapes an invite for the API. */
export function inviteJson(i: PublicInvite): z.infer<typeof InviteSchema> {
  return {
    id: i.id,
    email: i.email,
    role: i.role ?? "user",
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  };
}

/** `{ ok: true }` answers. */
export const OkSchema = z.object({ ok: z.literal(true) });
