/**
 * The session cookie and who is calling: reads the JWT from the cookie (or an
 * `Authorization: Bearer` header) and sets `c.var.user` for every request,
 * refusing nobody. The guards that refuse are `api_session.ts` (401) and
 * `page_session.ts` (redirect to the sign-in page).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Config } from "../lib/config.ts";
import { UnauthorizedError } from "../lib/errors.ts";
import type { AppEnv } from "./app_env.ts";
import { authenticate } from "../models/accounts/session.ts";
import type { User } from "../models/accounts/user.ts";
import { isApiKeyToken } from "../models/api_keys/api_key.ts";

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

/** The raw session token of the request, if any (an API key in `Authorization` is not one: `api_key.ts`). */
export function sessionToken(c: Context<AppEnv>): string | undefined {
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) {
    const token = auth.slice(7).trim();
    if (!isApiKeyToken(token)) return token;
  }
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

/**
 * The signed-in user of a request behind a session guard (`requireApiSession` or `requirePageSession`);
 * throws 401 when there is none.
 */
export function currentUser(c: Context<AppEnv>): User {
  const user = c.var.user;
  if (!user) throw new UnauthorizedError();
  return user;
}
