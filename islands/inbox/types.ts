/**
 * What only the Inbox works with: a page of its list and the list's
 * filters. The wire shapes it shares with the Tickets page are in
 * `../staff_chat/types.ts`.
 *
 * @module
 */
import type { WireConversation } from "../staff_chat/types.ts";

/** `GET /api/conversations`: one page of the list. */
export interface ConversationPageJson {
  conversations: WireConversation[];
  nextCursor: string | null;
}

/** Who handles the conversations shown: everyone's, the AI's, or those needing a person. */
export type HandledFilter = "all" | "ai" | "human";

/** The list's filters. `agentId` empty means every agent. */
export interface InboxFilter {
  handledBy: HandledFilter;
  agentId: string;
}
