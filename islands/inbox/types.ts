/**
 * The JSON the Inbox island receives: the realtime protocol's wire shapes
 * (re-exported as types) and the REST answers of `/api/conversations`.
 * Types only, so the island bundles nothing from the server side.
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

/** `GET /api/conversations`: one page of the list. */
export interface ConversationPageJson {
  conversations: WireConversation[];
  nextCursor: string | null;
}

/** An agent, for the filter and for naming a conversation's agent. */
export interface AgentOption {
  id: string;
  name: string;
}

/** Who handles the conversations shown: everyone's, the AI's, or those needing a person. */
export type HandledFilter = "all" | "ai" | "human";

/** The list's filters. `agentId` empty means every agent. */
export interface InboxFilter {
  handledBy: HandledFilter;
  agentId: string;
}

/** Longest reply, in characters (the protocol's `LIMITS.maxTextChars`; islands take no values from it). */
export const MAX_REPLY_CHARS = 4000;
