/**
 * The WebSocket protocol shared by the server, the widget and the dashboard
 * islands (which import these as types only). Frames are JSON text.
 *
 * Guarantees: a `send` is acknowledged (`ack`) only after the message is
 * stored; a resend with the same `clientId` returns the original message;
 * each conversation's `seq` is gapless from 1; after any reconnect a client
 * sends `hello` with the last `seq` it saw per conversation and receives what
 * it missed, in order; AI answers stream as `ai.token` frames and end with a
 * `message.updated` carrying the final text.
 *
 * Resume rule: the seq a client resumes after is the highest seq it holds
 * with no gap below it AND below any message it still holds as `streaming`
 * (only AI answers change after they are stored; resuming before them brings
 * back their final state, e.g. `interrupted` after a restart).
 *
 * Endpoints: visitors `GET /api/widget/ws` (token in the `hello` frame), staff
 * `GET /api/realtime` (session cookie, same-origin only).
 *
 * The messages and conversations inside frames are the chat wire contract
 * (`models/chat/wire.ts`, zod schemas the API documents too), re-exported here
 * so clients find the whole protocol in one place.
 *
 * @module
 */

import type { TicketWire } from "../models/tickets/wire.ts";
import type { AuthorKind, WireConversation, WireMessage } from "../models/chat/wire.ts";

export type {
  AuthorKind,
  Sender,
  WireAttachment,
  WireCitation,
  WireConversation,
  WireMessage,
} from "../models/chat/wire.ts";

/** A ticket as staff see it on the wire (the seed's fields; its thread is the conversation's). */
/** A ticket on the wire (the tickets' wire contract). */
export type WireTicket = TicketWire;

/** Frames clients send. */
export type ClientFrame =
  /** First frame. Visitors give their token; both give the last seq seen per conversation. */
  | { type: "hello"; token?: string; resume?: Array<{ conversationId: string; afterSeq: number }> }
  /** A new message. Visitors may omit `conversationId` to start one (then `pageUrl` says where). */
  | {
    type: "send";
    clientId: string;
    conversationId?: string;
    text: string;
    attachments?: string[];
    pageUrl?: string;
  }
  | { type: "typing"; conversationId: string; on: boolean }
  | { type: "read"; conversationId: string; seq: number }
  /** Visitor: "Talk to a human". */
  | { type: "handoff"; conversationId: string }
  /** Ask for messages after `afterSeq` (e.g. after a gap). */
  | { type: "sync"; conversationId: string; afterSeq: number }
  /** Staff: watch one conversation's messages, typing and AI tokens. */
  | { type: "subscribe"; conversationId: string }
  | { type: "unsubscribe"; conversationId: string }
  | { type: "ping" };

/** Frames the server sends. */
export type ServerFrame =
  | { type: "welcome"; visitorId?: string; userId?: string; heartbeatMs: number; conversations: WireConversation[] }
  /** Your `send` is stored (or was already: same `clientId`). */
  | { type: "ack"; clientId: string; message: WireMessage }
  | { type: "message"; message: WireMessage }
  | { type: "message.updated"; message: WireMessage }
  | { type: "ai.token"; conversationId: string; messageId: string; text: string }
  | { type: "typing"; conversationId: string; from: AuthorKind; on: boolean; name?: string }
  | { type: "read"; conversationId: string; by: "visitor" | "staff"; seq: number }
  /**
   * A conversation's inbox row changed. Staff get it on every message of the workspace except on a
   * socket subscribed to that conversation, where the `message` frame moves the row (seq, time, preview).
   */
  | { type: "conversation"; conversation: WireConversation }
  /** Staff only: a ticket was opened or changed. */
  | { type: "ticket"; ticket: WireTicket }
  | { type: "error"; code: ErrorCode; message: string; clientId?: string }
  | { type: "pong" };

/** Error frame codes. */
export type ErrorCode =
  | "invalid_frame"
  | "too_large"
  | "rate_limited"
  | "unauthorized"
  | "not_found"
  | "forbidden"
  | "internal_error";

/** Limits every client should respect (the server enforces them). */
export const LIMITS = {
  /** Largest frame, in bytes. */
  maxFrameBytes: 16 * 1024,
  /** Longest message text, in characters. */
  maxTextChars: 4000,
  /** Client heartbeat: send `ping` at least this often (ms); the server drops sockets silent for 2.5x. */
  heartbeatMs: 25_000,
  /** Visitor flood limit: frames per window. */
  visitorFrames: { limit: 30, windowMs: 10_000 },
  /** Visitor message limit: `send` frames per window. */
  visitorSends: { limit: 10, windowMs: 10_000 },
} as const;
