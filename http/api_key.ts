/**
 * API keys on the HTTP side. {@linkcode apiKeyMiddleware} (on `/api/*`) authenticates a request whose
 * `Authorization: Bearer` carries an API key (`fd_live_…`) and puts its principal on `c.var.apiKey`,
 * refusing an unknown or revoked key with 401 at once. It does not sign anyone in: only
 * {@linkcode apiKeyAccess}, which `route()` (`api/openapi.ts`) puts in front of every operation, makes the
 * key's creator the request's user, and only for operations whose `security` lists `apiKey`, within the
 * key's scope and rate limit. Anything else (pages, operations for sessions only, hand-mounted routes)
 * never sees a user, so a key is refused by default. Pages never read the header at all.
 *
 * Limits: {@linkcode KEY_WINDOW_MS} windows of `API_KEY_RATE_LIMIT` requests per key, answered with the
 * `RateLimit-*` headers (IETF draft `RateLimit` header fields, the `-Limit/-Remaining/-Reset` form most
 * clients read) and, over the limit, 429 with `Retry-After`.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { ForbiddenError, RateLimitedError } from "../lib/errors.ts";
import { isApiKeyToken, scopeAllows } from "../models/api_keys/api_key.ts";
import { authenticateApiKey } from "../models/api_keys/api_keys.ts";
import type { AppEnv } from "./app_env.ts";

/** The rate limit's window. */
export const KEY_WINDOW_MS = 60_000;

/** The API key a request carries in `Authorization: Bearer`, if it carries one. */
export function apiKeyToken(c: Context<AppEnv>): string | undefined {
  const auth = c.req.header("authorization");
  if (!auth?.startsWith("Bearer ")) return undefined;
  const token = auth.slice(7).trim();
  return isApiKeyToken(token) ? token : undefined;
}

/** Authenticates an API key, if the request carries one (401 when it is not valid). */
export const apiKeyMiddleware: MiddlewareHandler<AppEnv> = createMiddleware<AppEnv>(async (c, next) => {
  c.set("apiKey", null);
  const token = apiKeyToken(c);
  if (token) {
    c.set("apiKey", await authenticateApiKey(c.var.deps, token));
    // A request is judged by its key alone, whatever cookie it also carries.
    c.set("user", null);
  }
  await next();
});

/**
 * In front of one operation: with an API key, refuses it (403 `api_key_not_allowed`) unless the operation
 * takes keys, refuses a write with a `read` key (403 `insufficient_scope`), counts the request against the
 * key's limit, and then lets the key's creator act.
 */
export function apiKeyAccess(takesKeys: boolean): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.var.apiKey;
    if (principal) {
      if (!takesKeys) {
        throw new ForbiddenError(
          "API keys cannot be used here: API keys, the team, invites, your profile and sessions are managed signed in.",
          "api_key_not_allowed",
        );
      }
      if (!scopeAllows(principal.key.scope, c.req.method)) {
        throw new ForbiddenError(
          "This API key is read-only: create a write key to change things.",
          "insufficient_scope",
        );
      }
      countRequest(c, principal.key.id);
      c.set("user", principal.user);
    }
    await next();
  });
}

/** Counts one request of key `keyId`, sets the `RateLimit-*` headers, and throws 429 over the limit. */
export function countRequest(c: Context<AppEnv>, keyId: string): void {
  const limit = c.var.deps.config.apiKeyRateLimit;
  const r = c.var.deps.limiter.hit(`api_key:${keyId}`, { limit, windowMs: KEY_WINDOW_MS });
  c.header("RateLimit-Limit", String(limit));
  c.header("RateLimit-Remaining", String(r.remaining));
  c.header("RateLimit-Reset", String(r.retryAfter));
  c.header("RateLimit-Policy", `${limit};w=${KEY_WINDOW_MS / 1000}`);
  if (!r.ok) throw new RateLimitedError(r.retryAfter, `This API key is over its limit of ${limit} requests a minute.`);
}
