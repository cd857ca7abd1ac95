/**
 * Password reset by email: a random 256-bit token, stored hashed, valid for
 * one hour and once. The request answers the same whether or not the email
 * exists.
 *
 * @module
 */
import { RateLimitedError, ValidationError } from "../../lib/errors.ts";
import { randomToken, sha256Hex } from "../../lib/crypto.ts";
import { newId } from "../../lib/ids.ts";
import { hashPassword } from "../../lib/password.ts";
import { AUTH_LIMITS } from "./auth.ts";
import type { Deps } from "../ports/deps.ts";
import { endSessions } from "./session.ts";
import { resetEmail } from "./emails.ts";
import { TOKEN_TTL_MS } from "./token.ts";
import type { User } from "./user.ts";

/** Starts a reset: emails a link when the account exists; silent otherwise. */
export async function requestPasswordReset(deps: Deps, email: string, address: string): Promise<void> {
  const byIp = await deps.limits.hit(`reset:ip:${address}`, AUTH_LIMITS.resetPerAddress);
  if (!byIp.ok) {
    throw new RateLimitedError(byIp.retryAfter, "Too many reset requests from this address. Try again later.");
  }
  // Per account: silently stop sending (a 429 here would reveal that the account exists).
  const byAccount = await deps.limits.hit(`reset:acct:${email.toLowerCase()}`, AUTH_LIMITS.resetPerAccount);
  const user = await deps.store.users.findByEmail(email);
  if (!user || !byAccount.ok) return;
  const now = deps.clock.now();
  const token = randomToken(32);
  await deps.store.tokens.insert({
    id: newId(now),
    kind: "reset",
    workspaceId: user.workspaceId,
    userId: user.id,
    email: user.email,
    tokenHash: await sha256Hex(token),
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS.reset),
    createdAt: now,
  });
  const url = `${deps.config.appUrl}/reset-password?token=${encodeURIComponent(token)}`;
  // Sending is not awaited by the caller's answer time: a slow mail server would reveal the account.
  deps.mailer.send(resetEmail(user.email, user.name, url)).catch((err) =>
    deps.log.error("reset email failed", { err, userId: user.id })
  );
}

/** Completes a reset: sets the password, uses the token, revokes every session. */
export async function resetPassword(deps: Deps, token: string, password: string, address: string): Promise<User> {
  const byIp = await deps.limits.hit(`reset-complete:ip:${address}`, { limit: 20, windowMs: 15 * 60_000 });
  if (!byIp.ok) throw new RateLimitedError(byIp.retryAfter);
  const now = deps.clock.now();
  const record = await deps.store.tokens.consume("reset", await sha256Hex(token), now);
  const invalid = () =>
    new ValidationError("This reset link is invalid or has expired. Ask for a new one.", {
      fields: { token: "invalid or expired" },
    }, "invalid_token");
  if (!record?.userId) throw invalid();
  const passwordHash = await hashPassword(password, deps.config.bcryptCost);
  const user = await deps.store.users.revokeSessions(record.workspaceId, record.userId, {
    passwordHash,
    updatedAt: now,
  });
  if (!user) throw invalid();
  endSessions(deps, user, "password_changed");
  await deps.store.tokens.revokeForUser(record.workspaceId, "reset", record.userId);
  deps.log.info("password reset", { userId: user.id });
  return user;
}
