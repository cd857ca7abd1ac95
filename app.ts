/**
 * `createApp(deps)`: the whole HTTP app. Middleware (request id, security
 * headers, body limits, CSRF, session), the `/api` app, the dashboard pages,
 * static files, and the one place errors become answers. No I/O at import.
 *
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { join } from "node:path";
import { secureHeaders } from "hono/secure-headers";
import { createApi } from "./api/mod.ts";
import { csrfGuard } from "./http/csrf.ts";
import { sessionMiddleware } from "./http/session.ts";
import { serveStatic, STATIC_ROOT } from "./http/static_files.ts";
import { AppError } from "./lib/errors.ts";
import type { AppEnv } from "./http/app_env.ts";
import type { Deps } from "./models/ports/deps.ts";
import { createPages, renderErrorPage, renderNotFound } from "./routes/mod.ts";

const HTTP_CODES: Record<number, string> = {
  400: "bad_request",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

const isApi = (c: Context) => c.req.path === "/api" || c.req.path.startsWith("/api/");

function errorJson(c: Context<AppEnv>, status: number, code: string, message: string, details?: unknown) {
  c.header("cache-control", "no-store");
  return c.json({ error: { code, message, ...(details ? { details } : {}) } }, status as 400);
}

/** Builds the app around its dependencies. */
export function createApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  app.use("*", async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId", requestId);
    c.set("deps", deps);
    c.header("x-request-id", requestId);
    await next();
  });

  // Registered before the security headers so it has the last word: attachments render nothing active.
  app.use("/api/files/*", async (c, next) => {
    await next();
    c.header("Content-Security-Policy", "default-src 'none'; sandbox");
  });

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "https:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "strict-origin-when-cross-origin",
      xFrameOptions: "DENY",
      strictTransportSecurity: deps.config.production ? "max-age=63072000; includeSubDomains" : false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: false,
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    }),
  );

  // The widget's script, its API and attachment URLs are used from customers' sites; the rest is ours only.
  app.use("*", async (c, next) => {
    await next();
    const shared = /^\/(widget\.js$|widget\/|api\/widget\/|api\/files\/)/.test(c.req.path);
    try {
      c.header("Cross-Origin-Resource-Policy", shared ? "cross-origin" : "same-origin");
    } catch { /* immutable headers (WebSocket upgrade): nothing to protect */ }
  });

  const tooLarge = (c: Context) =>
    errorJson(c as Context<AppEnv>, 413, "payload_too_large", "The request body is too large.");
  const jsonLimit = bodyLimit({ maxSize: 1024 * 1024, onError: tooLarge });
  // Uploads get their own, larger limit (enforced while the body streams in).
  const uploadLimit = bodyLimit({ maxSize: deps.config.maxUploadBytes + 64 * 1024, onError: tooLarge });
  const UPLOADS = /^\/api\/(agents\/[0-9a-f]{24}\/train|widget\/uploads|conversations\/uploads)$/;
  app.use("/api/*", (c, next) => (UPLOADS.test(c.req.path) ? uploadLimit : jsonLimit)(c, next));
  app.use("/api/*", csrfGuard);
  app.use("*", sessionMiddleware);

  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/readyz", async (c) => {
    try {
      await deps.store.ping();
      return c.json({ ok: true, database: "up" });
    } catch (err) {
      deps.log.error("readiness check failed", { err, requestId: c.var.requestId });
      return errorJson(c, 503, "unavailable", "The database does not answer.");
    }
  });

  app.use("/static/*", serveStatic("/static/"));
  // The embeddable widget: the loader at a stable URL, its lazily loaded parts beside it.
  // Module scripts load with CORS from customers' pages, so the widget's files say any origin may read them.
  app.use("/widget.js", cors({ origin: "*" }));
  app.use("/widget/*", cors({ origin: "*" }));
  app.get("/widget.js", (c, next) => serveStatic("/", join(STATIC_ROOT, "build"))(c, next));
  app.use("/widget/*", serveStatic("/widget/", join(STATIC_ROOT, "build", "widget")));
  app.route("/api", createApi());
  app.route("/", createPages());

  app.notFound((c) => isApi(c) ? errorJson(c, 404, "not_found", "API route not found.") : renderNotFound(c));

  app.onError((err, c) => {
    if (err instanceof AppError) {
      if (err.status === 429 && err.details?.retryAfter) c.header("retry-after", String(err.details.retryAfter));
      if (isApi(c)) return errorJson(c, err.status, err.code, err.message, err.details);
      return renderErrorPage(c, err.status, err.message);
    }
    if (err instanceof HTTPException && err.status < 500) {
      const code = HTTP_CODES[err.status] ?? "http_error";
      const message = err.status === 400 && /JSON/i.test(err.message)
        ? "The request body is not valid JSON."
        : err.message || "Bad request.";
      if (isApi(c)) return errorJson(c, err.status, code, message);
      return renderErrorPage(c, err.status, message);
    }
    deps.log.error("unhandled error", { err, requestId: c.var.requestId, path: c.req.path, method: c.req.method });
    const message = `Something went wrong on our side. Reference: ${c.var.requestId}.`;
    if (isApi(c)) return errorJson(c, 500, "internal_error", message);
    return renderErrorPage(c, 500, message);
  });

  return app;
}
