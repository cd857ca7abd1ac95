/**
 * The widget's authenticated HTTP calls (bearer visitor token, no cookies):
 * uploading a file, identifying the visitor, rating a resolved conversation.
 * Failures become an {@linkcode HttpError} carrying the server's error code.
 *
 * @module
 */
import type { WireAttachment } from "../../realtime/protocol.ts";
import type { IdentifyInput, VisitorInfo } from "../types.ts";

/** A refused request: `code` is the server's `error.code` (or `network`). */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message = code) {
    super(message);
  }
}

async function request<T>(url: string, token: string, body: BodyInit, json: boolean, fetchImpl = fetch): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: "POST",
      credentials: "omit",
      headers: { authorization: `Bearer ${token}`, ...(json ? { "content-type": "application/json" } : {}) },
      body,
    });
  } catch {
    throw new HttpError(0, "network");
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new HttpError(res.status, data?.error?.code ?? `http_${res.status}`, data?.error?.message);
  return data as T;
}

/** Uploads one file; send its id in the next `send` frame's `attachments`. */
export async function uploadFile(
  origin: string,
  token: string,
  file: Blob & { name?: string },
): Promise<WireAttachment> {
  const form = new FormData();
  form.append("file", file, file.name ?? "file");
  return (await request<{ attachment: WireAttachment }>(`${origin}/api/widget/uploads`, token, form, false)).attachment;
}

/** Tells the server who the visitor is (`userHash` marks them verified). */
export async function identifyVisitor(origin: string, token: string, input: IdentifyInput): Promise<VisitorInfo> {
  const body = JSON.stringify({ email: input.email, name: input.name, userHash: input.userHash });
  return (await request<{ visitor: VisitorInfo }>(`${origin}/api/widget/identify`, token, body, true)).visitor;
}

/** Rates the ticket of a resolved conversation (1-5): 409 `not_resolved` when it is open again. */
export async function rateConversation(
  origin: string,
  token: string,
  conversationId: string,
  rating: { score: number; comment?: string },
): Promise<void> {
  await request(`${origin}/api/widget/conversations/${conversationId}/rating`, token, JSON.stringify(rating), true);
}

/** A random id for `clientId` (`crypto.randomUUID` needs a secure context; host pages may not be one). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
