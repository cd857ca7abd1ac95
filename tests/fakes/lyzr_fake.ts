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
}

/** The Lyzr fake's handle. */
export interface LyzrFake extends FakeServer {
  /** Stored agents by id (the request bodies as sent, plus `_id`/`agent_id`). */
  agents: Map<string, Record<string, unknown>>;
  /** `session_id` of every inference call, in order. */
  sessionIds: string[];
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
      return detail(404, "Not Found");
    },
  });
  return { ...fake, agents, sessionIds, options };
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
