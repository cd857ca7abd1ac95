/**
 * Session tokens: HS256 JWTs carrying the user, its workspace and the user's
 * token version. Bumping the version (logout, password change, reset) makes
 * every earlier token fail, even before it expires.
 *
 * @module
 */
import { sign, verify } from "hono/jwt";
import { UnauthorizedError } from "../../lib/errors.ts";
import { isId } from "../../lib/ids.ts";
import type { Deps } from "../ports/deps.ts";
import { type SessionEndReason, userTopic } from "../ports/live_bus.ts";
import type { User } from "./user.ts";

/** Claims inside a session token. */
export interface SessionClaims {
  sub: string;
  wid: string;
  ver: number;
  iat: number;
  exp: number;
}

function secret(deps: Deps): string {
  const s = deps.config.jwtSecret;
  if (!s) throw new Error("JWT secret is not configured");
  return s;
}

/** Issues a session token for `user`. */
export async function issueSession(deps: Deps, user: User): Promise<string> {
  // hono refuses an `iat` in the future by the wall clock, so it is wall-clock time; expiry follows our clock.
  const iat = Math.floor(Date.now() / 1000);
  const claims: SessionClaims = {
    sub: user.id,
    wid: user.workspaceId,
    ver: user.tokenVersion,
    iat,
    exp: Math.floor(deps.clock.now().getTime() / 1000) + deps.config.sessionTtlSeconds,
  };
  return await sign({ ...claims }, secret(deps), "HS256");
}

/**
 * Verifies a session token and returns its current user. Refuses other
 * algorithms (`none` included), wrong keys, expired and revoked tokens.
 */
export async function authenticate(deps: Deps, token: string): Promise<User> {
  let claims: Record<string, unknown>;
  try {
    claims = await verify(token, secret(deps), "HS256");
  } catch {
    throw new UnauthorizedError("Your session is invalid or has expired. Sign in again.", "invalid_session");
  }
  const { sub, wid, ver, exp } = claims;
  if (!isId(sub) || !isId(wid) || typeof ver !== "number" || typeof exp !== "number") {
    throw new UnauthorizedError("Your session is invalid. Sign in again.", "invalid_session");
  }
  // hono checks exp against the real clock; check against ours too (controllable in tests).
  if (exp * 1000 <= deps.clock.now().getTime()) {
    throw new UnauthorizedError("Your session has expired. Sign in again.", "invalid_session");
  }
  const user = await deps.store.users.get(wid, sub);
  if (!user || user.tokenVersion !== ver) {
    throw new UnauthorizedError("Your session has ended. Sign in again.", "invalid_session");
  }
  return user;
}

/**
 * Tells every open socket of `user` (on any instance: the live bus carries it) that their sessions ended,
 * so they close at once rather than at their next periodic re-check. `user` is the record after the change:
 * after a logout or a password change, sockets holding a token older than its `tokenVersion` close; after a
 * removal, all of them.
 */
export function endSessions(deps: Deps, user: Pick<User, "id" | "tokenVersion">, reason: SessionEndReason): void {
  deps.bus.publish(userTopic(user.id), {
    type: "sessions.ended",
    userId: user.id,
    reason,
    ...(reason === "removed" ? {} : { tokenVersion: user.tokenVersion }),
  });
}
