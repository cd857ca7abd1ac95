/**
 * The REST calls the Inbox and the Tickets page share on
 * `/api/conversations/:id`: a whole thread, and the read marker for when the
 * socket is down. Errors come back as data, like every island API call.
 *
 * @module
 */
import { api, type ApiResult } from "../../shared/api.ts";
import type { ThreadJson, WireConversation } from "../types.ts";

/** The address of one conversation. */
export const conversationUrl = (id: string): string => `/api/conversations/${encodeURIComponent(id)}`;

/** A whole thread with its visitor. */
export function fetchThread(id: string): Promise<ApiResult<ThreadJson>> {
  return api<ThreadJson>("GET", conversationUrl(id));
}

/** Marks the thread read up to `seq` without the socket. */
export function postRead(id: string, seq: number): Promise<ApiResult<{ conversation: WireConversation }>> {
  return api<{ conversation: WireConversation }>("POST", `${conversationUrl(id)}/read`, { seq });
}
