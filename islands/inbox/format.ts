/**
 * How the Inbox words its list: visitor names and unread counts. Pure
 * functions, shared by the island's parts and their tests.
 *
 * @module
 */
import type { WireConversation } from "../staff_chat/types.ts";

/** "Ada Lovelace", or "Visitor #1a2b" (the last four characters of the visitor id) when the visitor gave no name. */
export function visitorLabel(c: Pick<WireConversation, "visitorName" | "visitorId">): string {
  const name = c.visitorName?.trim();
  return name || `Visitor #${c.visitorId.slice(-4)}`;
}

/** Messages the staff have not read yet (every kind counts: an AI answer is news to them too). */
export function unreadCount(c: Pick<WireConversation, "lastSeq" | "staffReadSeq">): number {
  return Math.max(0, c.lastSeq - c.staffReadSeq);
}

/** "9+" past nine. */
export function countLabel(n: number): string {
  return n > 9 ? "9+" : String(n);
}
