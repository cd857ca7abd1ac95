/**
 * The JSON the Inbox island receives: the realtime protocol's wire shapes
 * and the REST answers of `/api/conversations`, both the server's wire
 * contract (`models/chat/wire.ts`) re-exported as types.
 * Types only, so the island bundles nothing from the server side.
 *
 * @module
 */
import type { AgentJson } from "../../models/agents/wire.ts";

export type { ConversationPageJson, ThreadJson, VisitorJson } from "../../models/chat/wire.ts";
export type {
  AuthorKind,
  ClientFrame,
  ServerFrame,
  WireAttachment,
  WireCitation,
  WireConversation,
  WireMessage,
} from "../../realtime/protocol.ts";

/** An agent, for the filter and for naming a conversation's agent. */
export type AgentOption = Pick<AgentJson, "id" | "name">;

/** Who handles the conversations shown: everyone's, the AI's, or those needing a person. */
export type HandledFilter = "all" | "ai" | "human";

/** The list's filters. `agentId` empty means every agent. */
export interface InboxFilter {
  handledBy: HandledFilter;
  agentId: string;
}

/** Longest reply, in characters (the protocol's `LIMITS.maxTextChars`; islands take no values from it). */
export const MAX_REPLY_CHARS = 4000;
