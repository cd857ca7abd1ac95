/**
 * The Inbox's REST calls (`/api/conversations`): pages of the list, one
 * thread, and the fallbacks for when the socket is down (reply, read).
 * Errors come back as data, like every island API call.
 *
 * @module
 */
import { api, type ApiResult } from "../shared/api.ts";
import type { ConversationPageJson, InboxFilter, ThreadJson, WireConversation, WireMessage } from "./types.ts";

const base = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

/** The query string of a list page for `filter`, after `before` (a conversation id) when given. */
export function pageQuery(filter: InboxFilter, before?: string | null, limit = 50): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (filter.handledBy !== "all") q.set("handledBy", filter.handledBy);
  if (filter.agentId) q.set("agentId", filter.agentId);
  if (before) q.set("before", before);
  return q.toString();
}

/** One page of conversations. */
export function fetchPage(filter: InboxFilter, before?: string | null): Promise<ApiResult<ConversationPageJson>> {
  return api<ConversationPageJson>("GET", `/api/conversations?${pageQuery(filter, before)}`);
}

/** A whole thread with its visitor. */
export function fetchThread(id: string): Promise<ApiResult<ThreadJson>> {
  return api<ThreadJson>("GET", base(id));
}

/** Replies without the socket (same idempotency key, so a retry never doubles it). */
export function postReply(id: string, clientId: string, text: string): Promise<ApiResult<{ message: WireMessage }>> {
  return api<{ message: WireMessage }>("POST", `${base(id)}/messages`, { clientId, text });
}

/** Take over from the AI, or hand back to it. */
export function setHandler(id: string, to: "human" | "ai"): Promise<ApiResult<{ conversation: WireConversation }>> {
  return api<{ conversation: WireConversation }>("POST", `${base(id)}/${to === "human" ? "takeover" : "handback"}`);
}

/** Marks the thread read up to `seq` without the socket. */
export function postRead(id: string, seq: number): Promise<ApiResult<{ conversation: WireConversation }>> {
  return api<{ conversation: WireConversation }>("POST", `${base(id)}/read`, { seq });
}
