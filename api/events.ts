/**
 * `/api/events`: the workspace's events from the durable log, for polling clients (`GET /api/events`, a
 * page after a cursor) and as a stream (`/api/events/ws`, API keys). Internal notes only to signed-in
 * staff and keys with the `internal` permission (`models/events/feed.ts`).
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { UnauthorizedError, ValidationError } from "../lib/errors.ts";
import { EVENT_TYPES, type EventType, isEventType } from "../models/events/catalog.ts";
import { seesInternalNotes } from "../models/accounts/user.ts";
import { readFeed } from "../models/events/feed.ts";
import { decodeCursor, encodeCursor, eventJson, eventWire } from "../models/events/wire.ts";
import { EventStreamSession, STREAM } from "../realtime/event_stream.ts";
import { countRequest } from "../http/api_key.ts";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";
import { socketRoute } from "../http/socket_route.ts";
import { access, described, errorResponses, jsonAnswer, resource, route } from "./openapi.ts";

const tags = ["Events"];
const eventsApi = resource();

const FeedQuery = z.object({
  after: z.string().optional().openapi({
    description: "A cursor from an earlier answer (`next`, or an event's `cursor`); omitted: the log's start",
  }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: "Events scanned (1-500)" }),
  types: z.string().optional().openapi({
    description: "Comma-separated event types of the catalog, e.g. `ticket.created,message.created`",
    example: "ticket.created,ticket.status_changed",
  }),
});

const feedWire = z.object({
  events: z.array(eventWire),
  next: z.string().describe("Pass as `after` for the next page (the same when nothing new came)"),
  more: z.boolean().describe("The page was full: ask again at once"),
}).meta({ id: "EventPage" });

function cursorOf(after: string | undefined): number {
  if (after === undefined) return 0;
  const position = decodeCursor(after);
  if (position === null) throw new ValidationError("Invalid cursor.", { fields: { after: "Not a cursor." } });
  return position;
}

function typesOf(types: string | undefined): EventType[] | undefined {
  if (!types) return undefined;
  const names = types.split(",").map((t) => t.trim()).filter(Boolean);
  const unknown = names.filter((t) => !isEventType(t));
  if (unknown.length) {
    throw new ValidationError(`Unknown event types: ${unknown.join(", ")}.`, { fields: { types: "Unknown type." } });
  }
  return names as EventType[];
}

eventsApi.use("/", requireApiSession);
eventsApi.openapi(
  route({
    method: "get",
    path: "/",
    tags,
    operationId: "listEvents",
    security: access.staff,
    summary: "Page through the workspace's events (oldest first), after a cursor",
    description: "Events in the catalog's envelope, oldest first. Poll with the answer's `next` as `after`. " +
      `Types: ${EVENT_TYPES.map((t) => `\`${t}\``).join(", ")}. Internal notes (\`message.created\` with ` +
      "`message.internal`) only for signed-in staff and API keys created with `internal: true`.",
    request: { query: FeedQuery },
    responses: { 200: jsonAnswer(feedWire, "A page of events") },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const user = currentUser(c);
    const internal = seesInternalNotes(user);
    const page = await readFeed(c.var.deps, { workspaceId: user.workspaceId, internal }, {
      after: cursorOf(q.after),
      limit: q.limit,
      types: typesOf(q.types),
    });
    return c.json({ events: page.events.map(eventJson), next: encodeCursor(page.next), more: page.more }, 200);
  },
);

const STREAM_DOC = `A WebSocket streaming the workspace's events as they are committed, for API keys.

- **Authentication**: \`Authorization: Bearer fd_live_…\` on the upgrade (server clients), or, from a browser
  (which cannot set headers on a WebSocket), a first frame \`{"type":"hello","key":"fd_live_…"}\`.
- **Resume**: \`?after=<cursor>\` (or \`after\` in \`hello\`): every event after it, in order, then live. Without
  one the stream starts at the log's beginning. Keep the last \`cursor\` you processed.
- **Server frames** (JSON text): \`welcome\` (\`cursor\`), \`event\` (\`event\`: the \`Event\` schema of
  \`GET /api/events\`, and \`cursor\`), \`pong\`, \`error\` (\`code\`, \`message\`).
- **Client frames**: \`hello\`, \`ping\` (at least every ${STREAM.heartbeatMs / 1000} s; silent sockets are
  dropped after 2.5 times that).
- Close codes: 4401 the key is invalid or was revoked (an open stream closes at once on revocation), 4400 an
  invalid cursor, 4000 heartbeat timeout.
- Internal notes only with a key created with \`internal: true\`.

A request without \`Upgrade: websocket\` is not this operation and answers 404.`;

const streamOp = described(eventsApi, {
  method: "get",
  path: "/ws",
  tags,
  operationId: "openEventStream",
  security: access.apiKey,
  summary: "Stream the workspace's events (WebSocket)",
  description: STREAM_DOC,
  request: { query: z.object({ after: z.string().optional().openapi({ description: "Resume after this cursor" }) }) },
  responses: {
    101: { description: "Switching Protocols: the stream is open" },
    404: { ...errorResponses(404)[404], description: "Not a WebSocket upgrade request" },
    default: { ...errorResponses(404)[404], description: "Any other answer: the JSON error body" },
  },
});
eventsApi.get(
  streamOp.getRoutingPath(),
  async (c, next) => {
    // Without a key in the header, only an upgrade may go on (its key comes in `hello`).
    if (!c.var.apiKey && c.req.header("upgrade")?.toLowerCase() !== "websocket") throw new UnauthorizedError();
    await next();
  },
  socketRoute((c) => {
    const principal = c.var.apiKey;
    if (principal) countRequest(c, principal.key.id);
    const after = c.req.query("after");
    if (after !== undefined) cursorOf(after);
    return (end) => new EventStreamSession(c.var.deps, end, principal, after);
  }),
);

export default eventsApi;
