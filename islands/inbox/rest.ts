/**
 * The Inbox's own REST calls (`/api/conversations`): pages of the list,
 * replies for when the socket is down, take over and hand back. The thread
 * and the read marker are shared with the Tickets page
 * (`../staff_chat/live/rest.ts`). Errors come back as data, like every island
 * API call.
 *
 * @module
 */
import { api, type ApiResult } from "../shared/api.ts";
import { conversationUrl } from "../staff_chat/live/rest.ts";
import type { WireConversation, WireMessage } from "../staff_chat/types.ts";
import type { ConversationPageJson, InboxFilter } from "./types.ts";

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

/** Replies without the socket (same idempotency key, so a retry never doubles it), with uploaded files' ids. */
export function postReply(
  id: string,
  clientId: string,
  text: string,
  attachments: string[] = [],
): Promise<ApiResult<{ message: WireMessage }>> {
  const body = { clientId, text, ...(attachments.length ? { attachments } : {}) };
  return api<{ message: WireMessage }>("POST", `${conversationUrl(id)}/messages`, body);
}

/** Take over from the AI, or hand back to it. */
export function setHandler(id: string, to: "human" | "ai"): Promise<ApiResult<{ conversation: WireConversation }>> {
  return api<{ conversation: WireConversation }>(
    "POST",
    `${conversationUrl(id)}/${to === "human" ? "takeover" : "handback"}`,
  );
}

/** A translation by the conversation's agent's provider (409 `translation_unavailable` without one). */
export interface TranslationJson {
  text: string;
  from?: string;
  to: string;
  provider: string;
}

/** Translates `text` into `to` (ISO 639-1) for staff; nothing is sent to the customer. */
export function translate(id: string, text: string, to: string): Promise<ApiResult<TranslationJson>> {
  return api<TranslationJson>("POST", `${conversationUrl(id)}/translate`, { text, to });
}
