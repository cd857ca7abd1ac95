/**
 * The session cookie and who is calling: reads the JWT from the cookie (or an
 * `Authorization: Bearer` header), sets `c.var.user`, and knows the client's
 * address (trusting `X-Forwarded-For` only when configured).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { getConnInfo } from "hono/deno";
import { createMiddleware } from "hono/factory";
import type { Config } from "../lib/config.ts";
import { UnauthorizedError } from "../lib/errors.ts";
import type { AppEnv } from "./app_env.ts";
import { authenticate } from "../models/accounts/session.ts";
import type { User } from "../models/accounts/user.ts";

/** The session cookie's name: `__Host-` prefixed when cookies are Secure. */
export function sessionCookieName(config: Config): string {
  return config.secureCookies ? "__Host-fd_session" : "fd_session";
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure in production. */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  const { config } = c.var.deps;
  setCookie(c, sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: config.secureCookies,
    maxAge: config.sessionTtlSeconds,
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(c: Context<AppEnv>): void {
  const { config } = c.var.deps;
  deleteCookie(c, sessionCookieName(config), { path: "/", secure: config.secureCookies });
}

/** The raw session token of the request, if any. */
export function sessionToken(c: Context<AppEnv>): string | undefined {
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  return getCookie(c, sessionCookieName(c.var.deps.config));
}

/** True when the request carries the session cookie (so CSRF checks apply). */
export function hasSessionCookie(c: Context<AppEnv>): boolean {
  return getCookie(c, sessionCookieName(c.var.deps.config)) !== undefined;
}

/** Sets `c.var.user` to the signed-in user or null; never refuses by itself. */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
  c.set("user", null);
  const token = sessionToken(c);
  if (token) {
    try {
      c.set("user", await authenticate(c.var.deps, token));
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) throw err;
    }
  }
  await next();
});

/** Refuses with 401 unless signed in. */
export const requireUser: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.user) {
    throw sessionToken(c)
      ? new UnauthorizedError("Your session has ended. Sign in again.", "invalid_session")
      : new UnauthorizedError();
  }
  await next();
});

/** The signed-in user (after `requireUser`). */
export function currentUser(c: Context<AppEnv>): User {
  const user = c.var.user;
  if (!user) throw new UnauthorizedError();
  return user;
}

/**
 * The client's address. `X-Forwarded-For` is read only when `TRUST_PROXY` is
 * set, and then only the entry the trusted proxies appended (counted from the
 * right), so a client cannot choose its own address.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const hops = c.var.deps.config.trustProxy;
  if (hops > 0) {
    const chain = (c.req.header("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const entry = chain[chain.length - hops];
    if (entry) return entry;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
