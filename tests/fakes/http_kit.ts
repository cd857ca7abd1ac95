/**
 * A small Hono app for testing one `http/` middleware at a time: request id
 * and deps on the context, the real error mapper (pages rendered as plain
 * text), and deps holding only a config and a logger that records errors.
 *
 * @module
 */
import { Hono } from "hono";
import { loadConfig } from "../../lib/config.ts";
import type { Logger } from "../../lib/log.ts";
import { type AppEnv, provideDeps } from "../../http/app_env.ts";
import { errorHandler } from "../../http/errors.ts";
import { requestId } from "../../http/request_id.ts";
import type { Deps } from "../../models/ports/deps.ts";

/** Deps with a test config (`APP_URL` http://localhost), a recording logger and whatever `extra` adds. */
export function plainDeps(
  env: Record<string, string> = {},
  extra: Partial<Deps> = {},
): Deps & { errors: Array<{ msg: string; fields?: Record<string, unknown> }> } {
  const config = loadConfig({
    APP_ENV: "test",
    APP_URL: "http://localhost",
    DATA_DIR: "/nonexistent",
    JWT_SECRET: "test-secret-0123456789-0123456789-abcdef",
    LOG_LEVEL: "silent",
    ...env,
  });
  const errors: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
  const log: Logger = {
    debug() {},
    info() {},
    warn() {},
    error: (msg, fields) => void errors.push({ msg, fields }),
  };
  return { config, log, ...extra, errors } as unknown as Deps & { errors: typeof errors };
}

/** An app with request ids, `deps` and the error mapper; pages render as `page <status>: <message>`. */
export function tinyApp(deps: Deps = plainDeps()): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", requestId, provideDeps(deps));
  app.onError(errorHandler((c, status, message) => c.text(`page ${status}: ${message}`, status as 400)));
  return app;
}
