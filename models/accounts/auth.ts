/**
 * Account use cases: sign-up (which creates the workspace), login with
 * throttling, logout, and profile changes. Password reset is in
 * `password_reset.ts`, invites in `team.ts`.
 *
 * @module
 */
import type { z } from "zod";
import { ForbiddenError, RateLimitedError, UnauthorizedError, ValidationError } from "../../lib/errors.ts";
import { newId } from "../../lib/ids.ts";
import { hashPassword, verifyPassword } from "../../lib/password.ts";
import { randomToken } from "../../lib/crypto.ts";
import type { Deps } from "../ports/deps.ts";
import { endSessions } from "./session.ts";
import type { User } from "./user.ts";
import type { loginSchema, profileUpdateSchema, registerSchema } from "./user_schemas.ts";

const MINUTE = 60_000;
/** Throttling rules for the auth endpoints. */
export const AUTH_LIMITS = {
  failedLoginPerAccount: { limit: 5, windowMs: 15 * MINUTE },
  failedLoginPerAddress: { limit: 20, windowMs: 15 * MINUTE },
  registerPerAddress: { limit: 5, windowMs: 60 * MINUTE },
  resetPerAddress: { limit: 5, windowMs: 60 * MINUTE },
  resetPerAccount: { limit: 3, windowMs: 60 * MINUTE },
} as const;

/** Signs up: creates a workspace named after `company` with the new user as its admin. */
export async function register(deps: Deps, input: z.infer<typeof registerSchema>, address: string): Promise<User> {
  const limited = await deps.limits.hit(`register:ip:${address}`, AUTH_LIMITS.registerPerAddress);
  if (!limited.ok) {
    throw new RateLimitedError(limited.retryAfter, "Too many sign-ups from this address. Try again later.");
  }
  const now = deps.clock.now();
  const workspace = { id: newId(now), name: input.company, createdAt: now, updatedAt: now };
  const user: User = {
    id: newId(now),
    workspaceId: workspace.id,
    name: input.name,
    email: input.email,
    passwordHash: await hashPassword(input.password, deps.config.bcryptCost),
    company: input.company,
    role: "admin",
    tokenVersion: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.workspaces.createWithOwner(workspace, user);
  deps.log.info("workspace created", { workspaceId: workspace.id, userId: user.id });
  return user;
}

let dummyHash: Promise<string> | undefined;

/**
 * Logs in. Unknown email and wrong password give the same error after the
 * same work; failures are throttled per account and per client address.
 */
export async function login(deps: Deps, input: z.infer<typeof loginSchema>, address: string): Promise<User> {
  const acctKey = `login:acct:${input.email.toLowerCase()}`;
  const ipKey = `login:ip:${address}`;
  for (
    const [key, rule] of [[acctKey, AUTH_LIMITS.failedLoginPerAccount], [
      ipKey,
      AUTH_LIMITS.failedLoginPerAddress,
    ]] as const
  ) {
    const state = await deps.limits.check(key, rule);
    if (!state.ok) throw new RateLimitedError(state.retryAfter, "Too many failed sign-in attempts. Try again later.");
  }
  const user = await deps.store.users.findByEmail(input.email);
  dummyHash ??= hashPassword(randomToken(), deps.config.bcryptCost);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? await dummyHash);
  if (!user || !ok) {
    await Promise.all([
      deps.limits.hit(acctKey, AUTH_LIMITS.failedLoginPerAccount),
      deps.limits.hit(ipKey, AUTH_LIMITS.failedLoginPerAddress),
    ]);
    throw new UnauthorizedError("Email or password is incorrect.", "invalid_credentials");
  }
  await deps.limits.reset(acctKey);
  return user;
}

/** Logs out everywhere: every token issued to this user before now stops working. */
export async function logout(deps: Deps, user: User): Promise<void> {
  const updated = await deps.store.users.revokeSessions(user.workspaceId, user.id);
  if (updated) endSessions(deps, updated, "signed_out");
}

/**
 * Updates name / company and, with the current password, the password.
 * A password change revokes every earlier session; the caller issues a new one.
 */
export async function updateProfile(
  deps: Deps,
  user: User,
  input: z.infer<typeof profileUpdateSchema>,
): Promise<{ user: User; sessionsRevoked: boolean }> {
  const now = deps.clock.now();
  const patch = { name: input.name, company: input.company, updatedAt: now };
  if (input.newPassword) {
    const ok = await verifyPassword(input.currentPassword ?? "", user.passwordHash);
    if (!ok) {
      throw new ValidationError("Your current password is not correct.", {
        fields: { currentPassword: "Your current password is not correct." },
      }, "wrong_password");
    }
    const passwordHash = await hashPassword(input.newPassword, deps.config.bcryptCost);
    const updated = await deps.store.users.revokeSessions(user.workspaceId, user.id, { ...patch, passwordHash });
    if (!updated) throw new UnauthorizedError();
    endSessions(deps, updated, "password_changed");
    return { user: updated, sessionsRevoked: true };
  }
  const updated = await deps.store.users.update(user.workspaceId, user.id, patch);
  if (!updated) throw new UnauthorizedError();
  return { user: updated, sessionsRevoked: false };
}

/** Throws unless `user` is an admin of its workspace. */
export function requireAdmin(user: User): void {
  if (user.role !== "admin") throw new ForbiddenError("Only workspace admins can do that.", "admin_only");
}
