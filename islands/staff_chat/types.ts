/**
 * The JSON the staff chat islands (the Inbox, the Tickets page) receive: the
 * realtime protocol's wire shapes (re-exported as types) and the thread
 * answer of `GET /api/conversations/:id`. Types only, so the islands bundle
 * nothing from the server side.
 *
 * @module
 */
import type { WireConversation, WireMessage } from "../../realtime/protocol.ts";

export type {
  AuthorKind,
  ClientFrame,
  ServerFrame,
  WireAttachment,
  WireCitation,
  WireConversation,
  WireMessage,
} from "../../realtime/protocol.ts";

/** The visitor of a conversation, as `GET /api/conversations/:id` gives it. */
export interface VisitorJson {
  id: string;
  name?: string;
  email?: string;
  /** The host page proved the email (HMAC identity). */
  verified: boolean;
  createdAt: string;
}

/** `GET /api/conversations/:id`: the whole thread, oldest first. */
export interface ThreadJson {
  conversation: WireConversation;
  messages: WireMessage[];
  visitor: VisitorJson;
}

/** An agent, for the filters and for naming a conversation's agent. */
export interface AgentOption {
  id: string;
  name: string;
}

/** Longest reply, in characters (the protocol's `LIMITS.maxTextChars`; islands take no values from it). */
export const MAX_REPLY_CHARS = 4000;
