/**
 * What only the Inbox works with: a page of its list (the server's wire
 * contract, `models/chat/wire.ts`, re-exported as a type). The wire shapes it
 * shares with the Tickets page are in `../staff_chat/types.ts`.
 *
 * @module
 */
export type { ConversationPageJson } from "../../models/chat/wire.ts";

/** Who handles the conversations shown: everyone's, the AI's, or those needing a person. */
export type HandledFilter = "all" | "ai" | "human";

/** The list's filters. `agentId` empty means every agent. */
export interface InboxFilter {
  handledBy: HandledFilter;
  agentId: string;
}
