/**
 * Static files: `static/` at `/static/*`, and the embeddable widget (its
 * loader at `/widget.js`, its lazily loaded parts under `/widget/`). Known
 * types only, never as HTML.
 *
 * - Compressed as the build left them: `name.br` / `name.gz` beside a file
 *   (written by `tasks/build.ts`) are sent by `Accept-Encoding`, with
 *   `Vary: Accept-Encoding`; files without them pass through `compression.ts`.
 * - Cached by name: a build output whose name carries its content hash
 *   (`app-<hash>.css`, `LoginForm-<hash>.js`, `chunk-<hash>.js`, `chat-<hash>.js`)
 *   is immutable for a year; anything else, the stable loader URL `/widget.js`
 *   included, is kept five minutes.
 *
 * @module
 */
import { Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./app_env.ts";
import { COMPRESSIBLE, pickEncoding, varyOnEncoding } from "./compression.ts";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Root folder of static files (next to this repo's `static/`). */
const STATIC_ROOT: string = fileURLToPath(new URL("../static/", import.meta.url));

/** A build output named by its content: `-` and 8 base32 characters (esbuild's `[hash]`) before the extension. */
export const HASHED = /-[A-Z2-7]{8}\.(js|css)$/;

/** An open regular file and its size, or null when there is none at `path`. */
async function openFile(path: string): Promise<{ file: Deno.FsFile; size: number } | null> {
  try {
    const file = await Deno.open(path, { read: true });
    const info = await file.stat();
    if (info.isFile) return { file, size: info.size };
    file.close();
    return null;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
}

/** A handler serving `root` under the mount path prefix `prefix`. */
function serveStatic(prefix: string, root: string = STATIC_ROOT): MiddlewareHandler {
  return async (c, next) => {
    const rel = normalize(decodeURIComponent(c.req.path.slice(prefix.length))).replace(/^(\.\.(\/|$))+/, "");
    const type = TYPES[extname(rel)];
    if (!type || rel.includes("\0") || rel.split("/").some((p) => p.startsWith("."))) return await next();
    const path = join(root, rel);
    const encoding = COMPRESSIBLE.test(type) ? pickEncoding(c.req.header("accept-encoding")) : null;
    try {
      // The precompressed twin when there is one and the client takes it, else the file itself.
      const twin = encoding ? await openFile(`${path}.${encoding === "br" ? "br" : "gz"}`) : null;
      const opened = twin ?? await openFile(path);
      if (!opened) return await next();
      const headers = new Headers({
        "content-type": type,
        "content-length": String(opened.size),
        "cache-control": HASHED.test(rel) ? "public, max-age=31536000, immutable" : "public, max-age=300",
      });
      if (COMPRESSIBLE.test(type)) varyOnEncoding(headers);
      if (twin) headers.set("content-encoding", encoding!);
      return new Response(opened.file.readable, { headers });
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
