/**
 * How the two WebSockets appear in the OpenAPI document: a `GET` answered `101 Switching Protocols`,
 * described with the protocol of `realtime/protocol.ts` (JSON text frames). The routes themselves are
 * `GET /api/widget/ws` (`widget.ts`) and `GET /api/realtime` (`conversations.ts`).
 *
 * @module
 */
import { LIMITS } from "../realtime/protocol.ts";
import { errorResponses, type Security } from "./openapi.ts";

const PROTOCOL =
  `Frames are JSON text, at most ${LIMITS.maxFrameBytes} bytes; the types are in \`realtime/protocol.ts\`.

- **Client frames**: \`hello\` (first: \`resume\` with the last \`seq\` seen per conversation), \`send\`
  (\`clientId\`, \`text\` up to ${LIMITS.maxTextChars} characters, \`attachments\` ids from the uploads), \`typing\`,
  \`read\`, \`sync\`, \`ping\` (at least every ${LIMITS.heartbeatMs} ms; silent sockets are dropped after 2.5 times that).
- **Server frames**: \`welcome\`, \`ack\` (your \`send\`, once stored; a resend with the same \`clientId\` gets the
  original), \`message\`, \`message.updated\`, \`ai.token\`, \`typing\`, \`read\`, \`error\` (\`code\`, \`message\`),
  \`pong\`.
- Each conversation's \`seq\` is gapless from 1; after a reconnect, \`hello\` with \`resume\` brings what was missed,
  in order. Messages and conversations in frames are the \`Message\` and \`Conversation\` schemas of this document.

A request without \`Upgrade: websocket\` is not this operation and answers 404.`;

const VISITOR = `The visitor's socket. Open to any origin; the visitor token goes in the \`hello\` frame (\`token\`),
not in a header, since browsers cannot set headers on a WebSocket. Visitors may also send \`handoff\` ("talk to a
human"), and may omit \`conversationId\` in \`send\` to start a conversation. At most
${LIMITS.visitorFrames.limit} frames and ${LIMITS.visitorSends.limit} sends per ${
  LIMITS.visitorSends.windowMs / 1000
} s.`;

const STAFF = `The staff socket: the session cookie, from the app's own origin only (cross-site WebSocket hijacking;
another \`Origin\` answers 403). Staff also \`subscribe\`/\`unsubscribe\` to a conversation's messages, typing and AI
tokens, and receive \`conversation\` (an inbox row changed) and \`ticket\` frames for the whole workspace.`;

/** The declaration of a WebSocket operation, for `described(...)`. */
export function socketOperation<P extends string>(
  opts: { path: P; operationId: string; security: Security; side: "visitor" | "staff" },
) {
  const { side, ...declared } = opts;
  return {
    method: "get" as const,
    ...declared,
    tags: ["Realtime"],
    summary: side === "visitor" ? "The visitor's WebSocket (the widget)" : "The staff WebSocket (the dashboard)",
    description: `${side === "visitor" ? VISITOR : STAFF}\n\n${PROTOCOL}`,
    responses: {
      101: { description: "Switching Protocols: the WebSocket is open" },
      ...(side === "staff" ? errorResponses(403) : {}),
      404: { ...errorResponses(404)[404], description: "Not a WebSocket upgrade request" },
      // A handshake succeeds with 101, never 2XX; whatever else comes is the JSON error body.
      default: { ...errorResponses(404)[404], description: "Any other answer: the JSON error body" },
    },
  };
}
