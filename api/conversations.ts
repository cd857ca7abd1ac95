/**
 * `/api/conversations` (staff): the inbox list, one thread, replying when the
 * socket is down, take over / hand back, read markers, staff uploads; and
 * `GET /api/realtime`, the staff WebSocket (session cookie, same origin only).
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import * as chat from "../models/chat/chat.ts";
import { markRead } from "../models/chat/signals.ts";
import { listConversations, staffHistory } from "../models/chat/history.ts";
import { conversationVisitor } from "../models/chat/finders.ts";
import {
  conversationPageWire,
  conversationWire,
  messageWire,
  staffVisitorJson,
  threadWire,
} from "../models/chat/wire.ts";
import { NotFoundError } from "../lib/errors.ts";
import { translateForStaff } from "../models/language/translate.ts";
import { StaffSession } from "../realtime/staff_session.ts";
import { wireConversation, wireConversations, wireMessage } from "../realtime/wire.ts";
import { socketRoute } from "../http/socket_route.ts";
import { access, described, errorResponses, IdParam, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";
import { socketOperation } from "./sockets.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser, sessionToken } from "../http/session.ts";
import { receiveUpload, uploadRoute } from "./uploads.ts";

const tags = ["Conversations"];
const conversationsApi = resource();
conversationsApi.use("*", requireApiSession);

const clientId = z.string().regex(/^[\w-]{8,64}$/);

conversationsApi.openapi(
  route({
    method: "get",
    path: "/",
    tags,
    operationId: "listConversations",
    security: access.staff,
    summary: "Conversations of your workspace, most recent activity first",
    request: {
      query: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(50),
        handledBy: z.enum(["ai", "human"]).optional(),
        agentId: z.string().regex(/^[0-9a-f]{24}$/).optional(),
        before: z.string().regex(/^[0-9a-f]{24}$/).optional(),
      }),
    },
    responses: {
      200: jsonAnswer(conversationPageWire, "A page"),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const { deps } = c.var;
    const list = await listConversations(deps, currentUser(c), q);
    const conversations = await wireConversations(deps, list);
    return c.json({ conversations, nextCursor: list.length === q.limit ? list.at(-1)!.id : null }, 200);
  },
);

conversationsApi.openapi(
  route({
    method: "get",
    path: "/{id}",
    tags,
    operationId: "getConversation",
    security: access.staff,
    summary:
      "One conversation with its whole thread and the visitor (internal notes for sessions and `internal` keys only)",
    request: { params: IdParam },
    responses: {
      200: jsonAnswer(threadWire, "The thread"),
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const { deps } = c.var;
    const user = currentUser(c);
    const conv = await chat.staffConversation(deps, user, c.req.valid("param").id);
    // Conversations go with their visitor (ON DELETE CASCADE): one without is gone.
    const visitor = await conversationVisitor(deps, conv);
    if (!visitor) throw new NotFoundError("Conversation");
    const messages = [];
    for (const m of await staffHistory(deps, user, conv, 0)) messages.push(await wireMessage(deps, m));
    return c.json({
      conversation: wireConversation(conv, visitor),
      messages,
      visitor: staffVisitorJson(visitor),
    }, 200);
  },
);

conversationsApi.openapi(
  route({
    method: "post",
    path: "/{id}/messages",
    tags,
    operationId: "sendStaffMessage",
    security: access.staff,
    summary: "Reply as staff (idempotent by clientId); a reply takes the conversation over from the AI",
    request: {
      params: IdParam,
      body: jsonBody(z.object({
        clientId,
        text: z.string().max(chat.MAX_TEXT),
        attachments: z.array(z.string().regex(/^[0-9a-f]{24}$/)).max(5).optional(),
      })),
    },
    responses: { 201: jsonAnswer(z.object({ message: messageWire }), "Stored"), ...errorResponses(400, 401, 404) },
  }),
  async (c) => {
    const { message } = await chat.staffSend(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ message: await wireMessage(c.var.deps, message) }, 201);
  },
);

conversationsApi.openapi(
  route({
    method: "post",
    path: "/{id}/translate",
    tags,
    operationId: "translateConversationText",
    security: access.staff,
    summary: "Translate a customer's message or a draft reply with the conversation's agent's AI provider",
    description: "For staff reading a customer in another language, or writing to one: `text` into `to` " +
      "(ISO 639-1). Goes through the agent's provider (OpenAI, Anthropic, Lyzr); nothing is stored or sent to " +
      "the customer. An agent on the built-in responder, or whose provider has no key, answers 409 " +
      "`translation_unavailable`; a provider failure 503 `provider_failed`.",
    request: {
      params: IdParam,
      body: jsonBody(z.object({
        text: z.string().min(1).max(chat.MAX_TEXT),
        to: z.string().regex(/^[a-z]{2}$/).meta({ example: "en", description: "Target language, ISO 639-1" }),
      })),
    },
    responses: {
      200: jsonAnswer(
        z.object({
          text: z.string(),
          from: z.string().optional().meta({ description: "The text's language, when the detector is sure" }),
          to: z.string(),
          provider: z.string(),
        }).meta({ id: "Translation" }),
        "The translation",
      ),
      ...errorResponses(400, 401, 404, 409, 503),
    },
  }),
  async (c) => {
    const { deps } = c.var;
    const user = currentUser(c);
    const conv = await chat.staffConversation(deps, user, c.req.valid("param").id);
    return c.json(await translateForStaff(deps, user, conv, c.req.valid("json")), 200);
  },
);

for (const action of ["takeover", "handback"] as const) {
  conversationsApi.openapi(
    route({
      method: "post",
      path: `/{id}/${action}`,
      tags,
      operationId: action === "takeover" ? "takeOverConversation" : "handBackConversation",
      security: access.staff,
      summary: action === "takeover" ? "Take over: the AI stops answering" : "Hand the conversation back to the AI",
      request: { params: IdParam },
      responses: {
        200: jsonAnswer(z.object({ conversation: conversationWire }), "Updated"),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const fn = action === "takeover" ? chat.takeOver : chat.handBack;
      const conv = await fn(c.var.deps, currentUser(c), c.req.valid("param").id);
      const visitor = await conversationVisitor(c.var.deps, conv);
      return c.json({ conversation: wireConversation(conv, visitor) }, 200);
    },
  );
}

conversationsApi.openapi(
  route({
    method: "post",
    path: "/{id}/read",
    tags,
    operationId: "markConversationRead",
    security: access.staff,
    summary: "Mark the thread read up to seq",
    request: { params: IdParam, body: jsonBody(z.object({ seq: z.number().int().min(0) })) },
    responses: {
      200: jsonAnswer(z.object({ conversation: conversationWire }), "Updated"),
      ...errorResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const { deps } = c.var;
    const conv = await chat.staffConversation(deps, currentUser(c), c.req.valid("param").id);
    const updated = await markRead(deps, conv, "staff", c.req.valid("json").seq);
    const visitor = await conversationVisitor(deps, conv);
    return c.json({ conversation: wireConversation(updated, visitor) }, 200);
  },
);

conversationsApi.openapi(
  uploadRoute({
    operationId: "uploadStaffFile",
    security: access.staff,
    tags,
    summary: "Upload a file to attach to a staff reply",
    rateLimited: false,
  }),
  async (c) => {
    const user = currentUser(c);
    return await receiveUpload(c, { workspaceId: user.workspaceId, id: user.id }, c.req.valid("form").file);
  },
);

/** The `/api/conversations` sub-app. */
export default conversationsApi;

/** `GET /api/realtime`: the staff WebSocket. Refuses foreign Origins (cross-site WebSocket hijacking). */
export const realtimeApi = resource();
const socket = described(
  realtimeApi,
  socketOperation({ path: "/", operationId: "openStaffSocket", security: access.session, side: "staff" }),
);
realtimeApi.get(
  socket.getRoutingPath(),
  requireApiSession,
  socketRoute((c) => {
    const user = currentUser(c);
    const token = sessionToken(c) ?? "";
    return (end) => new StaffSession(c.var.deps, end, user, token);
  }, { ownOriginOnly: "The realtime socket only accepts the Frontdesk app's own origin." }),
);
