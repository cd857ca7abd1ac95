/**
 * `createApp(deps)`: the whole HTTP app. It only mounts things: the `http/`
 * middleware (request id, compression, security headers, body limits, CSRF, session), the
 * probes, static files, the `/api` app, the dashboard pages, and the one error
 * mapper. No I/O at import.
 *
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { createApi } from "./api/mod.ts";
import { apiKeyMiddleware } from "./http/api_key.ts";
import { type AppEnv, provideDeps } from "./http/app_env.ts";
import { bodyLimits } from "./http/body_limit.ts";
import { compression } from "./http/compression.ts";
import { csrfGuard } from "./http/csrf.ts";
import { errorHandler, notFoundHandler } from "./http/errors.ts";
import { healthRoutes } from "./http/health.ts";
import { requestId } from "./http/request_id.ts";
import { securityHeaders } from "./http/security_headers.ts";
import { sessionMiddleware } from "./http/session.ts";
import { staticRoutes } from "./http/static_files.ts";
import type { Deps } from "./models/ports/deps.ts";
import { createPages, renderErrorPage, renderNotFound } from "./routes/mod.ts";

/** Builds the app around its dependencies. */
export function createApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", requestId, provideDeps(deps));
  app.use("*", compression());
  app.use("*", securityHeaders({ production: deps.config.production }));
  app.use("/api/*", bodyLimits(deps.config.maxUploadBytes));
  app.use("/api/*", csrfGuard);
  app.use("*", sessionMiddleware);
  app.use("/api/*", apiKeyMiddleware);

  app.route("/", healthRoutes());
  app.route("/", staticRoutes());
  app.route("/api", createApi());
  app.route("/", createPages());

  app.notFound(notFoundHandler(renderNotFound));
  app.onError(errorHandler(renderErrorPage));
  return app;
}
