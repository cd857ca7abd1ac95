/**
 * The Hono environment shared by the API and the pages: what middleware puts
 * on the context for handlers to read.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { Deps } from "../models/ports/deps.ts";
import type { User } from "../models/accounts/user.ts";
import type { ApiPrincipal } from "../models/api_keys/api_keys.ts";

/** Context variables set by the `http/` middleware. */
export interface AppVariables {
  deps: Deps;
  /** The signed-in user, or null (set for every request by the session middleware). */
  user: User | null;
  /**
   * The API key the request carries, once authenticated (`api_key.ts`); null without one. Its creator becomes
   * `user` only on operations that take keys.
   */
  apiKey: ApiPrincipal | null;
  /** Echoed in `X-Request-Id` and logged with every server error. */
  requestId: string;
}

/** Hono's Env for this app. */
export type AppEnv = { Variables: AppVariables };

/** Puts the app's dependencies on every request as `c.var.deps`. */
export function provideDeps(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("deps", deps);
    await next();
  };
}
