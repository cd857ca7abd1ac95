/**
 * Security headers on every answer: a CSP without inline scripts, no framing,
 * `nosniff`, a referrer policy, HSTS in production; a sandboxing CSP on
 * attachments; and a Cross-Origin-Resource-Policy that lets customers' sites
 * read only the widget's files, its API and attachment URLs.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** Paths used from customers' sites (the widget's script and files, its API, attachment URLs). */
const SHARED = /^\/(widget\.js$|widget\/|api\/widget\/|api\/files\/)/;
const isAttachment = (path: string) => path === "/api/files" || path.startsWith("/api/files/");

/** The app's security headers; `production` turns HSTS on. */
export function securityHeaders(opts: { production: boolean }): MiddlewareHandler {
  const headers = secureHeaders({
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
    strictTransportSecurity: opts.production ? "max-age=63072000; includeSubDomains" : false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
  return async (c, next) => {
    await headers(c, async () => {
      await next();
      try {
        c.header("Cross-Origin-Resource-Policy", SHARED.test(c.req.path) ? "cross-origin" : "same-origin");
      } catch { /* immutable headers (WebSocket upgrade): nothing to protect */ }
    });
    // The last word on attachments: whatever they are, they render nothing active.
    if (isAttachment(c.req.path)) c.header("Content-Security-Policy", "default-src 'none'; sandbox");
  };
}
