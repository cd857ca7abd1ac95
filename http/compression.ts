/**
 * Response compression by `Accept-Encoding`: brotli when the client takes it,
 * else gzip. Static build files arrive already compressed (`.br` / `.gz` written
 * by `tasks/build.ts`, picked by `static_files.ts`); this middleware compresses
 * what is made per request (HTML pages, JSON) above a small threshold.
 *
 * Never touched: WebSocket upgrades, event streams (the playground's answer is
 * SSE and must flush token by token), anything already encoded, images other
 * than SVG, attachments (`Content-Disposition`), `Cache-Control: no-transform`.
 * hono/compress would do the gzip half only (`CompressionStream` has no brotli);
 * node:zlib's brotli runs in Deno, off the event loop.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

/** Content types worth compressing: text, JSON, JavaScript, CSS, SVG. Never `text/event-stream`. */
export const COMPRESSIBLE =
  /^(text\/(html|css|javascript|plain|xml|markdown)|application\/([\w.+-]*json|javascript|xml)|image\/svg\+xml)\s*(;|$)/i;

/** A content encoding this app sends. */
export type Encoding = "br" | "gzip";

/**
 * The encoding to answer with for an `Accept-Encoding` header: brotli over gzip at
 * equal preference, nothing for `q=0`, `identity` or no header.
 */
export function pickEncoding(acceptEncoding: string | null | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const q: Record<string, number> = {};
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qp ? Number(qp.slice(2)) : 1;
    if (name) q[name] = Number.isFinite(value) ? value : 0;
  }
  const br = q.br ?? q["*"] ?? 0;
  const gz = q.gzip ?? q["*"] ?? 0;
  if (br > 0 && br >= gz) return "br";
  return gz > 0 ? "gzip" : null;
}

/** Adds `Accept-Encoding` to a response's `Vary` unless it is there. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get("vary");
  if (!vary) headers.set("vary", "Accept-Encoding");
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.set("vary", `${vary}, Accept-Encoding`);
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Compresses `bytes` for a response made per request (brotli quality 5: fast, near gzip -9 plus 15%). */
export async function compressBytes(bytes: Uint8Array, encoding: Encoding): Promise<Uint8Array<ArrayBuffer>> {
  return encoding === "br"
    ? new Uint8Array(
      await brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
    )
    : new Uint8Array(await gzipAsync(bytes, { level: 6 }));
}

/** Options of {@linkcode compression}. */
export interface CompressionOptions {
  /** Smaller bodies go as they are (compression would save less than a packet). Default 1024 bytes. */
  threshold?: number;
  /** Larger bodies go as they are rather than be buffered. Default 8 MiB. */
  maxBytes?: number;
}

/** The compression middleware; see the module doc. */
export function compression(opts: CompressionOptions = {}): MiddlewareHandler {
  const threshold = opts.threshold ?? 1024;
  const maxBytes = opts.maxBytes ?? 8 * 1024 * 1024;
  return async (c, next) => {
    // Read before `next()`: once Deno has upgraded a WebSocket its request headers are gone (reading them
    // throws), and the 101 must reach Deno untouched.
    if (c.req.header("upgrade")) return await next();
    const acceptEncoding = c.req.header("accept-encoding");
    await next();
    const res = c.res;
    if (!res.body || res.status === 101 || res.status === 204 || res.status === 206 || res.status === 304) return;
    const headers = res.headers;
    if (!COMPRESSIBLE.test(headers.get("content-type") ?? "")) return;
    try {
      varyOnEncoding(headers);
    } catch {
      return; // immutable headers: a response made elsewhere, passed through as is
    }
    if (headers.has("content-encoding") || headers.has("content-disposition")) return;
    if (/(^|,)\s*no-transform\s*(,|$)/i.test(headers.get("cache-control") ?? "")) return;
    const encoding = pickEncoding(acceptEncoding);
    if (!encoding || c.req.method === "HEAD") return;
    const declared = headers.get("content-length");
    if (declared !== null && (Number(declared) < threshold || Number(declared) > maxBytes)) return;
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length < threshold || bytes.length > maxBytes) {
      c.res = new Response(bytes, res);
      return;
    }
    const body = await compressBytes(bytes, encoding);
    headers.set("content-encoding", encoding);
    headers.set("content-length", String(body.length));
    headers.delete("etag"); // a strong validator names the identity bytes
    c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
  };
}
