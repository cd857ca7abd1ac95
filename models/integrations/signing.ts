/**
 * Request signatures of the services that call us, checked before anything
 * in a body is trusted:
 * - Slack (signing version `v0`): `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<raw body>">` under
 *   the app's signing secret, `X-Slack-Request-Timestamp` in Unix seconds; older than 5 minutes is a replay.
 * - Zendesk: `X-Zendesk-Webhook-Signature: <base64 HMAC-SHA256 of timestamp + raw body>` under the webhook's
 *   signing secret, the timestamp in `X-Zendesk-Webhook-Signature-Timestamp`.
 *
 * Neither service publishes a verifier for Deno (Slack's lives inside `@slack/bolt`'s Node receiver, Zendesk
 * has none), and each is one HMAC, so they are written here, on Web Crypto, with a constant-time comparison.
 *
 * @module
 */
import { timingSafeEqual } from "../../lib/crypto.ts";

const encoder = new TextEncoder();

/** Slack's replay window. */
export const SLACK_MAX_AGE_SECONDS = 5 * 60;

async function hmac(secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const base64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));

/** Slack's `X-Slack-Signature` for a body sent at `timestamp` (Unix seconds). */
export async function slackSignature(secret: string, timestamp: string, body: string): Promise<string> {
  return `v0=${hex(await hmac(secret, `v0:${timestamp}:${body}`))}`;
}

/** Why a Slack request was refused, or null when it is genuine and fresh. */
export async function checkSlackSignature(
  secrets: readonly string[],
  headers: { signature: string | null; timestamp: string | null },
  body: string,
  now: Date,
): Promise<"unsigned" | "stale" | "bad_signature" | null> {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return "unsigned";
  const ts = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now.getTime() / 1000 - ts) > SLACK_MAX_AGE_SECONDS) return "stale";
  for (const secret of secrets) {
    if (timingSafeEqual(await slackSignature(secret, timestamp, body), signature)) return null;
  }
  return "bad_signature";
}

/** Zendesk's `X-Zendesk-Webhook-Signature` for a body sent with `timestamp`. */
export async function zendeskSignature(secret: string, timestamp: string, body: string): Promise<string> {
  return base64(await hmac(secret, timestamp + body));
}

/** Whether a Zendesk webhook request carries a valid signature. */
export async function checkZendeskSignature(
  secret: string,
  headers: { signature: string | null; timestamp: string | null },
  body: string,
): Promise<boolean> {
  if (!headers.signature || !headers.timestamp) return false;
  return timingSafeEqual(await zendeskSignature(secret, headers.timestamp, body), headers.signature);
}
