/**
 * The JSON the staff chat islands (the Inbox, the Tickets page) receive: the
 * realtime protocol's wire shapes and the thread answer of
 * `GET /api/conversations/:id`, both the server's wire contract re-exported as
 * types. Types only, so the islands bundle nothing from the server side.
 *
 * @module
 */
import type { AgentJson } from "../../models/agents/wire.ts";

export type {
  AuthorKind,
  ClientFrame,
  ServerFrame,
  WireAttachment,
  WireCitation,
  WireConversation,
  WireMessage,
} from "../../realtime/protocol.ts";

export type { ThreadJson, VisitorJson } from "../../models/chat/wire.ts";

/** An agent, for the filters and for naming a conversation's agent. */
export type AgentOption = Pick<AgentJson, "id" | "name"> & {
  /** Its provider can translate for staff (any but the built-in responder). */
  canTranslate?: boolean;
};

/** Longest reply, in characters (the protocol's `LIMITS.maxTextChars`; islands take no values from it). */
export const MAX_REPLY_CHARS = 4000;
