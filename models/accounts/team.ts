/**
 * Team management inside one workspace: admins list, change, remove and
 * invite members. The store guarantees a workspace never loses its last admin.
 *
 * @module
 */
import type { z } from "zod";
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from "../../lib/errors.ts";
import { randomToken, sha256Hex } from "../../lib/crypto.ts";
import { newId } from "../../lib/ids.ts";
import { hashPassword } from "../../lib/password.ts";
import { requireAdmin } from "./auth.ts";
import type { Deps } from "../ports/deps.ts";
import { endSessions } from "./session.ts";
import { inviteEmail } from "./emails.ts";
import { type OneTimeToken, TOKEN_TTL_MS } from "./token.ts";
import type { User } from "./user.ts";
import type { acceptInviteSchema, inviteSchema, userUpdateSchema } from "./user_schemas.ts";

/** Members of the admin's workspace. */
export function listUsers(deps: Deps, admin: User): Promise<User[]> {
  requireAdmin(admin);
  return deps.store.users.list(admin.workspaceId);
}

/** Members of the caller's workspace, for names and assignee choices (any role may see who is on the team). */
export function listTeammates(deps: Deps, user: User): Promise<User[]> {
  return deps.store.users.list(user.workspaceId);
}

/** One member of the admin's workspace (404 for any other workspace's id). */
export async function getUser(deps: Deps, admin: User, id: string): Promise<User> {
  requireAdmin(admin);
  const user = await deps.store.users.get(admin.workspaceId, id);
  if (!user) throw new NotFoundError("User");
  return user;
}

/** Renames or changes the role of a member; refuses to demote the last admin. */
export async function updateUser(
  deps: Deps,
  admin: User,
  id: string,
  input: z.infer<typeof userUpdateSchema>,
): Promise<User> {
  requireAdmin(admin);
  const updated = await deps.store.users.update(admin.workspaceId, id, { ...input, updatedAt: deps.clock.now() });
  if (!updated) throw new NotFoundError("User");
  return updated;
}

/** Removes a member; refuses to remove the last admin. */
export async function deleteUser(deps: Deps, admin: User, id: string): Promise<void> {
  requireAdmin(admin);
  const member = await deps.store.users.get(admin.workspaceId, id);
  if (!member || !(await deps.store.users.remove(admin.workspaceId, id))) throw new NotFoundError("User");
  endSessions(deps, member, "removed");
}

/** A pending invite as shown to admins (no token). */
export type PublicInvite = Pick<OneTimeToken, "id" | "email" | "role" | "expiresAt" | "createdAt">;

/** Strips the hash from an invite. */
export function publicInvite(t: OneTimeToken): PublicInvite {
  return { id: t.id, email: t.email, role: t.role, expiresAt: t.expiresAt, createdAt: t.createdAt };
}

/** How many invites an admin, and a whole workspace, may send per hour. */
export const INVITE_LIMITS = {
  perAdmin: { limit: 20, windowMs: 3_600_000 },
  perWorkspace: { limit: 50, windowMs: 3_600_000 },
} as const;

/**
 * Invites a teammate by email with a single-use link valid 7 days.
 *
 * The answer never says whether the address has an account in another workspace (an admin could otherwise
 * test any address against every tenant): the invite is made and mailed either way, and the collision is
 * met when the invitee accepts (see `acceptInvite`). Someone already in the admin's own workspace is said
 * so, which tells the admin nothing they cannot see in their team list. Invites are rate-limited per admin
 * and per workspace, counted before anything is looked up.
 */
export async function inviteUser(
  deps: Deps,
  admin: User,
  input: z.infer<typeof inviteSchema>,
): Promise<OneTimeToken> {
  requireAdmin(admin);
  for (
    const [key, rule] of [
      [`invites:admin:${admin.id}`, INVITE_LIMITS.perAdmin],
      [`invites:workspace:${admin.workspaceId}`, INVITE_LIMITS.perWorkspace],
    ] as const
  ) {
    const hit = await deps.limits.hit(key, rule);
    if (!hit.ok) throw new RateLimitedError(hit.retryAfter, "Too many invitations; try again later.");
  }
  const existing = await deps.store.users.findByEmail(input.email);
  if (existing?.workspaceId === admin.workspaceId) {
    throw new ConflictError(`${existing.email} is already a member of this workspace.`, "already_member");
  }
  const now = deps.clock.now();
  const token = randomToken(32);
  const invite: OneTimeToken = {
    id: newId(now),
    kind: "invite",
    workspaceId: admin.workspaceId,
    email: input.email,
    role: input.role,
    createdBy: admin.id,
    tokenHash: await sha256Hex(token),
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS.invite),
    createdAt: now,
  };
  await deps.store.tokens.insert(invite);
  const workspace = await deps.store.workspaces.get(admin.workspaceId);
  const url = `${deps.config.appUrl}/invite?token=${encodeURIComponent(token)}`;
  await deps.mailer.send(inviteEmail(input.email, admin.name, workspace?.name ?? admin.company, url));
  return invite;
}

/** Pending invites of the admin's workspace. */
export async function listInvites(deps: Deps, admin: User): Promise<OneTimeToken[]> {
  requireAdmin(admin);
  return await deps.store.tokens.listPending(admin.workspaceId, "invite", deps.clock.now());
}

/** Withdraws a pending invite. */
export async function revokeInvite(deps: Deps, admin: User, id: string): Promise<void> {
  requireAdmin(admin);
  if (!(await deps.store.tokens.revoke(admin.workspaceId, "invite", id))) throw new NotFoundError("Invite");
}

const invalidInvite = () =>
  new ValidationError("This invitation is invalid, used or expired. Ask your admin for a new one.", {
    fields: { token: "invalid or expired" },
  }, "invalid_token");

/** What the accept page shows before the invitee chooses a password. */
export async function describeInvite(
  deps: Deps,
  token: string,
): Promise<{ email: string; role: string; workspace: string }> {
  const invite = await deps.store.tokens.peek("invite", await sha256Hex(token), deps.clock.now());
  if (!invite) throw invalidInvite();
  const workspace = await deps.store.workspaces.get(invite.workspaceId);
  return { email: invite.email, role: invite.role ?? "user", workspace: workspace?.name ?? "" };
}

/** Accepts an invite: uses the token and creates the member with the invited role. */
export async function acceptInvite(deps: Deps, input: z.infer<typeof acceptInviteSchema>): Promise<User> {
  const now = deps.clock.now();
  const hash = await sha256Hex(input.token);
  const pending = await deps.store.tokens.peek("invite", hash, now);
  if (!pending) throw invalidInvite();
  // The address may have an account already (invites never tell the inviter, see `inviteUser`): the
  // existing account is left alone, the invite stays pending (the inviter sees nothing change), and the
  // invitee, who holds the mailbox, is told what to do.
  const existing = await deps.store.users.findByEmail(pending.email);
  if (existing?.workspaceId === pending.workspaceId) {
    throw new ConflictError("You are already a member of this workspace. Sign in instead.", "already_member");
  }
  if (existing) {
    throw new ConflictError(
      "This email already has a Frontdesk account, and an account belongs to one workspace. " +
        "Sign in to your account, or ask the person who invited you to invite another address.",
      "email_taken",
    );
  }
  const passwordHash = await hashPassword(input.password, deps.config.bcryptCost);
  const invite = await deps.store.tokens.consume("invite", hash, deps.clock.now());
  if (!invite) throw invalidInvite();
  const workspace = await deps.store.workspaces.get(invite.workspaceId);
  const user: User = {
    id: newId(now),
    workspaceId: invite.workspaceId,
    name: input.name,
    email: invite.email,
    passwordHash,
    company: workspace?.name ?? "",
    role: invite.role ?? "user",
    tokenVersion: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.users.insert(user);
  return user;
}
