/**
 * A small client for the JSON API, used by the islands. Every call is
 * same-origin with the session cookie; errors come back as data (never thrown)
 * in the API's shape `{ error: { code, message, details?: { fields? } } }`.
 *
 * @module
 */

/** An API rejection, flattened for forms. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  /** Field name -> message, from `error.details.fields`. */
  fields: Record<string, string>;
}

/** Outcome of {@linkcode api}: the parsed body or the error. */
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

const NETWORK_ERROR = "We couldn't reach Frontdesk. Check your connection and try again.";

/** Reads an error body of any shape into an {@linkcode ApiError}. */
export function toApiError(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const details = (err?.details ?? {}) as Record<string, unknown>;
  // Field errors live in `details.fields`; some domain errors name fields at the top of `details`.
  const raw = (typeof details.fields === "object" && details.fields ? details.fields : details) as Record<
    string,
    unknown
  >;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") fields[k] = v;
  const fallback = status === 429
    ? "Too many attempts. Wait a few minutes and try again."
    : status >= 500
    ? "Something went wrong on our side. Please try again."
    : "That didn't work. Please check the form and try again.";
  return {
    status,
    code: typeof err?.code === "string" ? err.code : `http_${status}`,
    message: typeof err?.message === "string" && err.message ? err.message : fallback,
    fields,
  };
}

/** Calls the API: `body` (when given) is sent as JSON. */
export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: { status: 0, code: "network", message: NETWORK_ERROR, fields: {} } };
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.ok) return { ok: true, status: res.status, data: data as T };
  return { ok: false, status: res.status, error: toApiError(res.status, data) };
}
