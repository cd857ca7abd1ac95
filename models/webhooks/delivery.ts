/**
 * One attempt of a webhook delivery: sign, POST through the SSRF-checked
 * fetch (the URL and its DNS answers checked again on every attempt; no
 * redirect followed: a 3xx is a failure; 10 s for the whole exchange), keep
 * an excerpt of the answer, and record the outcome: the next attempt on the
 * retry schedule, or the end; and the endpoint's health, which disables it
 * after failing without a break for `WEBHOOK_DISABLE_AFTER_HOURS`.
 *
 * @module
 */
import { AppError } from "../../lib/errors.ts";
import { safeFetch } from "../../lib/safe_fetch.ts";
import { newEvent, SYSTEM } from "../events/event.ts";
import type { Deps } from "../ports/deps.ts";
import type { AttemptOutcome } from "../ports/store_webhooks.ts";
import { signedHeaders } from "./message.ts";
import {
  DELIVERY_TIMEOUT_MS,
  nextAttemptAt,
  RESPONSE_EXCERPT_BYTES,
  secretAd,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "./webhook.ts";

/** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
export async function liveSecrets(deps: Deps, e: WebhookEndpoint, now: Date): Promise<string[]> {
  const ad = secretAd(e.workspaceId, e.id);
  const secrets = [await deps.secrets.open(e.secretSealed, ad)];
  if (e.previousSecretSealed && e.previousSecretExpiresAt && e.previousSecretExpiresAt > now) {
    secrets.push(await deps.secrets.open(e.previousSecretSealed, ad));
  }
  return secrets;
}

/** Reads at most `max` bytes of a body as text, then lets the rest go. */
async function excerpt(res: Response, max = RESPONSE_EXCERPT_BYTES): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) at += (bytes.set(p, at), p.byteLength);
  return new TextDecoder().decode(bytes.subarray(0, max));
}

function describe(err: unknown): string {
  if (err instanceof DOMException && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s.`;
  }
  if (err instanceof AppError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** What came back from one POST. */
interface Sent {
  statusCode: number | null;
  response: string | null;
  error: string | null;
  latencyMs: number;
}

async function send(deps: Deps, e: WebhookEndpoint, d: WebhookDelivery, now: Date, signal?: AbortSignal) {
  const started = performance.now();
  try {
    const headers = signedHeaders(d.eventId, d.body, await liveSecrets(deps, e, now), new Date());
    const { response } = await safeFetch(e.url, { method: "POST", headers, body: d.body, redirect: "manual", signal }, {
      allowLoopback: deps.config.fetchAllowLoopback,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      maxRedirects: 0,
    });
    const text = await excerpt(response);
    const ok = response.status >= 200 && response.status < 300;
    const redirect = response.status >= 300 && response.status < 400;
    return {
      statusCode: response.status,
      response: text,
      error: ok
        ? null
        : redirect
        ? `Redirects are not followed (to ${response.headers.get("location") ?? "?"}).`
        : null,
      latencyMs: Math.round(performance.now() - started),
    } satisfies Sent;
  } catch (err) {
    return {
      statusCode: null,
      response: null,
      error: describe(err),
      latencyMs: Math.round(performance.now() - started),
    };
  }
}

const succeeded = (s: Sent) => s.statusCode !== null && s.statusCode >= 200 && s.statusCode < 300;

/**
 * Attempts a claimed delivery and records the outcome. `manual` (a redelivery an admin asked for): a failure does
 * not move a finished delivery back onto the schedule. Returns the delivery as recorded.
 */
export async function attemptDelivery(
  deps: Deps,
  d: WebhookDelivery,
  opts: { manual?: boolean; signal?: AbortSignal } = {},
): Promise<WebhookDelivery> {
  const now = deps.clock.now();
  const endpoint = await deps.store.webhooks.get(d.workspaceId, d.endpointId);
  if (!endpoint) return d; // deleted with its deliveries
  const sent: Sent = endpoint.enabled || opts.manual || !d.retries
    ? await send(deps, endpoint, d, now, opts.signal)
    : { statusCode: null, response: null, error: "The endpoint is disabled.", latencyMs: 0 };
  const at = deps.clock.now();
  const ok = succeeded(sent);
  const attempts = d.attempts + 1;
  const scheduled = d.retries && d.status === "pending" && endpoint.enabled;
  const next = ok || !scheduled ? null : nextAttemptAt(attempts, at);
  const delivery: AttemptOutcome["delivery"] = {
    id: d.id,
    status: ok ? "succeeded" : next ? "pending" : "failed",
    attempts,
    nextAttemptAt: next,
    lastStatusCode: sent.statusCode,
    lastLatencyMs: sent.latencyMs,
    lastResponse: sent.response,
    lastError: sent.error,
    deliveredAt: ok ? at : d.deliveredAt,
    updatedAt: at,
  };
  const disableAfter = deps.config.webhookDisableAfterMs;
  await deps.store.webhooks.recordAttempt({
    workspaceId: d.workspaceId,
    attempt: { deliveryId: d.id, attempt: attempts, at, ...sent },
    delivery,
    health: !d.retries || !endpoint.enabled ? undefined : ok ? { ok: true } : {
      ok: false,
      at,
      disableIf: (e) => !!e.failingSince && at.getTime() - e.failingSince.getTime() >= disableAfter,
      emit: (e) => [
        newEvent("webhook.disabled", {
          workspaceId: e.workspaceId,
          aggregateId: e.id,
          actor: SYSTEM,
          at,
          payload: {
            webhookId: e.id,
            url: e.url,
            description: e.description,
            failingSince: (e.failingSince ?? at).toISOString(),
          },
        }),
      ],
    },
  });
  return { ...d, ...delivery };
}
