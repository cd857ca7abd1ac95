/**
 * Static files: `static/` at `/static/*`, and the embeddable widget (its
 * loader at `/widget.js`, its lazily loaded parts under `/widget/`). Known
 * types only, never as HTML, with long caching for hashed build output.
 *
 * @module
 */
import { Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./app_env.ts";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Root folder of static files (next to this repo's `static/`). */
const STATIC_ROOT: string = fileURLToPath(new URL("../static/", import.meta.url));

/** A handler serving `root` under the mount path prefix `prefix`. */
function serveStatic(prefix: string, root: string = STATIC_ROOT): MiddlewareHandler {
  return async (c, next) => {
    const rel = normalize(decodeURIComponent(c.req.path.slice(prefix.length))).replace(/^(\.\.(\/|$))+/, "");
    const type = TYPES[extname(rel)];
    if (!type || rel.includes("\0") || rel.split("/").some((p) => p.startsWith("."))) return await next();
    try {
      const file = await Deno.open(join(root, rel), { read: true });
      const info = await file.stat();
      if (!info.isFile) {
        file.close();
        return await next();
      }
      // Hashed names, and URLs carrying their content hash as `?v=`, never change.
      const immutable = /\.[0-9a-f]{8,}\./.test(rel) || /(^|\/)chunk-/.test(rel) ||
        /^[\w-]{6,}$/.test(c.req.query("v") ?? "");
      return new Response(file.readable, {
        headers: {
          "content-type": type,
          "content-length": String(info.size),
          "cache-control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=300",
        },
      });
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return await next();
      throw err;
    }
  };
}

/**
 * The static routes: `/static/*`, and the widget's files. Module scripts load with CORS from customers'
 * pages, so the widget's files say any origin may read them.
 */
export function staticRoutes(root: string = STATIC_ROOT): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("/static/*", serveStatic("/static/", root));
  app.use("/widget.js", cors({ origin: "*" }));
  app.use("/widget/*", cors({ origin: "*" }));
  app.get("/widget.js", serveStatic("/", join(root, "build")));
  app.use("/widget/*", serveStatic("/widget/", join(root, "build", "widget")));
  return app;
}
