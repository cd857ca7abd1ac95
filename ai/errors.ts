/**
 * Turning HTTP answers and transport failures into `ProviderError`s, the
 * same way for every adapter, so the answer pipeline can decide on retries
 * without knowing which provider failed.
 *
 * @module
 */
import { ProviderError } from "../models/ports/ai_provider.ts";

/** Longest provider message kept in an error (bodies can be whole HTML pages). */
const MAX_DETAIL = 300;

/**
 * How long a 429 asks us to wait, from `retry-after-ms` (OpenAI) or
 * `Retry-After` (seconds, possibly fractional, or an HTTP date).
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = headers.get("retry-after")?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number.parseFloat(raw) * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The human part of an error body, whatever its shape: OpenAI and Anthropic
 * `{error: {message}}`, FastAPI (Lyzr) `{detail: string | [{msg}]}`,
 * `{message}`, `{error: "..."}` or plain text.
 */
export function errorDetail(body: unknown): string | undefined {
  const text = detailOf(body);
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL)}…` : flat;
}

function detailOf(body: unknown): string | undefined {
  if (body == null) return undefined;
  if (typeof body === "string") {
    const trimmed = body.trim();
    if (trimmed.startsWith("{")) {
      try {
        return detailOf(JSON.parse(trimmed)) ?? trimmed;
      } catch { /* not JSON: the text is the detail */ }
    }
    return trimmed || undefined;
  }
  if (Array.isArray(body)) {
    const parts = body.map((item) => detailOf(item)).filter(Boolean);
    return parts.length ? parts.join("; ") : undefined;
  }
  if (typeof body === "object") {
    const o = body as Record<string, unknown>;
    for (const key of ["error", "detail", "message", "msg"]) {
      if (o[key] !== undefined) {
        const inner = detailOf(o[key]);
        if (inner) return inner;
      }
    }
    return undefined;
  }
  return String(body);
}

/** The error for a non-2xx answer: 401/403 auth, 429 rate_limited, 408 timeout, 5xx server, other 4xx bad_request. */
export function statusError(label: string, status: number, headers: Headers, body?: unknown): ProviderError {
  const detail = errorDetail(body);
  const msg = `${label}: HTTP ${status}${detail ? ` ${detail}` : ""}`;
  if (status === 401 || status === 403) return new ProviderError("auth", msg, undefined, status);
  if (status === 429) return new ProviderError("rate_limited", msg, parseRetryAfter(headers), status);
  if (status === 408) return new ProviderError("timeout", msg, undefined, status);
  if (status >= 500) return new ProviderError("server", msg, undefined, status);
  return new ProviderError("bad_request", msg, undefined, status);
}

/** Reads an error response's body (as JSON when it is) and classifies it; never throws itself. */
export async function responseError(label: string, res: Response): Promise<ProviderError> {
  let body: unknown;
  try {
    body = await res.text();
  } catch {
    body = undefined;
  }
  return statusError(label, res.status, res.headers, body);
}

/** What an aborted call rejects with: the signal's reason (an `AbortError` DOMException by default). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/** The error for a request that got no answer within `ms`. */
export function timeoutError(label: string, ms: number, what = "no response"): ProviderError {
  return new ProviderError("timeout", `${label}: ${what} within ${ms} ms`);
}

/**
 * The error for a fetch that rejected: a ProviderError thrown by an injected
 * fetch (an SSRF guard, say) passes through unchanged; anything else is a
 * connection failure.
 */
export function transportError(label: string, err: unknown): ProviderError {
  const inner = err instanceof Error && err.cause instanceof ProviderError ? err.cause : err;
  if (inner instanceof ProviderError) return inner;
  const detail = inner instanceof Error ? inner.message : String(inner);
  return new ProviderError("network", `${label}: connection failed (${errorDetail(detail) ?? "unknown error"})`);
}

/** The error classes of a Stainless-generated SDK (`openai`, `@anthropic-ai/sdk`), passed in to stay SDK-neutral. */
export interface SdkErrorClasses {
  api: abstract new (...args: never[]) => Error & { status?: number; headers?: Headers; error?: unknown };
  timeout: abstract new (...args: never[]) => Error;
  connection: abstract new (...args: never[]) => Error;
}

/**
 * Classifies what an SDK call threw. An aborted call rejects with the abort
 * reason (not a ProviderError: the caller asked for it); a body that is not
 * the JSON it should be is `bad_response`.
 */
export function fromSdkError(
  label: string,
  err: unknown,
  classes: SdkErrorClasses,
  ctx: { signal?: AbortSignal; timeoutMs: number },
): unknown {
  if (err instanceof ProviderError) return err;
  if (ctx.signal?.aborted) return abortReason(ctx.signal);
  if (err instanceof classes.timeout) return timeoutError(label, ctx.timeoutMs);
  if (err instanceof classes.connection) return transportError(label, err.cause ?? err);
  if (err instanceof classes.api && typeof err.status === "number") {
    return statusError(label, err.status, err.headers ?? new Headers(), err.error ?? err.message);
  }
  if (err instanceof SyntaxError) {
    return new ProviderError("bad_response", `${label}: unreadable answer (${err.message})`);
  }
  if (err instanceof Error && err.name === "AbortError") return timeoutError(label, ctx.timeoutMs);
  return transportError(label, err);
}

/**
 * The error for an error event inside a 200 stream, from the provider's
 * error type (`rate_limit_error`, `overloaded_error`, `server_error`,
 * `invalid_request_error`...). Unknown types count as `server`: the request
 * was accepted, so the failure is on their side.
 */
export function streamError(label: string, type: string | undefined, message: string | undefined): ProviderError {
  const t = (type ?? "").toLowerCase();
  const kind = /rate_limit|requests|tokens|quota/.test(t)
    ? "rate_limited"
    : /auth|permission|invalid_api_key/.test(t)
    ? "auth"
    : /invalid_request|not_found|bad_request/.test(t)
    ? "bad_request"
    : /timeout/.test(t)
    ? "timeout"
    : "server";
  const detail = errorDetail(message) ?? (t || "unknown error");
  return new ProviderError(kind, `${label}: error in stream${type ? ` (${type})` : ""}: ${detail}`);
}
