/**
 * The `anthropic` provider: Claude through the official `@anthropic-ai/sdk`.
 *
 * As for OpenAI, the SDK builds and sends the request (key, version header,
 * base URL) and classifies HTTP errors (SDK 1.x sends the key as
 * `Authorization: Bearer`, with `anthropic-version: 2026-10-21`), and we read the SSE body ourselves
 * (`./sse.ts`): the SDK's raw stream ends quietly when the body stops before
 * `message_stop` or is aborted. `settings.baseUrl` is the origin
 * (`https://api.anthropic.com`, or a proxy's); the SDK adds `/v1/...`.
 *
 * @module
 */
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError } from "@anthropic-ai/sdk";
import type { AiProvider, ChatTurn, GenerateRequest, ProviderSettings } from "../models/ports/ai_provider.ts";
import { ProviderError } from "../models/ports/ai_provider.ts";
import { fromSdkError, streamError } from "./errors.ts";
import { type AdapterOptions, apiBase, resolveOptions } from "./options.ts";
import { readAll, readSse } from "./sse.ts";

/**
 * Model used when neither the agent nor the workspace names one. Not
 * `claude-sonnet-4-5`: SDK 1.12.0 lists it as deprecated, end of life on
 * 2026-11-30, and warns on every call.
 */
const ANTHROPIC_DEFAULT_MODEL = "claude-sonnet-4-6";
const DEFAULT_BASE_URL = "https://api.anthropic.com";
const LABEL = "Anthropic";
const ERRORS = { api: APIError, timeout: APIConnectionTimeoutError, connection: APIConnectionError };

/** Builds the provider (no `embed`: Anthropic has no embeddings endpoint). */
export function anthropicProvider(settings: ProviderSettings, options: AdapterOptions = {}): AiProvider {
  const opts = resolveOptions(options);
  let client: Anthropic | undefined;
  /** Built on first use, so a bad base URL surfaces as the call's ProviderError. */
  const sdk = (): Anthropic =>
    client ??= new Anthropic({
      apiKey: settings.apiKey || "none",
      // The SDK adds `/v1/...`; a pasted ".../v1" would double it.
      baseURL: apiBase(settings.baseUrl, DEFAULT_BASE_URL, LABEL).replace(/\/v1$/, ""),
      fetch: opts.fetch,
      maxRetries: 0,
      timeout: opts.timeoutMs,
      logLevel: "off",
    });
  const fail = (err: unknown, signal?: AbortSignal) =>
    fromSdkError(LABEL, err, ERRORS, { signal, timeoutMs: opts.timeoutMs });
  const modelOf = (model: string) => model || settings.defaultModel || ANTHROPIC_DEFAULT_MODEL;

  return {
    id: "anthropic",

    async *stream(req: GenerateRequest): AsyncIterable<string> {
      let res: Response;
      try {
        res = await sdk().messages.create(messagesBody(modelOf(req.model), req), { signal: req.signal }).asResponse();
      } catch (err) {
        throw fail(err, req.signal);
      }
      yield* readMessage(res, opts.idleTimeoutMs, req.signal);
    },

    async testConnection(signal?: AbortSignal): Promise<{ detail: string }> {
      try {
        const page = await sdk().models.list({ limit: 100 }, { signal });
        return { detail: `${LABEL}: key accepted, ${page.data.length} models available.` };
      } catch (err) {
        const e = fail(err, signal);
        if (!(e instanceof ProviderError) || e.status !== 404) throw e;
      }
      // A proxy without the models route: a one-token message proves the key instead.
      const model = modelOf("");
      try {
        await sdk().messages.create({ model, max_tokens: 1, messages: [{ role: "user", content: "ping" }] }, {
          signal,
        });
      } catch (err) {
        throw fail(err, signal);
      }
      return { detail: `${LABEL}: key accepted, model ${model} answered.` };
    },
  };
}

/**
 * The Messages API body. The API wants the turns to start with the user, so
 * a leading greeting from the agent is dropped, empty turns are skipped and
 * consecutive turns of one role are joined. Temperature is capped at 1,
 * Anthropic's maximum (agents may be set up to 2 for other providers).
 */
function messagesBody(model: string, req: GenerateRequest) {
  const turns: ChatTurn[] = [];
  for (const t of req.messages) {
    if (!t.content.trim() || (turns.length === 0 && t.role !== "user")) continue;
    const last = turns.at(-1);
    if (last?.role === t.role) last.content += `\n\n${t.content}`;
    else turns.push({ role: t.role, content: t.content });
  }
  if (turns.length === 0) turns.push({ role: "user", content: req.question });
  return {
    model,
    max_tokens: req.maxTokens,
    temperature: Math.min(1, Math.max(0, req.temperature)),
    ...(req.system ? { system: req.system } : {}),
    messages: turns,
    stream: true as const,
  };
}

/** The text of a streamed message; complete only with `message_stop`, else `stream_cut`. */
async function* readMessage(res: Response, idleTimeoutMs: number, signal?: AbortSignal): AsyncGenerator<string> {
  const label = LABEL;
  if (!res.body) throw new ProviderError("bad_response", `${label}: empty answer`);
  if ((res.headers.get("content-type") ?? "").includes("application/json")) {
    // A proxy that ignored `stream: true` and sent the whole message.
    const msg = parse(await readAll(res.body, { idleTimeoutMs, signal, label }));
    if (!Array.isArray(msg.content)) throw new ProviderError("bad_response", `${label}: no content in the answer`);
    const text = msg.content.map((b) => (b?.type === "text" && typeof b.text === "string" ? b.text : "")).join("");
    if (text) yield text;
    return;
  }
  for await (const ev of readSse(res.body, { idleTimeoutMs, signal, label })) {
    const data = parse(ev.data);
    const type = data.type ?? ev.event;
    if (type === "content_block_delta" && data.delta?.type === "text_delta" && data.delta.text) yield data.delta.text;
    else if (type === "message_stop") return;
    else if (type === "error") throw streamError(label, data.error?.type, data.error?.message);
  }
  throw new ProviderError("stream_cut", `${label}: the stream ended before message_stop`);
}

interface EventShape {
  type?: string;
  delta?: { type?: string; text?: string };
  error?: { type?: string; message?: string };
  content?: { type?: string; text?: unknown }[];
}

function parse(data: string): EventShape {
  try {
    const value = JSON.parse(data);
    if (value && typeof value === "object") return value;
  } catch { /* reported below */ }
  throw new ProviderError("bad_response", `${LABEL}: unreadable stream data "${data.slice(0, 80)}"`);
}
