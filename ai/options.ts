/**
 * Options every provider adapter takes from the composition root: the fetch
 * to send HTTP through (production wraps it with SSRF checks on base URLs)
 * and the two time limits the adapters enforce themselves.
 *
 * @module
 */
import { ProviderError } from "../models/ports/ai_provider.ts";

/** How an adapter talks to the network. */
export interface AdapterOptions {
  /** Every HTTP request of the adapter goes through this (default: the global `fetch`). */
  fetch?: typeof fetch;
  /**
   * Limit of one call, in ms (default 60 s): until the response headers for a
   * stream, until the whole body for a plain request (embeddings, listing, mirror).
   */
  timeoutMs?: number;
  /** Longest silence allowed in the middle of a stream, in ms (default 20 s). */
  idleTimeoutMs?: number;
}

/** AdapterOptions with the defaults filled in. */
export interface ResolvedOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  idleTimeoutMs: number;
}

/** Default limit of one call. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** Default longest silence in a stream. */
const DEFAULT_IDLE_TIMEOUT_MS = 20_000;

/** Fills in the defaults; the global fetch is looked up per call so tests may stub it. */
export function resolveOptions(opts: AdapterOptions = {}): ResolvedOptions {
  return {
    fetch: opts.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    idleTimeoutMs: opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
  };
}

/**
 * A provider's API base URL from settings, without a trailing slash, query
 * or fragment. An unusable one is the workspace's mistake, so it throws
 * `bad_request` (never retried) rather than failing later as a network error.
 */
export function apiBase(raw: string | undefined, fallback: string, label: string): string {
  const text = raw?.trim() || fallback;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch { /* reported below */ }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ProviderError("bad_request", `${label}: the base URL "${text.slice(0, 100)}" is not an http(s) URL`);
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}
