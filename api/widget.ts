/**
 * `/api/widget`: the public endpoints the embeddable widget calls from any
 * origin (CORS open, no cookies): the session (visitor token + agent look),
 * identity from the host page, uploads, and the visitor WebSocket.
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { RateLimitedError, UnauthorizedError } from "../lib/errors.ts";
import type { AppEnv } from "../http/app_env.ts";
import type { Visitor } from "../models/chat/conversation.ts";
import { rateAsVisitor } from "../models/tickets/ratings.ts";
import { ratingSchema } from "../models/tickets/ticket_schemas.ts";
import { fillCustomerEmail } from "../models/tickets/handoff.ts";
import { authenticateVisitor, identifyVisitor, startWidgetSession } from "../models/chat/visitors.ts";
import { emailSchema } from "../models/accounts/user_schemas.ts";
import { visitorJson, visitorWire, widgetSessionWire } from "../models/chat/wire.ts";
import { LIMITS } from "../realtime/protocol.ts";
import { VisitorSession } from "../realtime/visitor_session.ts";
import { wireConversationsForVisitor } from "../realtime/wire.ts";
import { access, described, errorResponses, jsonAnswer, jsonBody, OkSchema, resource, route } from "./openapi.ts";
import { socketOperation } from "./sockets.ts";
import { clientAddress } from "../http/client_address.ts";
import { socketRoute } from "../http/socket_route.ts";
import { receiveUpload, uploadRoute } from "./uploads.ts";
import { widgetTexts } from "../models/language/widget_texts.ts";

const tags = ["Widget"];
const widgetApi = resource();
widgetApi.use("*", cors({ origin: "*", allowHeaders: ["Content-Type", "Authorization"], maxAge: 600 }));

const SESSION_LIMIT = { limit: 60, windowMs: 60_000 };

const visitors = new WeakMap<Request, Promise<Visitor>>();

/** The visitor of the request's bearer token (authenticated once per request). */
function bearerVisitor(c: Context<AppEnv>): Promise<Visitor> {
  let visitor = visitors.get(c.req.raw);
  if (!visitor) {
    const auth = c.req.header("authorization") ?? "";
    visitor = auth.startsWith("Bearer ")
      ? authenticateVisitor(c.var.deps, auth.slice(7).trim())
      : Promise.reject(new UnauthorizedError("Send the visitor token.", "invalid_visitor_token"));
    visitors.set(c.req.raw, visitor);
  }
  return visitor;
}

/** The visitor routes' guard: 401 before the input is even read, as the staff routes do. */
const requireVisitor = createMiddleware<AppEnv>(async (c, next) => {
  await bearerVisitor(c);
  await next();
});

const agentId = z.string().regex(/^[0-9a-f]{24}$/, { message: "Must be a 24-character hex id." });

widgetApi.openapi(
  route({
    method: "post",
    path: "/session",
    tags,
    operationId: "startWidgetSession",
    security: access.public,
    summary: "Start or resume a visitor's chat session (public; 404 when the agent is inactive)",
    request: {
      body: jsonBody(z.object({
        agentId,
        token: z.string().max(2000).optional(),
        pageUrl: z.string().max(2000).optional(),
        lang: z.string().max(35).optional().openapi({
          description: "The language the widget speaks (BCP 47): the system writes its messages to the visitor in it",
          example: "fr",
        }),
        locale: z.string().max(35).optional().openapi({
          description:
            "The browser's own language (BCP 47, `navigator.language`), any: new conversations start in it, " +
            "until the customer's words say otherwise (the conversation's `language`)",
          example: "it-IT",
        }),
      })),
    },
    responses: { 200: jsonAnswer(widgetSessionWire, "The session"), ...errorResponses(400, 404, 429) },
  }),
  async (c) => {
    const { deps } = c.var;
    const limited = deps.limiter.hit(`widget:session:${clientAddress(c)}`, SESSION_LIMIT);
    if (!limited.ok) throw new RateLimitedError(limited.retryAfter);
    const s = await startWidgetSession(deps, c.req.valid("json"));
    const conversations = await wireConversationsForVisitor(deps, s.conversations, s.visitor);
    c.header("cache-control", "no-store");
    return c.json({
      token: s.token,
      visitorId: s.visitor.id,
      agent: {
        id: s.agent.id,
        name: s.agent.name,
        welcomeMessage: s.agent.welcomeMessage,
        widgetConfig: {
          primaryColor: s.agent.widgetConfig.primaryColor,
          position: s.agent.widgetConfig.position,
          title: s.agent.widgetConfig.title,
          subtitle: s.agent.widgetConfig.subtitle,
        },
        texts: await widgetTexts(deps, s.agent),
      },
      conversations,
      heartbeatMs: LIMITS.heartbeatMs,
    }, 200);
  },
);

const VisitorAnswer = z.object({ visitor: visitorWire });

widgetApi.openapi(
  route({
    method: "post",
    path: "/identify",
    tags,
    operationId: "identifyVisitor",
    security: access.visitor,
    middleware: [requireVisitor],
    summary: "Tell who the visitor is (optionally proven with an HMAC userHash)",
    request: {
      body: jsonBody(z.object({
        email: emailSchema.optional(),
        name: z.string().trim().min(1).max(100).optional(),
        userHash: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
      })),
    },
    responses: { 200: jsonAnswer(VisitorAnswer, "The visitor"), ...errorResponses(400, 401) },
  }),
  async (c) => {
    const v = await identifyVisitor(c.var.deps, await bearerVisitor(c), c.req.valid("json"));
    if (v.email) await fillCustomerEmail(c.var.deps, v.workspaceId, v.id, v.email, v.name);
    return c.json({ visitor: visitorJson(v) }, 200);
  },
);

widgetApi.openapi(
  uploadRoute({
    operationId: "uploadVisitorFile",
    security: access.visitor,
    middleware: [requireVisitor],
    tags,
    summary: "The visitor uploads a file to attach to a message (20 per 10 minutes)",
    rateLimited: true,
  }),
  async (c) => {
    const visitor = await bearerVisitor(c);
    const limited = c.var.deps.limiter.hit(`widget:uploads:${visitor.id}`, { limit: 20, windowMs: 10 * 60_000 });
    if (!limited.ok) throw new RateLimitedError(limited.retryAfter, "Too many uploads; try again later.");
    return await receiveUpload(c, { workspaceId: visitor.workspaceId, id: visitor.id }, c.req.valid("form").file);
  },
);

widgetApi.openapi(
  route({
    method: "post",
    path: "/conversations/{id}/rating",
    tags,
    operationId: "rateConversation",
    security: access.visitor,
    middleware: [requireVisitor],
    summary: "The visitor rates a resolved conversation, or the AI's answer in one without a ticket (1-5)",
    description: "With a ticket, the ticket is rated (it must be resolved: else 409 `not_resolved`). Without " +
      "one, the AI's answer is rated: the conversation must be with the AI and its last message the AI's " +
      "complete answer (else 409 `not_answered`); recorded as a `conversation.rated` event. Rating again " +
      "replaces the score.",
    request: {
      params: z.object({ id: agentId.openapi({ param: { name: "id", in: "path" } }) }),
      body: jsonBody(ratingSchema),
    },
    responses: { 200: jsonAnswer(OkSchema, "Rated"), ...errorResponses(400, 401, 404, 409) },
  }),
  async (c) => {
    await rateAsVisitor(c.var.deps, await bearerVisitor(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ ok: true as const }, 200);
  },
);

const socket = described(
  widgetApi,
  socketOperation({ path: "/ws", operationId: "openVisitorSocket", security: access.public, side: "visitor" }),
);
widgetApi.get(socket.getRoutingPath(), socketRoute((c) => (end) => new VisitorSession(c.var.deps, end)));

/** The `/api/widget` sub-app. */
export default widgetApi;
