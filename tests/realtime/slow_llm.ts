/**
 * A tiny OpenAI-compatible chat server whose answers can be made slow
 * (`delayMs` between streamed words), so a test can be sure an AI answer is
 * still streaming at a chosen moment (e.g. when the app is killed). Only
 * `POST /v1/chat/completions` with `stream: true`; anything else (embeddings,
 * model list) answers OpenAI's 404 body, which the app treats as "no vectors".
 *
 * @module
 */

/** The handle of a running fake. */
export interface SlowLlm {
  /** Base URL for `settings.baseUrl` (ends with `/v1`). */
  url: string;
  /** Pause between streamed words; 0 streams the whole (short) answer at once. Change it any time. */
  delayMs: number;
  /** Chat completion requests received so far for answers (and translations). */
  requests: number;
  /** Requests to rate a message's sentiment (`models/sentiment/provider.ts`), answered at once, not counted above. */
  sentimentRequests: number;
  /** Ends every open stream and stops the server. */
  close(): Promise<void>;
}

const SHORT = "Hello! How can I help you today?";
const LONG = Array.from({ length: 300 }, (_, i) => `word${i}`).join(" ");

/** Starts the fake on 127.0.0.1 and a free port. */
export function startSlowLlm(): SlowLlm {
  const closing = new AbortController();
  const enc = new TextEncoder();
  const state: SlowLlm = {
    url: "",
    delayMs: 0,
    requests: 0,
    sentimentRequests: 0,
    async close() {
      closing.abort();
      await server.shutdown();
    },
  };
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (req) => {
    const path = new URL(req.url).pathname;
    const body = await req.text();
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      return Response.json(
        {
          error: {
            message: `Invalid URL (${req.method} ${path})`,
            type: "invalid_request_error",
            param: null,
            code: null,
          },
        },
        { status: 404 },
      );
    }
    const model = (JSON.parse(body) as { model?: string }).model ?? "gpt-4o-mini";
    const rating = body.includes("You rate the sentiment of one customer support message");
    if (rating) state.sentimentRequests++;
    else state.requests++;
    const delayMs = rating ? 0 : state.delayMs;
    const words = rating ? ['{"score": 0, "label": "neutral"}'] : (delayMs ? LONG : SHORT).match(/\s*\S+/g)!;
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${
        JSON.stringify({
          id: "chatcmpl-slow",
          object: "chat.completion.chunk",
          created: Math.floor(Date.now() / 1000),
          model,
          choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        })
      }\n\n`;
    const gone = new AbortController();
    const stop = AbortSignal.any([closing.signal, gone.signal]);
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          controller.enqueue(enc.encode(chunk({ role: "assistant", content: "" }, null)));
          for (const word of words) {
            if (stop.aborted) break;
            controller.enqueue(enc.encode(chunk({ content: word }, null)));
            if (delayMs) await sleep(delayMs, stop);
          }
          if (!stop.aborted) controller.enqueue(enc.encode(chunk({}, "stop") + "data: [DONE]\n\n"));
          controller.close();
        } catch {
          // The reader went away (the app was killed): nothing to do.
        }
      },
      cancel() {
        gone.abort();
      },
    });
    return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
  });
  state.url = `http://127.0.0.1:${server.addr.port}/v1`;
  return state;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
