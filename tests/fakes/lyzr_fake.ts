/**
 * A local Lyzr Agent API (v3) for tests, following `lyzr-api.md` where it is
 * sure and its stated inferences where it is not. Its `url` is the origin,
 * for `settings.baseUrl`.
 *
 * Routes (all want `x-api-key`; a wrong one gets 401 `{detail}`, FastAPI's
 * error shape, which Lyzr's callers read):
 * - `POST /v3/agents/` stores the agent, answers `{agent_id}` (or `_id` / `id`, see options);
 *   `GET /v3/agents/` lists them (a bare array, or wrapped); `GET|PUT|DELETE /v3/agents/{id}`
 *   answer `{message: "Agent updated successfully."}` etc., 404 `{detail}` when unknown.
 * - `POST /v3/inference/stream/`: `data: <token>` lines (raw text, leading spaces kept,
 *   newlines escaped as `\n`; or JSON `{"content": ...}` payloads), then `data: [DONE]`.
 * - `POST /v3/inference/chat/`: `{response}` (or a JSON-string response, or `agent_response`).
 * Both inference routes check the required fields (422 otherwise), the agent (404) and
 * record each call's `session_id`.
 * - Knowledge bases (`lyzr-api.md` §5, the RAG host; same origin here): `POST /v3/rag/` answers the
 *   config with `id`; `GET|DELETE /v3/rag/{id}/` (`_id` on GET); `DELETE /v3/rag/{id}/reset/` empties it;
 *   `POST /v3/train/text/?rag_id=` (`{data: [{text, source, extra_info}], chunk_size, chunk_overlap}`,
 *   all required) and `POST /v3/train/website/?rag_id=` (`{urls, ...}`, pages from `options.sites`)
 *   store documents; `GET /v3/rag/documents/{id}/` lists their sources; `GET /v3/rag/{id}/retrieve/?query=`
 *   scores documents by shared words and answers `{results: [{id, text, score, source, metadata}]}`
 *   (or the other shapes of `options.retrieveShape`). An unknown KB is 404, a bad `rag_id` 422.
 *
 * @module
 */
import {
  type FakeContext,
  type FakeServer,
  hexId,
  jsonResponse,
  pieces,
  sseFrame,
  sseResponse,
  startFakeServer,
} from "./fake_server.ts";

export type { Behaviour, RecordedRequest } from "./fake_server.ts";

/** Switches of the Lyzr fake; change them on `fake.options` between calls. */
export interface LyzrFakeOptions {
  /** The key the fake accepts (default `sk-default-test`). */
  apiKey?: string;
  /** What `ok` answers when the behaviour names no text. */
  text?: string;
  /** Makes `/v3/inference/stream/` answer 404, so clients must fall back to `/chat/`. */
  streamMissing?: boolean;
  /** How stream tokens are written: raw text (Lyzr's own client) or JSON `{"content": ...}` (sumiki). */
  streamFormat?: "text" | "json";
  /** Shape of the chat answer: `{response}`, `{response: "<JSON string>"}`, or `{agent_response, ...}`. */
  chatShape?: "response" | "json_string" | "agent_response";
  /** Which field carries the new agent's id on create. */
  createIdField?: "agent_id" | "_id" | "id";
  /** Wraps the agent list as `{agents: [...]}` instead of a bare array. */
  listWrapped?: boolean;
  /** Shape of a retrieve answer: `{results}` (sumiki), a bare array, or `{documents}` (parse-style, `metadata` only). */
  retrieveShape?: "results" | "array" | "documents";
  /** Pages `POST /v3/train/website/` "crawls": URL -> text. */
  sites?: Record<string, string>;
}

/** A document stored in a fake knowledge base (one per trained chunk). */
export interface LyzrFakeDoc {
  id: string;
  text: string;
  source: string;
  extra_info: Record<string, unknown>;
}

/** A fake knowledge base: its config as created, and its documents. */
export interface LyzrFakeKb {
  config: Record<string, unknown>;
  docs: LyzrFakeDoc[];
}

/** The Lyzr fake's handle. */
export interface LyzrFake extends FakeServer {
  /** Stored agents by id (the request bodies as sent, plus `_id`/`agent_id`). */
  agents: Map<string, Record<string, unknown>>;
  /** `session_id` of every inference call, in order. */
  sessionIds: string[];
  /** Knowledge bases by id. */
  kbs: Map<string, LyzrFakeKb>;
  options: LyzrFakeOptions;
}

/** Default answer text (with a newline, to exercise the `\n` escaping). */
export const LYZR_FAKE_TEXT = "Our office opens at 9am.\nSee you soon!";

const REQUIRED = ["user_id", "agent_id", "session_id", "message"] as const;

function detail(status: number, message: string): Response {
  return Response.json({ detail: message }, { status });
}

/** Starts the fake on 127.0.0.1 and a free port. */
export function startLyzrFake(options: LyzrFakeOptions = {}): LyzrFake {
  const agents = new Map<string, Record<string, unknown>>();
  const sessionIds: string[] = [];
  const kbs = new Map<string, LyzrFakeKb>();
  const fake = startFakeServer({
    errorBody: (_status, message) => ({ detail: message }),
    authorize(request) {
      const key = request.headers.get("x-api-key");
      if (!key) return detail(401, "API key is missing");
      return key === (options.apiKey ?? "sk-default-test") ? null : detail(401, "Invalid API key");
    },
    handle(ctx) {
      const { method, path } = ctx.rec;
      const body = (ctx.rec.body ?? {}) as Record<string, unknown>;
      const agentPath = path.match(/^\/v3\/agents\/([^/]+)\/?$/);
      if (path === "/v3/agents/" && method === "POST") {
        if (typeof body.name !== "string" || !body.name) return detail(422, "name: Field required");
        const id = hexId();
        agents.set(id, { ...body, _id: id, agent_id: id });
        const field = options.createIdField ?? "agent_id";
        return jsonResponse({ [field]: id, message: "Agent created successfully." }, ctx.behaviour, ctx.signal);
      }
      if (path === "/v3/agents/" && method === "GET") {
        const list = [...agents.values()];
        return jsonResponse(options.listWrapped ? { agents: list } : list, ctx.behaviour, ctx.signal);
      }
      if (agentPath) {
        const id = decodeURIComponent(agentPath[1]);
        const agent = agents.get(id);
        if (!agent) return detail(404, "Agent not found");
        if (method === "GET") return jsonResponse(agent, ctx.behaviour, ctx.signal);
        if (method === "PUT") {
          agents.set(id, { ...body, _id: id, agent_id: id });
          return jsonResponse({ message: "Agent updated successfully." }, ctx.behaviour, ctx.signal);
        }
        if (method === "DELETE") {
          agents.delete(id);
          return jsonResponse({ message: "Agent deleted successfully." }, ctx.behaviour, ctx.signal);
        }
      }
      if (method === "POST" && (path === "/v3/inference/stream/" || path === "/v3/inference/chat/")) {
        const stream = path.endsWith("/stream/");
        if (stream && options.streamMissing) return detail(404, "Not Found");
        const missing = REQUIRED.filter((f) => typeof body[f] !== "string" || !body[f]);
        if (missing.length) {
          return Response.json({
            detail: missing.map((f) => ({ type: "missing", loc: ["body", f], msg: "Field required", input: body })),
          }, { status: 422 });
        }
        if (!agents.has(body.agent_id as string)) return detail(404, "Agent not found");
        sessionIds.push(body.session_id as string);
        return stream ? streamAnswer(ctx, options) : chatAnswer(ctx, options, body);
      }
      if (path.startsWith("/v3/rag/") || path.startsWith("/v3/train/")) return ragRoute(ctx, kbs, options);
      return detail(404, "Not Found");
    },
  });
  return { ...fake, agents, sessionIds, kbs, options };
}

function textOf(ctx: FakeContext, options: LyzrFakeOptions): string {
  const b = ctx.behaviour;
  return ("text" in b && b.text) || options.text || LYZR_FAKE_TEXT;
}

function streamAnswer(ctx: FakeContext, options: LyzrFakeOptions): Response {
  const json = options.streamFormat === "json";
  const token = (t: string) => sseFrame(json ? JSON.stringify({ content: t }) : t.replaceAll("\n", "\\n"));
  const b = ctx.behaviour;
  return sseResponse(
    {
      head: [],
      content: pieces(textOf(ctx, options)).map(token),
      tail: [sseFrame("[DONE]")],
      error: sseFrame(JSON.stringify({ error: b.kind === "stream_error" && b.message || "Inference failed" }), "error"),
    },
    b,
    ctx.signal,
  );
}

function chatAnswer(ctx: FakeContext, options: LyzrFakeOptions, body: Record<string, unknown>) {
  const text = textOf(ctx, options);
  const shape = options.chatShape ?? "response";
  const value = shape === "agent_response"
    ? { status: "success", agent_response: text, session_id: body.session_id, agent_id: body.agent_id }
    : shape === "json_string"
    ? { response: JSON.stringify({ answer: text, confidence: 0.9 }) }
    : { response: text };
  return jsonResponse(value, ctx.behaviour, ctx.signal);
}

const RAG_ID = /^[0-9a-f]{24}$/;

function validation(loc: string[], msg: string, input: unknown): Response {
  return Response.json({ detail: [{ type: "value_error", loc, msg, input }] }, { status: 422 });
}

/** The knowledge-base routes (`lyzr-api.md` §5). */
function ragRoute(
  ctx: FakeContext,
  kbs: Map<string, LyzrFakeKb>,
  options: LyzrFakeOptions,
): Promise<Response> | Response {
  const { method, path, query } = ctx.rec;
  const body = ctx.rec.body;
  const ok = (value: unknown) => jsonResponse(value, ctx.behaviour, ctx.signal);
  if (path === "/v3/rag/" && method === "POST") {
    const config = body && typeof body === "object" && !Array.isArray(body) ? body as Record<string, unknown> : null;
    if (!config || typeof config.collection_name !== "string" || !config.collection_name) {
      return validation(["body", "collection_name"], "Field required", body);
    }
    const id = hexId();
    kbs.set(id, { config, docs: [] });
    return ok({ id, ...config });
  }
  const train = path.match(/^\/v3\/train\/(text|website)\/$/);
  if (train && method === "POST") {
    const ragId = query.rag_id ?? "";
    if (!RAG_ID.test(ragId)) return validation(["query", "rag_id"], "Invalid rag_id", ragId);
    const kb = kbs.get(ragId);
    if (!kb) return detail(404, "RAG configuration not found");
    const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
    const added = train[1] === "text" ? textDocs(b) : websiteDocs(b, options);
    if (!Array.isArray(added)) return added;
    kb.docs.push(...added);
    return ok(`Training completed successfully: ${added.length} documents added`);
  }
  const docs = path.match(/^\/v3\/rag\/documents\/([^/]+)\/$/);
  if (docs && method === "GET") {
    const kb = kbs.get(docs[1]);
    if (!kb) return detail(404, "RAG configuration not found");
    return ok([...new Set(kb.docs.map((d) => d.source))]);
  }
  const one = path.match(/^\/v3\/rag\/([^/]+)\/(reset\/|retrieve\/)?$/);
  if (!one) return detail(404, "Not Found");
  const kb = kbs.get(one[1]);
  if (!kb) return detail(404, "RAG configuration not found");
  if (!one[2] && method === "GET") return ok({ _id: one[1], ...kb.config });
  if (!one[2] && method === "DELETE") {
    kbs.delete(one[1]);
    return ok({ success: true });
  }
  if (one[2] === "reset/" && method === "DELETE") {
    kb.docs = [];
    return ok({ success: true, message: "Knowledge base reset" });
  }
  if (one[2] === "retrieve/" && method === "GET") {
    if (!query.query) return validation(["query", "query"], "Field required", null);
    const topK = Number(query.top_k ?? 10);
    const threshold = Number(query.score_threshold ?? 0);
    const scored = kb.docs.map((d) => ({ d, score: overlap(query.query, d.text) }))
      .filter((x) => x.score > 0 && x.score >= threshold)
      .sort((a, b) => b.score - a.score)
      .slice(0, topK);
    const shape = options.retrieveShape ?? "results";
    if (shape === "documents") {
      return ok({
        documents: scored.map(({ d, score }) => ({
          id_: d.id,
          text: d.text,
          metadata: { ...d.extra_info, source: d.source, score },
        })),
      });
    }
    const results = scored.map(({ d, score }) => ({
      id: d.id,
      text: d.text,
      score,
      source: d.source,
      metadata: { ...d.extra_info, source: d.source },
    }));
    return ok(shape === "array" ? results : { results });
  }
  return detail(405, "Method Not Allowed");
}

function textDocs(b: Record<string, unknown>): LyzrFakeDoc[] | Response {
  for (const field of ["data", "chunk_size", "chunk_overlap"]) {
    if (b[field] === undefined) return validation(["body", field], "Field required", b);
  }
  if (!Array.isArray(b.data)) return validation(["body", "data"], "Input should be a valid list", b.data);
  const docs: LyzrFakeDoc[] = [];
  for (const [i, item] of (b.data as Array<Record<string, unknown>>).entries()) {
    if (!item || typeof item.text !== "string") {
      return validation(["body", "data", String(i), "text"], "Field required", item);
    }
    docs.push({
      id: crypto.randomUUID(),
      text: item.text,
      source: typeof item.source === "string" ? item.source : "text",
      extra_info: item.extra_info && typeof item.extra_info === "object"
        ? item.extra_info as Record<string, unknown>
        : {},
    });
  }
  return docs;
}

function websiteDocs(b: Record<string, unknown>, options: LyzrFakeOptions): LyzrFakeDoc[] | Response {
  if (!Array.isArray(b.urls) || !b.urls.length) return validation(["body", "urls"], "Field required", b);
  return (b.urls as string[]).flatMap((url) => {
    const text = options.sites?.[url];
    return text === undefined ? [] : [{ id: crypto.randomUUID(), text, source: url, extra_info: { url } }];
  });
}

/** Share of the query's words (3+ letters) the text contains: a crude stand-in for vector similarity. */
function overlap(query: string, text: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  const q = words(query);
  if (!q.size) return 0;
  const t = words(text);
  let shared = 0;
  for (const w of q) if (t.has(w)) shared++;
  return Math.round((shared / q.size) * 1000) / 1000;
}
