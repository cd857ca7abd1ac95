/**
 * The widget's authenticated HTTP calls (bearer visitor token, no cookies):
 * uploading a file, identifying the visitor, rating a resolved conversation,
 * and renewing the token when the server no longer takes it.
 * Failures become an {@linkcode HttpError} carrying the server's error code.
 *
 * @module
 */
import type { WireAttachment } from "../../realtime/protocol.ts";
import { fetchSession } from "../session.ts";
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

/**
 * The visitor's token and the calls made with it. A token the server no longer takes is renewed with a
 * fresh session, at most every 30 seconds.
 */
export class VisitorHttp {
  #refreshedAt = 0;

  constructor(
    public token: string,
    private readonly o: { origin: string; agentId: string; lang?: string; pageUrl(): string },
  ) {}

  /** Uploads one file; send its id in the next `send` frame's `attachments`. */
  async upload(file: Blob & { name?: string }): Promise<WireAttachment> {
    const form = new FormData();
    form.append("file", file, file.name ?? "file");
    const url = `${this.o.origin}/api/widget/uploads`;
    return (await request<{ attachment: WireAttachment }>(url, this.token, form, false)).attachment;
  }

  /** Tells the server who the visitor is (`userHash` marks them verified). */
  async identify(input: IdentifyInput): Promise<VisitorInfo> {
    const body = JSON.stringify({ email: input.email, name: input.name, userHash: input.userHash });
    const url = `${this.o.origin}/api/widget/identify`;
    return (await request<{ visitor: VisitorInfo }>(url, this.token, body, true)).visitor;
  }

  /** Rates the ticket of a resolved conversation (1-5): 409 `not_resolved` when it is open again. */
  async rate(conversationId: string, rating: { score: number; comment?: string }): Promise<void> {
    const url = `${this.o.origin}/api/widget/conversations/${conversationId}/rating`;
    await request(url, this.token, JSON.stringify(rating), true);
  }

  /**
   * Renews the token: `renewed` (reconnect with it), `gone` (the chat is no longer available), `failed`,
   * or `skipped` (renewed a moment ago).
   */
  async renew(): Promise<"renewed" | "gone" | "failed" | "skipped"> {
    if (Date.now() - this.#refreshedAt < 30_000) return "skipped";
    this.#refreshedAt = Date.now();
    try {
      const session = await fetchSession(this.o.origin, this.o.agentId, this.o.pageUrl(), {
        fresh: true,
        lang: this.o.lang,
      });
      if (!session) return "gone";
      this.token = session.token;
      return "renewed";
    } catch {
      return "failed";
    }
  }
}

/** A random id for `clientId` (`crypto.randomUUID` needs a secure context; host pages may not be one). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
