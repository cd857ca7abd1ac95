/**
 * The Inbox's list: which known conversations pass its filters, newest
 * activity first.
 *
 * @module
 */
import type { WireConversation } from "../staff_chat/types.ts";
import type { InboxFilter } from "./types.ts";

/** Newest activity first (ties: newest id first, ids sort by creation time). */
function byActivity(a: WireConversation, b: WireConversation): number {
  const d = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  return d !== 0 ? d : b.id < a.id ? -1 : b.id > a.id ? 1 : 0;
}

/** True when `c` passes the list's filters. */
function matchesFilter(c: WireConversation, f: InboxFilter): boolean {
  return (f.handledBy === "all" || c.handledBy === f.handledBy) && (!f.agentId || c.agentId === f.agentId);
}

/** The conversations to list for `f`, newest activity first. */
export function listFor(map: Record<string, WireConversation>, f: InboxFilter): WireConversation[] {
  return Object.values(map).filter((c) => matchesFilter(c, f)).sort(byActivity);
}
