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
 * @module
 */

/** Who wrote a message, as the seed names it: `user` is the customer, `agent` the support side. */
export type Sender = "user" | "agent" | "system";

/** Which kind of author (the support side is told apart here). */
export type AuthorKind = "visitor" | "ai" | "staff" | "system";

/** A file attached to a message. `url` is signed and short-lived. */
export interface WireAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
}

/** A source an AI answer cites. */
export interface WireCitation {
  title: string;
  url?: string;
}

/** A message on the wire. */
export interface WireMessage {
  id: string;
  conversationId: string;
  /** Gapless per conversation, from 1. */
  seq: number;
  /** The sender's idempotency key, when it gave one. */
  clientId?: string;
  sender: Sender;
  author: { kind: AuthorKind; name?: string };
  /** Markdown-ish text; render AI text only through the safe renderer, everything else as plain text. */
  text: string;
  /** For AI answers: the server-rendered safe HTML of `text` (links/images only to allowed hosts). */
  html?: string;
  attachments: WireAttachment[];
  citations: WireCitation[];
  /** `streaming` while an AI answer is being written; `interrupted` if a restart cut it. */
  status: "complete" | "streaming" | "interrupted";
  /**
   * For system messages: what happened. `email_request` (ask the visitor for an email),
   * `rating_request` (ask for a 1-5 rating of `ticketId`), `takeover`, `handback`, ...
   */
  event?: string;
  ticketId?: string;
  /** Staff only: an internal note (never sent to visitors). */
  internal?: boolean;
  createdAt: string;
}

/** A conversation as clients see it. */
export interface WireConversation {
  id: string;
  agentId: string;
  visitorId: string;
  visitorName?: string;
  visitorEmail?: string;
  status: "open" | "closed";
  /** `ai` answers until handed off; then `human`. */
  handledBy: "ai" | "human";
  lastSeq: number;
  lastMessageAt: string;
  lastMessagePreview: string;
  /** Highest seq the visitor has read / a staff member has read. */
  visitorReadSeq: number;
  staffReadSeq: number;
  pageUrl?: string;
  createdAt: string;
}

/** A ticket as staff see it on the wire (the seed's fields; its thread is the conversation's). */
export interface WireTicket {
  id: string;
  conversationId: string;
  agentId: string;
  title: string;
  description: string;
  status: "open" | "in-progress" | "resolved" | "closed";
  priority: "low" | "medium" | "high" | "urgent";
  customerEmail: string;
  customerName?: string;
  assignedTo: string | null;
  userId: string;
  tags: string[];
  source: string;
  rating: { score: number; comment?: string; at: string } | null;
  escalationLevel: number;
  resolvedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

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
