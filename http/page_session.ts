/**
 * The session guard for pages: a signed-in page sends whoever is not signed in
 * to `/login?next=...` (the API's guard, `requireApiSession` in
 * `api_session.ts`, answers 401 instead), and `next` only ever names a path on
 * this site (no open redirects).
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app_env.ts";

const BASE = "http://frontdesk.invalid";

/**
 * Returns `raw` as a same-site path (`/x?y#z`) or null: absolute URLs,
 * protocol-relative `//host`, backslashes, control characters and the auth
 * pages themselves are refused.
 */
export function safeNext(raw: string | null | undefined): string | null {
  // deno-lint-ignore no-control-regex -- refusing control characters is the point
  if (!raw || raw[0] !== "/" || raw.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || ["/login", "/signup"].includes(url.pathname)) return null;
  return url.pathname + url.search + url.hash;
}

/** The sign-in URL that comes back to the current page afterwards. */
function loginUrl(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  const here = url.pathname + url.search;
  return here === "/" ? "/login" : `/login?next=${encodeURIComponent(here)}`;
}

/** Guards a signed-in page: redirects to the sign-in page (and back afterwards) when no one is signed in. */
export const requirePageSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) return c.redirect(loginUrl(c), 302);
  await next();
};
