/**
 * The one error mapper: typed `AppError`s and Hono's client errors become
 * `{ error: { code, message, details? } }` under `/api` and an error page
 * elsewhere; anything else is logged with the request id and answered 500
 * without internals. Pages are rendered by the caller's `renderPage` (the
 * page layer lives in `routes/`, which `http/` does not import).
 *
 * @module
 */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../lib/errors.ts";
import type { AppEnv } from "./app_env.ts";

/** Renders an error page for a status and a message. */
export type RenderErrorPage = (c: Context<AppEnv>, status: number, message: string) => Response;

const HTTP_CODES: Record<number, string> = {
  400: "bad_request",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** True for `/api` and everything under it. */
const isApiPath = (path: string): boolean => path === "/api" || path.startsWith("/api/");

/** The API's error body, never cached. */
export function errorJson(c: Context, status: number, code: string, message: string, details?: unknown): Response {
  c.header("cache-control", "no-store");
  return c.json({ error: { code, message, ...(details ? { details } : {}) } }, status as 400);
}

/** `app.onError`: the mapper itself. */
export function errorHandler(renderPage: RenderErrorPage): ErrorHandler<AppEnv> {
  return (err, c) => {
    const api = isApiPath(c.req.path);
    if (err instanceof AppError) {
      if (err.status === 429 && err.details?.retryAfter) c.header("retry-after", String(err.details.retryAfter));
      if (api) return errorJson(c, err.status, err.code, err.message, err.details);
      return renderPage(c, err.status, err.message);
    }
    if (err instanceof HTTPException && err.status < 500) {
      const code = HTTP_CODES[err.status] ?? "http_error";
      const message = err.status === 400 && /JSON/i.test(err.message)
        ? "The request body is not valid JSON."
        : err.message || "Bad request.";
      if (api) return errorJson(c, err.status, code, message);
      return renderPage(c, err.status, message);
    }
    const { requestId } = c.var;
    c.var.deps.log.error("unhandled error", { err, requestId, path: c.req.path, method: c.req.method });
    const message = `Something went wrong on our side. Reference: ${requestId}.`;
    if (api) return errorJson(c, 500, "internal_error", message);
    return renderPage(c, 500, message);
  };
}

/** `app.notFound`: JSON under `/api`, the not-found page elsewhere. */
export function notFoundHandler(renderNotFound: (c: Context<AppEnv>) => Response): NotFoundHandler<AppEnv> {
  return (c) => isApiPath(c.req.path) ? errorJson(c, 404, "not_found", "API route not found.") : renderNotFound(c);
}
