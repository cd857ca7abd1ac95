/**
 * SSRF-safe fetching for every URL a user gives us (crawler, document-by-URL,
 * webhooks, provider base URLs). A URL passes only when it is http(s), has no
 * credentials, and its host is — or resolves, A and AAAA, only to — public
 * addresses. Redirects are followed by hand so every hop is checked the same way.
 *
 * DNS rebinding: we resolve, check, then connect. For plain `http:` to a host
 * name we close that gap by pinning the connection to the address we checked
 * (a one-request Deno HttpClient whose transport is that IP; the URL and Host
 * header stay unchanged). For `https:` Deno's fetch resolves the name again, so
 * a name that answers with a public address to us and a private one a moment
 * later gets a TCP connection and a TLS ClientHello to that private address.
 * TLS verification then fails, because no internal service holds a valid
 * certificate for the attacker's name — so no request or response crosses, but
 * the connection attempt itself (blind, port-scan grade) remains possible.
 * `/etc/hosts` entries are seen by fetch but not by `Deno.resolveDns`; the same
 * reasoning applies to them.
 *
 * @module
 */
import { AppError, ValidationError } from "./errors.ts";
import { isIpLiteral, type UrlPolicy, vetUrl } from "./net_address.ts";

export { assertPublicUrl, resolveDns, type Resolver, type UrlPolicy } from "./net_address.ts";

/** Options of {@linkcode safeFetch} and {@linkcode createSafeFetch}. */
export interface SafeFetchOptions extends UrlPolicy {
  /** Redirects followed (each one checked) before giving up; default 5. */
  maxRedirects?: number;
  /** Deadline for the whole exchange, body included; 0 for none. Default 15 s (`createSafeFetch`: none). */
  timeoutMs?: number;
  /** Deadline for the response headers, redirects included; the body may take longer (streaming). */
  headersTimeoutMs?: number;
  /** When set, the body errors with `too_large` once it passes this many bytes. */
  maxBytes?: number;
  /** The fetch underneath (tests, or a fetch that already adds something); no address pinning then. */
  fetch?: typeof fetch;
}

/** The final response and the URL it came from, after redirects. */
export interface SafeFetchResult {
  response: Response;
  url: URL;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Sent to the origin the caller chose, never to another one a redirect names.
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

/**
 * Fetches a user-supplied URL: checks it (and its DNS answers), sends with
 * `redirect: "manual"`, and checks each redirect target before following it.
 * Throws `ValidationError` (`unsafe_url`, `too_many_redirects`) for refused URLs;
 * network failures and timeouts reject as `fetch` does.
 */
export async function safeFetch(
  input: string | URL,
  init: RequestInit = {},
  opts: SafeFetchOptions = {},
): Promise<SafeFetchResult> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const headersDeadline = new AbortController();
  const timer = opts.headersTimeoutMs
    ? setTimeout(
      () => headersDeadline.abort(new DOMException("No response in time.", "TimeoutError")),
      opts.headersTimeoutMs,
    )
    : undefined;
  const signals = [init.signal, timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined, headersDeadline.signal];
  try {
    return await follow(input, { ...init, signal: AbortSignal.any(signals.filter((s) => !!s)) }, opts);
  } finally {
    clearTimeout(timer); // the headers are in: from here on only `timeoutMs` and the caller's signal apply
  }
}

async function follow(input: string | URL, init: RequestInit, opts: SafeFetchOptions): Promise<SafeFetchResult> {
  const maxRedirects = opts.maxRedirects ?? 5;
  const signal = init.signal;
  const headers = new Headers(init.headers);
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body instanceof ReadableStream ? await new Response(init.body).bytes() : init.body;
  let next: string | URL = input;
  for (let hop = 0;; hop++) {
    const { url, addresses } = await vetUrl(next, opts).catch((e) => {
      throw hop > 0 && e instanceof AppError ? redirectRefused(e) : e;
    });
    const res = await send(url, addresses, { ...init, method, headers, body, signal, redirect: "manual" }, opts.fetch);
    const location = REDIRECT_STATUSES.has(res.status) ? res.headers.get("location") : null;
    if (location === null || init.redirect === "manual") {
      return { response: opts.maxBytes === undefined ? res : limitBody(res, opts.maxBytes), url };
    }
    await res.body?.cancel();
    if (init.redirect === "error") throw new TypeError(`Redirect refused for ${url.href}`);
    if (hop >= maxRedirects) {
      throw new ValidationError("Too many redirects.", { url: url.href, maxRedirects }, "too_many_redirects");
    }
    if (res.status === 303 || (res.status <= 302 && method === "POST")) {
      method = "GET"; // what browsers do; the body belonged to the first request
      body = undefined;
      headers.delete("content-type");
      headers.delete("content-length");
    }
    next = URL.canParse(location, url) ? new URL(location, url) : location;
    if (typeof next === "string" || next.origin !== url.origin) CREDENTIAL_HEADERS.forEach((h) => headers.delete(h));
  }
}

function redirectRefused(e: AppError): ValidationError {
  return new ValidationError(`Refused a redirect: ${e.message}`, e.details, e.code);
}

/** One hop. Plain-http requests to a host name are pinned to the address we checked (see module doc). */
async function send(url: URL, addresses: string[], init: RequestInit, custom?: typeof fetch): Promise<Response> {
  if (custom) return await custom(url, init);
  if (url.protocol !== "http:" || isIpLiteral(url.hostname)) return await fetch(url, init);
  const ip = addresses[0];
  // A `tcp` transport carries the request unchanged (URL, Host header) to this socket only.
  // It also bypasses HTTP_PROXY for this request, which is what pinning means.
  const client = Deno.createHttpClient({
    proxy: { transport: "tcp", hostname: ip.includes(":") ? `[${ip}]` : ip, port: Number(url.port || 80) },
  });
  try {
    return await fetch(url, { ...init, client });
  } finally {
    client.close(); // the response body keeps its connection; closing only drops the pool
  }
}

/** Wraps the body so that reading past `maxBytes` fails with `too_large`. */
function limitBody(res: Response, maxBytes: number): Response {
  if (!res.body) return res;
  if (Number(res.headers.get("content-length") ?? NaN) > maxBytes) {
    res.body.cancel();
    throw tooLarge(maxBytes);
  }
  let size = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > maxBytes) controller.error(tooLarge(maxBytes));
      else controller.enqueue(chunk);
    },
  });
  return new Response(res.body.pipeThrough(counter), res);
}

/**
 * A `fetch`-compatible function with every request going through {@linkcode safeFetch}:
 * hand it to SDKs that call user-configured base URLs. By default only the wait for response
 * headers is bounded (15 s), so streamed bodies are not cut off.
 */
export function createSafeFetch(options: SafeFetchOptions = {}): typeof fetch {
  // SDK responses may stream for minutes; the SDK's own signal bounds them, we bound the wait for headers.
  const opts = { timeoutMs: 0, headersTimeoutMs: 15_000, ...options };
  return async (input: string | URL | Request, init?: RequestInit) => {
    if (input instanceof Request) {
      const req = new Request(input, init);
      const body = req.body ? await req.bytes() : undefined;
      init = { method: req.method, headers: req.headers, body, signal: req.signal, redirect: req.redirect };
      input = req.url;
    }
    return (await safeFetch(input, init, opts)).response;
  };
}

/**
 * Reads a response body into memory, failing with `ValidationError` code `too_large`
 * as soon as it passes `maxBytes` (the rest is never downloaded).
 */
export async function readLimited(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge(maxBytes);
  }
  if (!res.body) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) out.set(p, (at += p.byteLength) - p.byteLength);
  return out;
}

function tooLarge(maxBytes: number): ValidationError {
  return new ValidationError(`The response is larger than ${maxBytes} bytes.`, { maxBytes }, "too_large");
}
