/**
 * Request ids: every answer carries `X-Request-Id` (the caller's own, when it
 * looks like one, else a fresh UUID), and every server error is logged with it.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app_env.ts";

const ACCEPTED = /^[\w.-]{8,64}$/;

/** Sets `c.var.requestId` and echoes it in `X-Request-Id`. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const id = incoming && ACCEPTED.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", id);
  c.header("x-request-id", id);
  await next();
};
