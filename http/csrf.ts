/**
 * Cross-site request defence: a state-changing request that carries the
 * session cookie must come from the app's own origin (`Origin`, or lacking it
 * `Referer`). Requests without the cookie (API clients using headers) are not
 * at risk of CSRF, but a browser's foreign `Origin` is refused on the auth
 * endpoints too (login CSRF).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { ForbiddenError } from "../lib/errors.ts";
import type { AppEnv } from "./app_env.ts";
import { hasSessionCookie } from "./session.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

function requestOrigin(c: Context<AppEnv>): string | undefined {
  const origin = c.req.header("origin");
  if (origin && origin !== "null") return origin;
  if (origin === "null") return "null";
  const referer = c.req.header("referer");
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "null";
  }
}

/** True when `origin` is the app's configured origin or the origin the request was addressed to. */
export function isOwnOrigin(c: Context<AppEnv>, origin: string): boolean {
  return origin === c.var.deps.config.appOrigin || origin === new URL(c.req.url).origin;
}

/** Refuses cross-origin cookie-authenticated writes with 403 `bad_origin`. */
export const csrfGuard: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const origin = requestOrigin(c);
    if (hasSessionCookie(c)) {
      if (!origin || !isOwnOrigin(c, origin)) {
        throw new ForbiddenError("This request must come from the Frontdesk app itself.", "bad_origin");
      }
    } else if (origin && c.req.path.startsWith("/api/auth/") && !isOwnOrigin(c, origin)) {
      throw new ForbiddenError("This request must come from the Frontdesk app itself.", "bad_origin");
    }
  }
  await next();
});
