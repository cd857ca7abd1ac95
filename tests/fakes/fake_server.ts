/**
 * Plumbing shared by the provider fakes: a real HTTP server on 127.0.0.1 and
 * a free port, a log of every request, a queue of scripted behaviours for
 * the next requests, and SSE bodies that can be slowed, cut or left hanging.
 * Each fake (openai_fake.ts, anthropic_fake.ts, lyzr_fake.ts) adds its own
 * routes and wire format on top.
 *
 * @module
 */

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  query: Record<string, string>;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The JSON body parsed, else the raw text ("" when none). */
  body: unknown;
}

/**
 * What the fake does with the next request (consumed in order by `script`;
 * with the queue empty every request gets `ok`).
 * - `ok`: the normal answer; streams `text` (or the fake's default) in several chunks, `delayMs` apart.
 * - `status`: that status with the provider's error body; `retryAfter` (seconds, or an HTTP date) for 429.
 * - `slow`: headers at once, then nothing for `ms`, then the normal answer.
 * - `cut`: `after` chunks of the stream (default 2), then the body ends without its terminator;
 *   `abrupt` makes it end with a connection error instead of a clean close.
 * - `hang`: accepts the request and never answers (until the client gives up or the fake closes).
 * - `stream_error`: `after` chunks (default 2), then the provider's in-stream error event.
 */
export type Behaviour =
  | { kind: "ok"; text?: string; delayMs?: number }
  | { kind: "status"; status: number; retryAfter?: number | string; message?: string }
  | { kind: "slow"; ms: number; text?: string }
  | { kind: "cut"; after?: number; text?: string; abrupt?: boolean }
  | { kind: "hang" }
  | { kind: "stream_error"; after?: number; message?: string };

/** The handle every fake returns. */
export interface FakeServer {
  /** Base URL to put in `settings.baseUrl`. */
  url: string;
  requests: RecordedRequest[];
  /** Queues behaviours for the next requests, in order. */
  script(next: Behaviour[]): void;
  /** Stops the server, releasing hanging and slow requests first. */
  close(): Promise<void>;
}

/** What a fake's route handler receives. */
export interface FakeContext {
  request: Request;
  rec: RecordedRequest;
  behaviour: Exclude<Behaviour, { kind: "status" } | { kind: "hang" }>;
  /** Aborts when the fake closes (a streamed body also stops when the client cancels it). */
  signal: AbortSignal;
}

/** How one provider's fake plugs into the shared server. */
export interface FakeSpec {
  /** Answers the request when its credentials are wrong (the provider's real 401), else null. */
  authorize(request: Request): Response | null;
  /** The provider's error body for a scripted status. */
  errorBody(status: number, message: string): unknown;
  handle(ctx: FakeContext): Response | Promise<Response>;
  /** Appended to the origin in `url` (OpenAI's base URLs end with `/v1`). */
  urlSuffix?: string;
}

/** Starts a fake on 127.0.0.1 and a free port. */
export function startFakeServer(spec: FakeSpec): FakeServer {
  const requests: RecordedRequest[] = [];
  const queue: Behaviour[] = [];
  const closing = new AbortController();
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (request) => {
    const url = new URL(request.url);
    const text = await request.text();
    const rec: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(request.headers),
      body: parseBody(text),
    };
    requests.push(rec);
    const denied = spec.authorize(request);
    if (denied) return denied;
    const behaviour = queue.shift() ?? { kind: "ok" };
    const signal = closing.signal;
    if (behaviour.kind === "hang") {
      await sleep(60_000, signal);
      return new Response(null, { status: 504 });
    }
    if (behaviour.kind === "status") {
      const headers = new Headers();
      if (behaviour.retryAfter !== undefined) headers.set("retry-after", String(behaviour.retryAfter));
      const message = behaviour.message ?? `Scripted ${behaviour.status}`;
      return Response.json(spec.errorBody(behaviour.status, message), { status: behaviour.status, headers });
    }
    return await spec.handle({ request, rec, behaviour, signal });
  });
  const origin = `http://127.0.0.1:${server.addr.port}`;
  return {
    url: origin + (spec.urlSuffix ?? ""),
    requests,
    script(next) {
      queue.push(...next);
    },
    async close() {
      closing.abort();
      await server.shutdown();
    },
  };
}

function parseBody(text: string): unknown {
  if (!text) return "";
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Waits `ms`, or less when `signal` aborts; true when the full time passed. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (full: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(full);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Splits a text into word-sized pieces that keep their leading spaces ("Hi there" -> "Hi", " there"). */
export function pieces(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [text];
}

/** One SSE frame. */
export function sseFrame(data: string, event?: string): string {
  const lines = data.split("\n").map((line) => `data: ${line}`).join("\n");
  return `${event ? `event: ${event}\n` : ""}${lines}\n\n`;
}

/** The body frames of one answer, split into what comes before the cut point and the terminator. */
export interface StreamPlan {
  /** Frames before the content (OpenAI's role chunk, Anthropic's message_start...). */
  head: string[];
  /** One frame per piece of content. */
  content: string[];
  /** Frames after the content, ending with the terminator. */
  tail: string[];
  /** The provider's in-stream error frame, for `stream_error`. */
  error?: string;
}

/**
 * An SSE response playing `plan` under `behaviour`: `ok` sends every frame
 * `delayMs` apart, `slow` waits first, `cut` stops after `after` content
 * frames, cleanly or with a connection error, `stream_error` sends the error
 * frame there instead.
 */
export function sseResponse(plan: StreamPlan, behaviour: FakeContext["behaviour"], signal: AbortSignal): Response {
  const enc = new TextEncoder();
  const delayMs = behaviour.kind === "ok" ? behaviour.delayMs ?? 3 : 3;
  const frames = behaviour.kind === "cut"
    ? [...plan.head, ...plan.content.slice(0, behaviour.after ?? 2)]
    : behaviour.kind === "stream_error"
    ? [...plan.head, ...plan.content.slice(0, behaviour.after ?? 2), plan.error ?? ""]
    : [...plan.head, ...plan.content, ...plan.tail];
  const gone = new AbortController();
  const stop = AbortSignal.any([signal, gone.signal]);
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      if (behaviour.kind === "slow" && !(await sleep(behaviour.ms, stop))) return close(controller);
      for (const frame of frames) {
        if (stop.aborted) return;
        controller.enqueue(enc.encode(frame));
        if (!(await sleep(delayMs, stop))) return close(controller);
      }
      if (behaviour.kind === "cut" && behaviour.abrupt) {
        controller.error(new Error("fake: connection cut on purpose (`cut` behaviour with `abrupt`)"));
      } else controller.close();
    },
    cancel() {
      gone.abort();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
  });
}

function close(controller: ReadableStreamDefaultController<Uint8Array>): void {
  try {
    controller.close();
  } catch { /* the client already cancelled the body */ }
}

/** A plain answer under `behaviour` (`slow` delays it, `cut` truncates the JSON). */
export async function jsonResponse(
  value: unknown,
  behaviour: FakeContext["behaviour"],
  signal: AbortSignal,
  status = 200,
): Promise<Response> {
  if (behaviour.kind === "slow" && !(await sleep(behaviour.ms, signal))) return new Response(null, { status: 504 });
  const text = JSON.stringify(value);
  const body = behaviour.kind === "cut" ? text.slice(0, Math.floor(text.length / 2)) : text;
  return new Response(body, { status, headers: { "content-type": "application/json" } });
}

/** A 24-hex id like MongoDB's ObjectId (what Lyzr's ids look like). */
export function hexId(): string {
  return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, "0")).join("");
}
