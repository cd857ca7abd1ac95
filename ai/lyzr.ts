/**
 * The `lyzr` provider: Lyzr Agent API v3 over plain fetch (there is no
 * official JS client), following `lyzr-api.md`. Agents are mirrored to Lyzr
 * (`AgentMirror`), and answers come from `POST /v3/inference/stream/`,
 * falling back to `POST /v3/inference/chat/` where streaming is missing.
 * `settings.baseUrl` is the origin (default `https://agent-prod.studio.lyzr.ai`).
 *
 * @module
 */
import type {
  AgentMirror,
  AiProvider,
  GenerateRequest,
  ProviderSettings,
  RemoteAgentSpec,
} from "../models/ports/ai_provider.ts";
import { ProviderError } from "../models/ports/ai_provider.ts";
import { responseError } from "./errors.ts";
import { type CallContext, requestJson, send } from "./http.ts";
import { agentBody, agentList, chatAnswer, createdAgentId, inferenceBody, streamItem } from "./lyzr_wire.ts";
import { lyzrRag } from "./lyzr_rag.ts";
import { type AdapterOptions, apiBase, resolveOptions } from "./options.ts";
import { readText, SseParser } from "./sse.ts";

/** Lyzr's Agent API host. */
const LYZR_DEFAULT_BASE_URL = "https://agent-prod.studio.lyzr.ai";
const LABEL = "Lyzr";

/** Builds the provider and mirror. Answers need `req.remoteAgentId` (the mirrored agent). */
export function lyzrProvider(settings: ProviderSettings, options: AdapterOptions = {}): AiProvider & AgentMirror {
  const opts = resolveOptions(options);
  // Checked per call, so a bad base URL surfaces as the call's ProviderError. The docs' OpenAPI
  // servers end with `/v3`, our paths start with it: a pasted ".../v3" is dropped.
  const url = (path: string) => apiBase(settings.baseUrl, LYZR_DEFAULT_BASE_URL, LABEL).replace(/\/v3$/, "") + path;
  const headers = (accept = "application/json") => ({
    "x-api-key": settings.apiKey,
    accept,
    "content-type": "application/json",
  });
  const ctx = (signal?: AbortSignal): CallContext => ({ label: LABEL, opts, signal });
  const call = (method: string, path: string, body?: unknown, signal?: AbortSignal) =>
    requestJson(method, url(path), headers(), body, ctx(signal));

  /** The plain chat endpoint: the whole answer at once. */
  async function chat(body: unknown, signal?: AbortSignal): Promise<string> {
    const { data } = await call("POST", "/v3/inference/chat/", body, signal);
    const answer = chatAnswer(data);
    if (answer === undefined) throw new ProviderError("bad_response", `${LABEL}: no answer in the chat response`);
    return answer;
  }

  const knowledge = lyzrRag(settings, options);

  return {
    id: "lyzr",
    knowledge,

    async *stream(req: GenerateRequest): AsyncIterable<string> {
      if (!req.remoteAgentId) {
        throw new ProviderError("bad_request", `${LABEL}: this agent has no Lyzr copy yet (no remote agent id)`);
      }
      const body = inferenceBody(req, req.remoteAgentId);
      const init = {
        method: "POST",
        headers: headers("text/event-stream, application/json"),
        body: JSON.stringify(body),
      };
      const { res, settle } = await send(url("/v3/inference/stream/"), init, ctx(req.signal));
      // Headers are in: from here on the idle limit applies, not the call's deadline.
      settle();
      const type = (res.headers.get("content-type") ?? "").toLowerCase();
      if (res.status === 404 || res.status === 405 || (res.ok && /text\/html|application\/xml/.test(type))) {
        await res.body?.cancel().catch(() => {});
        const answer = await chat(body, req.signal);
        if (answer) yield answer;
        return;
      }
      if (!res.ok) throw await responseError(LABEL, res);
      if (!res.body) throw new ProviderError("bad_response", `${LABEL}: empty stream`);
      yield* readStream(res.body, opts.idleTimeoutMs, req.signal);
    },

    async testConnection(signal?: AbortSignal): Promise<{ detail: string }> {
      const { data } = await call("GET", "/v3/agents/", undefined, signal);
      const agents = agentList(data);
      return { detail: `${LABEL}: key accepted${agents ? `, ${agents.length} agents in the account` : ""}.` };
    },

    async createAgent(spec: RemoteAgentSpec): Promise<string> {
      const { data } = await call("POST", "/v3/agents/", agentBody(spec, settings, knowledge.baseUrl));
      const id = createdAgentId(data);
      if (!id) throw new ProviderError("bad_response", `${LABEL}: the new agent's id is missing from the answer`);
      return id;
    },

    async updateAgent(remoteId: string, spec: RemoteAgentSpec): Promise<void> {
      await call("PUT", `/v3/agents/${encodeURIComponent(remoteId)}`, agentBody(spec, settings, knowledge.baseUrl));
    },

    /** Deleting an agent Lyzr no longer has (404) counts as done. */
    async deleteAgent(remoteId: string): Promise<void> {
      try {
        await call("DELETE", `/v3/agents/${encodeURIComponent(remoteId)}`);
      } catch (err) {
        if (!(err instanceof ProviderError && err.status === 404)) throw err;
      }
    },
  };
}

/**
 * The pieces of a stream body. Usually SSE-style lines (`data: <token>`,
 * then `data: [DONE]`, bare `[DONE]` accepted); whatever the content type
 * says, a body that starts with `{` or `"` is one JSON document (or JSON
 * lines) carrying the whole answer. Ending without `[DONE]` is `stream_cut`.
 */
async function* readStream(body: ReadableStream<Uint8Array>, idleTimeoutMs: number, signal?: AbortSignal) {
  const parser = new SseParser({ bareLines: true });
  let mode: "sse" | "json" | undefined;
  let held = "";
  for await (const text of readText(body, { idleTimeoutMs, signal, label: LABEL })) {
    if (!mode) {
      held += text;
      const start = held.trimStart();
      if (!start) continue;
      mode = start.startsWith("{") || start.startsWith('"') ? "json" : "sse";
      if (mode === "json") continue;
    }
    if (mode === "json") {
      held += text;
      continue;
    }
    for (const ev of parser.push(held || text)) {
      const item = streamItem(ev, LABEL);
      if (item && "done" in item) return;
      if (item) yield item.piece;
    }
    held = "";
  }
  if (mode === "json") {
    yield* jsonPieces(held);
    return;
  }
  for (const ev of parser.end()) {
    const item = streamItem(ev, LABEL);
    if (item && "done" in item) return;
    if (item) yield item.piece;
  }
  throw new ProviderError("stream_cut", `${LABEL}: the stream ended before [DONE]`);
}

/** A whole-JSON stream answer: one document with the answer, or JSON lines of stream payloads. */
function* jsonPieces(text: string): Generator<string> {
  try {
    const answer = chatAnswer(JSON.parse(text));
    if (answer === undefined) throw new ProviderError("bad_response", `${LABEL}: no answer in the stream response`);
    if (answer) yield answer;
    return;
  } catch (err) {
    if (err instanceof ProviderError) throw err;
  }
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const item = streamItem({ event: "message", data: line }, LABEL);
    if (item && "done" in item) return;
    if (item) yield item.piece;
  }
}
