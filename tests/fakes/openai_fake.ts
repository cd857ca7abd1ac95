/**
 * A local OpenAI API (and so any OpenAI-compatible server) for tests: real
 * HTTP, real wire format. Its `url` ends with `/v1`, like every OpenAI
 * base URL (`https://api.openai.com/v1`, Ollama's `http://localhost:11434/v1`),
 * so it goes straight into `settings.baseUrl`.
 *
 * Routes: `POST /v1/chat/completions` (SSE of `chat.completion.chunk`
 * objects ending with `data: [DONE]`, or one `chat.completion` without
 * `stream`; also at Azure's `/v1/deployments/{name}/chat/completions`), `GET /v1/models`, `POST /v1/embeddings` (deterministic hashed
 * bag-of-words vectors, `float` or `base64`). Wrong or missing
 * `Authorization: Bearer` (or Azure's `api-key`) -> OpenAI's 401 `invalid_api_key` body.
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

/** Options of the OpenAI fake. */
export interface OpenAiFakeOptions {
  /** The key the fake accepts (default `sk-test-openai`). */
  apiKey?: string;
  /** What `ok` streams when the behaviour names no text. */
  text?: string;
  /**
   * What `ok` answers to a given chat request, when it returns a string (read at each request): a test can answer
   * one kind of request (say, a sentiment rating) differently from the others running alongside.
   */
  textFor?: (body: Record<string, unknown>) => string | undefined;
  /** Makes `GET /v1/models` answer 404, as some compatible servers do. */
  noModelList?: boolean;
  /**
   * The embedding of a text (default {@link embedText}): a test gives vectors with meaning, e.g. to make a
   * paraphrase land near its original. Read at each request, so a test may change it between calls.
   */
  embed?: (text: string) => number[];
  /** When set, `POST /v1/embeddings` answers this status with OpenAI's error body (read at each request). */
  embeddingsStatus?: number;
  /**
   * Groups of words the embeddings treat as one (each counted as its group's first word), so a test can make
   * paraphrases that share no word close, as a real embedding model does.
   */
  synonyms?: string[][];
}

/** Dimension of the fake's embeddings. */
export const FAKE_EMBEDDING_DIM = 64;
/** Default answer text. */
export const OPENAI_FAKE_TEXT = "Refunds are processed within 5 business days. Anything else I can help with?";

const ERROR_TYPES: Record<number, [type: string, code: string | null]> = {
  400: ["invalid_request_error", null],
  401: ["invalid_request_error", "invalid_api_key"],
  403: ["invalid_request_error", "unsupported_country_region_territory"],
  404: ["invalid_request_error", "model_not_found"],
  429: ["requests", "rate_limit_exceeded"],
};

function errorBody(status: number, message: string) {
  const [type, code] = ERROR_TYPES[status] ??
    (status >= 500 ? ["server_error", null] : ["invalid_request_error", null]);
  return { error: { message, type, param: null, code } };
}

/** Starts the fake on 127.0.0.1 and a free port. */
export function startOpenAiFake(opts: OpenAiFakeOptions = {}): FakeServer {
  const apiKey = opts.apiKey ?? "sk-test-openai";
  const synonyms = new Map((opts.synonyms ?? []).flatMap((group) => group.map((w) => [w, group[0]] as const)));
  return startFakeServer({
    urlSuffix: "/v1",
    errorBody,
    authorize(request) {
      const auth = request.headers.get("authorization") ?? "";
      // Azure OpenAI sends its key in `api-key` instead.
      if (auth === `Bearer ${apiKey}` || request.headers.get("api-key") === apiKey) return null;
      const given = auth.replace(/^Bearer\s+/i, "");
      const message = given
        ? `Incorrect API key provided: ${given.slice(0, 4)}****${
          given.slice(-2)
        }. You can find your API key at https://platform.openai.com/account/api-keys.`
        : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
      return Response.json(errorBody(401, message), { status: 401 });
    },
    handle(ctx) {
      const { method, path } = ctx.rec;
      // `/v1/deployments/{name}/chat/completions` is Azure's form of the same call.
      if (method === "POST" && /^\/v1\/(deployments\/[^/]+\/)?chat\/completions$/.test(path)) {
        const chosen = opts.textFor?.(ctx.rec.body as Record<string, unknown>);
        return chat(ctx, chosen ?? opts.text ?? OPENAI_FAKE_TEXT);
      }
      if (method === "GET" && path === "/v1/models") {
        if (opts.noModelList) return Response.json(errorBody(404, "Not found"), { status: 404 });
        const data = ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small"].map((id) => ({
          id,
          object: "model",
          created: 1_715_367_049,
          owned_by: "system",
        }));
        return jsonResponse({ object: "list", data }, ctx.behaviour, ctx.signal);
      }
      if (method === "POST" && path === "/v1/embeddings") {
        if (opts.embeddingsStatus) {
          const status = opts.embeddingsStatus;
          return Response.json(errorBody(status, "The server had an error"), { status });
        }
        return embeddings(ctx, opts.embed ?? ((text) => embedText(text, synonyms)));
      }
      const message = `Invalid URL (${method} ${path})`;
      return Response.json(errorBody(404, message), { status: 404 });
    },
  });
}

function invalid(message: string, param: string): Response {
  return Response.json({ error: { message, type: "invalid_request_error", param, code: null } }, { status: 400 });
}

function chat(ctx: FakeContext, defaultText: string): Response | Promise<Response> {
  const body = ctx.rec.body as Record<string, unknown>;
  if (typeof body?.model !== "string" || !body.model) return invalid("you must provide a model parameter", "model");
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return invalid("[] is too short - 'messages'", "messages");
  }
  const b = ctx.behaviour;
  const text = ("text" in b && b.text) || defaultText;
  const id = `chatcmpl-fake${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  const model = body.model;
  if (body.stream !== true) {
    return jsonResponse(
      {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [{ index: 0, message: { role: "assistant", content: text }, logprobs: null, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: pieces(text).length, total_tokens: 10 + pieces(text).length },
      },
      b,
      ctx.signal,
    );
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    sseFrame(JSON.stringify({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      system_fingerprint: "fp_fake",
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    }));
  return sseResponse(
    {
      head: [chunk({ role: "assistant", content: "", refusal: null }, null)],
      content: pieces(text).map((p) => chunk({ content: p }, null)),
      tail: [chunk({}, "stop"), sseFrame("[DONE]")],
      error: sseFrame(JSON.stringify({
        error: { message: b.kind === "stream_error" && b.message || "The server had an error", type: "server_error" },
      })),
    },
    b,
    ctx.signal,
  );
}

function embeddings(ctx: FakeContext, vectorOf: (text: string) => number[]): Response | Promise<Response> {
  const body = ctx.rec.body as Record<string, unknown>;
  const input = typeof body?.input === "string" ? [body.input] : body?.input;
  if (!Array.isArray(input) || input.length === 0) return invalid("'input' is required", "input");
  const base64 = body.encoding_format === "base64";
  const data = input.map((text, index) => {
    const vector = vectorOf(String(text));
    return {
      object: "embedding",
      index,
      embedding: base64 ? toBase64(vector) : vector,
    };
  });
  return jsonResponse(
    {
      object: "list",
      data,
      model: body.model,
      usage: { prompt_tokens: input.length, total_tokens: input.length },
    },
    ctx.behaviour,
    ctx.signal,
  );
}

/**
 * The fake's embedding of a text: a hashed bag of words (a word of `synonyms` counted as the word it maps to),
 * L2-normalised (same text, same vector).
 */
export function embedText(text: string, synonyms: ReadonlyMap<string, string> = new Map()): number[] {
  const v = new Array<number>(FAKE_EMBEDDING_DIM).fill(0);
  for (const found of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const word = synonyms.get(found) ?? found;
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
    v[(h >>> 0) % FAKE_EMBEDDING_DIM] += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => Math.fround(x / norm));
}

function toBase64(vector: number[]): string {
  const bytes = new Uint8Array(new Float32Array(vector).buffer);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
