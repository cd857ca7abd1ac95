/**
 * The session guard for the API: a request without a valid session answers
 * 401 (`invalid_session` when it carried a token that no longer works). Pages
 * use `requirePageSession` (`page_session.ts`), which redirects instead.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { UnauthorizedError } from "../lib/errors.ts";
import type { AppEnv } from "./app_env.ts";
import { sessionToken } from "./session.ts";

/**
 * Refuses with 401 unless signed in or carrying a valid API key. A key's creator becomes the user only in
 * the operation's own guard (`apiKeyAccess`, put there by `route()`), so a handler not declared with
 * `route()` still refuses a key (no user).
 */
export const requireApiSession: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.user && !c.var.apiKey) {
    throw sessionToken(c)
      ? new UnauthorizedError("Your session has ended. Sign in again.", "invalid_session")
      : new UnauthorizedError();
  }
  await next();
});
