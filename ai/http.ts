/**
 * Plain HTTP calls with the adapters' rules, for providers we talk to
 * without an SDK (Lyzr): one deadline per call, the caller's abort, and
 * every failure classified as a ProviderError.
 *
 * @module
 */
import { ProviderError } from "../models/ports/ai_provider.ts";
import { abortReason, responseError, timeoutError, transportError } from "./errors.ts";
import type { ResolvedOptions } from "./options.ts";
import { readAll } from "./sse.ts";

/** Who is calling, for error messages and limits. */
export interface CallContext {
  label: string;
  opts: ResolvedOptions;
  signal?: AbortSignal;
}

/** A response whose deadline is still running until `settle()` (call it once the body is in hand). */
export interface Pending {
  res: Response;
  settle(): void;
  /** Aborted (with a `timeout` ProviderError as reason) when the deadline passes. */
  deadline: AbortSignal;
}

/**
 * Sends a request through the injected fetch. Resolves at the response
 * headers, whatever the status; the deadline keeps running (and would cut
 * the body) until `settle()`.
 */
export async function send(url: string, init: RequestInit, ctx: CallContext): Promise<Pending> {
  if (ctx.signal?.aborted) throw abortReason(ctx.signal);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(timeoutError(ctx.label, ctx.opts.timeoutMs)), ctx.opts.timeoutMs);
  const settle = () => clearTimeout(timer);
  const signal = ctx.signal ? AbortSignal.any([deadline.signal, ctx.signal]) : deadline.signal;
  try {
    const res = await ctx.opts.fetch(url, { ...init, signal });
    return { res, settle, deadline: deadline.signal };
  } catch (err) {
    settle();
    throw failure(err, deadline.signal, ctx);
  }
}

/**
 * A JSON call: non-2xx answers become ProviderErrors (404 included: the
 * caller checks `status` first when it wants to handle one), the body is
 * read within the same deadline, and an empty body reads as `null`.
 */
export async function requestJson(
  method: string,
  url: string,
  headers: HeadersInit,
  body: unknown,
  ctx: CallContext,
): Promise<{ status: number; data: unknown }> {
  const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  const { res, settle, deadline } = await send(url, init, ctx);
  try {
    if (!res.ok) throw await responseError(ctx.label, res);
    const text = res.body ? await readAll(res.body, { ...ctx, idleTimeoutMs: ctx.opts.timeoutMs }) : "";
    if (!text.trim()) return { status: res.status, data: null };
    try {
      return { status: res.status, data: JSON.parse(text) };
    } catch {
      throw new ProviderError("bad_response", `${ctx.label}: the answer is not JSON (${text.slice(0, 80)})`);
    }
  } catch (err) {
    await res.body?.cancel().catch(() => {});
    if (ctx.signal?.aborted || deadline.aborted) throw failure(err, deadline, ctx);
    throw err instanceof ProviderError ? err : transportError(ctx.label, err);
  } finally {
    settle();
  }
}

function failure(err: unknown, deadline: AbortSignal | undefined, ctx: CallContext): unknown {
  if (ctx.signal?.aborted) return abortReason(ctx.signal);
  if (deadline?.aborted) return deadline.reason;
  return transportError(ctx.label, err);
}
