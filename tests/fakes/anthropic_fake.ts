/**
 * A local Anthropic API for tests: real HTTP, real wire format. Its `url` is
 * the origin (the SDK appends `/v1/...` itself), for `settings.baseUrl`.
 *
 * Routes: `POST /v1/messages` (with `stream: true` the SSE sequence
 * `message_start`, `content_block_start`, `ping`, `content_block_delta`
 * (`text_delta`) per piece, `content_block_stop`, `message_delta`,
 * `message_stop`; without it one `message` object) and `GET /v1/models`.
 * It wants the key and an `anthropic-version` date header, and answers
 * Anthropic's `{type: "error", error: {type, message}}` bodies. The key is
 * accepted in `x-api-key` (the long-documented header, still what proxies
 * expect) or as `Authorization: Bearer` (what SDK 1.x sends for API version
 * 2026-10-21).
 *
 * @module
 */
import {
  type FakeContext,
  type FakeServer,
  jsonResponse,
  pieces,
  sseFrame,
  sseResponse,
  startFakeServer,
} from "./fake_server.ts";

export type { Behaviour, RecordedRequest } from "./fake_server.ts";

/** Options of the Anthropic fake. */
export interface AnthropicFakeOptions {
  /** The key the fake accepts (default `sk-ant-test`). */
  apiKey?: string;
  /** What `ok` streams when the behaviour names no text. */
  text?: string;
  /** What `ok` answers to a given request, when it returns a string (read at each request). */
  textFor?: (body: Record<string, unknown>) => string | undefined;
}

/** Default answer text. */
export const ANTHROPIC_FAKE_TEXT = "Our support team is available from 9am to 5pm CET, Monday to Friday.";

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

function errorBody(status: number, message: string) {
  const type = ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
  return { type: "error", error: { type, message }, request_id: `req_fake${status}` };
}

function errorResponse(status: number, message: string): Response {
  return Response.json(errorBody(status, message), { status });
}

/** Starts the fake on 127.0.0.1 and a free port. */
export function startAnthropicFake(opts: AnthropicFakeOptions = {}): FakeServer {
  const apiKey = opts.apiKey ?? "sk-ant-test";
  return startFakeServer({
    errorBody,
    authorize(request) {
      const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
      const key = request.headers.get("x-api-key") ?? bearer;
      if (!key) return errorResponse(401, "x-api-key header is required");
      if (key !== apiKey) return errorResponse(401, "invalid x-api-key");
      const version = request.headers.get("anthropic-version");
      if (!version) return errorResponse(400, "anthropic-version: header is required");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(version)) return errorResponse(400, `anthropic-version: invalid "${version}"`);
      return null;
    },
    handle(ctx) {
      const { method, path } = ctx.rec;
      if (method === "POST" && path === "/v1/messages") {
        const chosen = opts.textFor?.(ctx.rec.body as Record<string, unknown>);
        return messages(ctx, chosen ?? opts.text ?? ANTHROPIC_FAKE_TEXT);
      }
      if (method === "GET" && path === "/v1/models") {
        const data = [
          ["claude-sonnet-4-6", "Claude Sonnet 4.6"],
          ["claude-haiku-4-5", "Claude Haiku 4.5"],
        ].map(([id, display_name]) => ({ type: "model", id, display_name, created_at: "2025-09-29T00:00:00Z" }));
        return jsonResponse(
          { data, has_more: false, first_id: data[0].id, last_id: data.at(-1)!.id },
          ctx.behaviour,
          ctx.signal,
        );
      }
      return errorResponse(404, `Not found: ${method} ${path}`);
    },
  });
}

function messages(ctx: FakeContext, defaultText: string): Response | Promise<Response> {
  const body = ctx.rec.body as Record<string, unknown>;
  if (typeof body?.model !== "string" || !body.model) return errorResponse(400, "model: Field required");
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1) {
    return errorResponse(400, "max_tokens: Field required");
  }
  const turns = body.messages as { role: string; content: unknown }[];
  if (!Array.isArray(turns) || turns.length === 0) {
    return errorResponse(400, "messages: at least one message is required");
  }
  if (turns[0].role !== "user") return errorResponse(400, 'messages: first message must use the "user" role');
  if (typeof body.temperature === "number" && (body.temperature < 0 || body.temperature > 1)) {
    return errorResponse(400, "temperature: range: 0..1");
  }
  const b = ctx.behaviour;
  const text = ("text" in b && b.text) || defaultText;
  const id = `msg_fake${Date.now()}`;
  const usage = { input_tokens: 25, output_tokens: 1 };
  const message = {
    id,
    type: "message",
    role: "assistant",
    model: body.model,
    content: [] as unknown[],
    stop_reason: null as string | null,
    stop_sequence: null,
    usage,
  };
  if (body.stream !== true) {
    return jsonResponse(
      {
        ...message,
        content: [{ type: "text", text }],
        stop_reason: "end_turn",
        usage: { ...usage, output_tokens: pieces(text).length },
      },
      b,
      ctx.signal,
    );
  }
  const event = (type: string, data: Record<string, unknown>) => sseFrame(JSON.stringify({ type, ...data }), type);
  return sseResponse(
    {
      head: [
        event("message_start", { message }),
        event("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
        event("ping", {}),
      ],
      content: pieces(text).map((p) =>
        event("content_block_delta", { index: 0, delta: { type: "text_delta", text: p } })
      ),
      tail: [
        event("content_block_stop", { index: 0 }),
        event("message_delta", {
          delta: { stop_reason: "end_turn", stop_sequence: null },
          usage: { output_tokens: pieces(text).length },
        }),
        event("message_stop", {}),
      ],
      error: event("error", {
        error: { type: "overloaded_error", message: b.kind === "stream_error" && b.message || "Overloaded" },
      }),
    },
    b,
    ctx.signal,
  );
}
