/**
 * `POST /api/agents/:id/ask`: the playground. Streams the answering pipeline
 * as server-sent events: `token`, `reset`, `done`, or `error`.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { askSchema } from "../models/agents/agent_schemas.ts";
import { getAgent } from "../models/agents/agents.ts";
import { answerQuestion } from "../models/answers/answer.ts";
import { access, errorResponses, IdParam, jsonBody, resource, route } from "./openapi.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";

const askApi = resource();
askApi.use("*", requireApiSession);

askApi.openapi(
  route({
    method: "post",
    path: "/{id}/ask",
    tags: ["Agents"],
    operationId: "askAgent",
    security: access.staff,
    summary: "Ask the agent (playground): server-sent events token* -> done, with citations and confidence",
    request: { params: IdParam, body: jsonBody(askSchema) },
    responses: {
      200: {
        description:
          "`text/event-stream`: `token` {text}, `reset` {}, `done` {text, html, citations, confidence, handoff, provider}, `error` {code, message}",
        content: { "text/event-stream": { schema: z.string() } },
      },
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const user = currentUser(c);
    const agent = await getAgent(c.var.deps, user, c.req.valid("param").id);
    const { message, sessionId } = c.req.valid("json");
    const ac = new AbortController();
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => ac.abort());
      try {
        const events = answerQuestion(c.var.deps, {
          agent,
          question: message,
          sessionId: sessionId ?? `playground-${user.id}`,
          userId: user.id,
          signal: ac.signal,
        });
        for await (const event of events) {
          if (event.type === "token") {
            await stream.writeSSE({ event: "token", data: JSON.stringify({ text: event.text }) });
          } else if (event.type === "reset") await stream.writeSSE({ event: "reset", data: "{}" });
          else await stream.writeSSE({ event: "done", data: JSON.stringify(event.result) });
        }
      } catch (err) {
        c.var.deps.log.error("playground answer failed", { err, requestId: c.var.requestId });
        await stream.writeSSE({
          event: "error",
          data: JSON.stringify({
            code: "internal_error",
            message: `Something went wrong. Reference: ${c.var.requestId}.`,
          }),
        });
      }
    }) as never;
  },
);

/** The playground route, mounted on `/api/agents`. */
export default askApi;
