/**
 * The `openai` provider: OpenAI itself and every server that speaks its chat
 * completions API (Azure OpenAI, Groq, Together, OpenRouter, Ollama, vLLM,
 * LM Studio), through the official `openai` SDK.
 *
 * The SDK builds and sends the requests (auth headers, base URL, Azure's
 * deployment paths) and classifies HTTP errors; we read the SSE body
 * ourselves (`./sse.ts`) because the SDK's iterator ends quietly when a
 * stream is cut or aborted. `settings.baseUrl` is the API root including
 * `/v1` (`https://api.openai.com/v1`, `http://localhost:11434/v1`); a bare
 * origin gets `/v1` added.
 *
 * @module
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, AzureOpenAI } from "openai";
import type { AiProvider, GenerateRequest, ProviderSettings } from "../models/ports/ai_provider.ts";
import { ProviderError } from "../models/ports/ai_provider.ts";
import { fromSdkError, streamError } from "./errors.ts";
import { type AdapterOptions, apiBase, resolveOptions } from "./options.ts";
import { readAll, readSse } from "./sse.ts";

/** Model used when neither the agent nor the workspace names one. */
const OPENAI_DEFAULT_MODEL = "gpt-4o-mini";
/** Embedding model unless `settings.extra.embeddingModel` says otherwise. */
const OPENAI_DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small";
const DEFAULT_BASE_URL = "https://api.openai.com/v1";
const AZURE_HOST = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i;
/** Inputs per embeddings request (the API takes up to 2048; compatible servers often fewer). */
const EMBED_BATCH = 128;
const ERRORS = { api: APIError, timeout: APIConnectionTimeoutError, connection: APIConnectionError };

/**
 * Builds the provider. Azure OpenAI is recognised by its host (or by
 * `settings.extra.apiVersion`) and then uses the `api-key` header and the
 * deployment named by the model. An empty key is sent as `none`, which local
 * servers ignore and real ones answer with 401.
 */
export function openaiProvider(settings: ProviderSettings, options: AdapterOptions = {}): AiProvider {
  const opts = resolveOptions(options);
  let label = "OpenAI";
  let client: OpenAI | undefined;
  /** Built on first use, so a bad base URL surfaces as the call's ProviderError. */
  const sdk = (): OpenAI => client ??= build();
  const build = (): OpenAI => {
    let baseURL = apiBase(settings.baseUrl, DEFAULT_BASE_URL, label);
    const url = new URL(baseURL);
    const azure = AZURE_HOST.test(url.hostname) || Boolean(settings.extra?.apiVersion);
    // A bare origin pasted: compatible servers serve under /v1 (Ollama, vLLM...), Azure under /openai.
    if (url.pathname === "/") baseURL += azure ? "/openai" : "/v1";
    if (url.host !== "api.openai.com") label = `OpenAI-compatible API at ${url.host}`;
    const common = {
      apiKey: settings.apiKey || "none",
      baseURL,
      fetch: opts.fetch,
      maxRetries: 0,
      timeout: opts.timeoutMs,
      logLevel: "off" as const,
    };
    return azure
      ? new AzureOpenAI({ ...common, apiVersion: settings.extra?.apiVersion ?? "2024-10-21" })
      : new OpenAI({ ...common, organization: null, project: null, adminAPIKey: null, webhookSecret: null });
  };
  const fail = (err: unknown, signal?: AbortSignal) =>
    fromSdkError(label, err, ERRORS, { signal, timeoutMs: opts.timeoutMs });
  const modelOf = (model: string) => model || settings.defaultModel || OPENAI_DEFAULT_MODEL;

  return {
    id: "openai",

    async *stream(req: GenerateRequest): AsyncIterable<string> {
      let res: Response;
      try {
        res = await sdk().chat.completions.create(chatBody(modelOf(req.model), req), { signal: req.signal })
          .asResponse();
      } catch (err) {
        throw fail(err, req.signal);
      }
      yield* readCompletion(res, label, opts.idleTimeoutMs, req.signal);
    },

    async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
      const model = settings.extra?.embeddingModel ?? OPENAI_DEFAULT_EMBEDDING_MODEL;
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += EMBED_BATCH) {
        const input = texts.slice(i, i + EMBED_BATCH);
        let data: { index: number; embedding: number[] }[];
        try {
          ({ data } = await sdk().embeddings.create({ model, input, encoding_format: "float" }, { signal }));
        } catch (err) {
          throw fail(err, signal);
        }
        if (!Array.isArray(data) || data.length !== input.length) {
          throw new ProviderError(
            "bad_response",
            `${label}: ${data?.length ?? 0} embeddings for ${input.length} texts`,
          );
        }
        out.push(...[...data].sort((a, b) => a.index - b.index).map((d) => d.embedding));
      }
      return out;
    },

    async testConnection(signal?: AbortSignal): Promise<{ detail: string }> {
      try {
        const page = await sdk().models.list({ signal });
        return { detail: `${label}: key accepted, ${page.data.length} models available.` };
      } catch (err) {
        const e = fail(err, signal);
        if (!(e instanceof ProviderError) || e.status !== 404) throw e;
      }
      // Some compatible servers have no model list: a one-token answer proves the key instead.
      const model = modelOf("");
      try {
        await sdk().chat.completions.create({
          model,
          messages: [{ role: "user", content: "ping" }],
          max_tokens: 1,
        }, { signal });
      } catch (err) {
        throw fail(err, signal);
      }
      return { detail: `${label}: key accepted, model ${model} answered.` };
    },
  };
}

/** Reasoning models (o1, o3, o4, gpt-5...) refuse `max_tokens` and a non-default temperature. */
const REASONING_MODEL = /(^|\/)(o\d|gpt-5)/i;

/** The chat completions body: the system prompt first, then the conversation. */
function chatBody(model: string, req: GenerateRequest) {
  const turns = req.messages.length ? req.messages : [{ role: "user" as const, content: req.question }];
  const messages = [
    ...(req.system ? [{ role: "system" as const, content: req.system }] : []),
    ...turns.map((t) => ({ role: t.role, content: t.content })),
  ];
  const limits = REASONING_MODEL.test(model)
    ? { max_completion_tokens: req.maxTokens }
    : { max_tokens: req.maxTokens, temperature: req.temperature };
  return { model, messages, stream: true as const, ...limits };
}

/**
 * The text of a streamed completion. Complete when `data: [DONE]` arrives,
 * or when the body ends cleanly after a chunk with a `finish_reason` (some
 * compatible servers skip `[DONE]`); anything shorter is `stream_cut`. A
 * server that ignores `stream: true` and answers one JSON completion is
 * read as one piece.
 */
async function* readCompletion(
  res: Response,
  label: string,
  idleTimeoutMs: number,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  if (!res.body) throw new ProviderError("bad_response", `${label}: empty answer`);
  if ((res.headers.get("content-type") ?? "").includes("application/json")) {
    const text = parse(await readAll(res.body, { idleTimeoutMs, signal, label }), label).choices?.[0]?.message?.content;
    if (typeof text !== "string") throw new ProviderError("bad_response", `${label}: no text in the answer`);
    if (text) yield text;
    return;
  }
  let finished = false;
  for await (const ev of readSse(res.body, { idleTimeoutMs, signal, label })) {
    if (ev.data === "[DONE]") return;
    const chunk = parse(ev.data, label);
    if (ev.event === "error" || chunk.error) {
      const e = (chunk.error ?? chunk) as { type?: string; code?: string; message?: string };
      throw streamError(label, e.code ?? e.type, e.message);
    }
    const choice = chunk.choices?.[0];
    const piece = choice?.delta?.content;
    if (typeof piece === "string" && piece) yield piece;
    if (choice?.finish_reason) finished = true;
  }
  if (!finished) throw new ProviderError("stream_cut", `${label}: the stream ended before [DONE]`);
}

interface ChunkShape {
  error?: unknown;
  choices?: { delta?: { content?: unknown }; message?: { content?: unknown }; finish_reason?: string | null }[];
}

function parse(data: string, label: string): ChunkShape {
  try {
    const value = JSON.parse(data);
    if (value && typeof value === "object") return value;
  } catch { /* reported below */ }
  throw new ProviderError("bad_response", `${label}: unreadable stream data "${data.slice(0, 80)}"`);
}
