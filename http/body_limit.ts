/**
 * Body limits under `/api`: 1 MiB for JSON, and for the three upload routes
 * the configured upload size plus room for the multipart envelope. Both are
 * enforced while the body streams in; too large answers 413.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { errorJson } from "./errors.ts";

/** Largest JSON body. */
export const JSON_LIMIT_BYTES = 1024 * 1024;
/** Multipart overhead allowed on top of the file itself. */
const ENVELOPE_BYTES = 64 * 1024;
const UPLOADS = /^\/api\/(agents\/[0-9a-f]{24}\/train|widget\/uploads|conversations\/uploads)$/;

/** The body limit for `/api/*`, choosing JSON's or the uploads' by path. */
export function bodyLimits(maxUploadBytes: number): MiddlewareHandler {
  const onError: Parameters<typeof bodyLimit>[0]["onError"] = (c) =>
    errorJson(c, 413, "payload_too_large", "The request body is too large.");
  const json = bodyLimit({ maxSize: JSON_LIMIT_BYTES, onError });
  const uploads = bodyLimit({ maxSize: maxUploadBytes + ENVELOPE_BYTES, onError });
  return (c, next) => (UPLOADS.test(c.req.path) ? uploads : json)(c, next);
}
