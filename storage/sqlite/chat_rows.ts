/**
 * SQLite rows of conversations and messages as the domain's values (read by every repository that joins them).
 *
 * @module
 */
import type { Conversation, Message } from "../../models/chat/conversation.ts";
import { date, type Row } from "./db.ts";

/** A `conversations` row as a conversation. */
export const toConversation = (r: Row): Conversation => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  agentId: r.agent_id as string,
  visitorId: r.visitor_id as string,
  status: r.status as Conversation["status"],
  handledBy: r.handled_by as Conversation["handledBy"],
  lastSeq: Number(r.last_seq),
  lastPublicSeq: Number(r.last_public_seq),
  lastMessageAt: date(r.last_message_at)!,
  lastMessagePreview: r.last_message_preview as string,
  visitorReadSeq: Number(r.visitor_read_seq),
  staffReadSeq: Number(r.staff_read_seq),
  ...(r.page_url ? { pageUrl: r.page_url as string } : {}),
  ...(r.sentiment_score !== null && r.sentiment_score !== undefined
    ? { sentimentScore: Number(r.sentiment_score) }
    : {}),
  // Absent when none (as a conversation is built), so both adapters read back what was written.
  ...(r.categories && r.categories !== "[]" ? { categories: JSON.parse(r.categories as string) } : {}),
  ...(r.experiment_id ? { experimentId: r.experiment_id as string, variant: r.variant as string } : {}),
  ...(r.language ? { language: r.language as string } : {}),
  createdAt: date(r.created_at)!,
  updatedAt: date(r.updated_at)!,
});

/** A `messages` row as a message. */
export const toMessage = (r: Row): Message => ({
  id: r.id as string,
  workspaceId: r.workspace_id as string,
  conversationId: r.conversation_id as string,
  seq: Number(r.seq),
  publicSeq: r.public_seq === null || r.public_seq === undefined ? null : Number(r.public_seq),
  ...(r.client_id ? { clientId: r.client_id as string } : {}),
  sender: r.sender as Message["sender"],
  authorKind: r.author_kind as Message["authorKind"],
  ...(r.author_id ? { authorId: r.author_id as string } : {}),
  ...(r.author_name ? { authorName: r.author_name as string } : {}),
  text: r.text as string,
  attachmentIds: JSON.parse(r.attachment_ids as string),
  citations: JSON.parse(r.citations as string),
  status: r.status as Message["status"],
  internal: Number(r.internal) === 1,
  metadata: JSON.parse(r.metadata as string),
  createdAt: date(r.created_at)!,
  updatedAt: date(r.updated_at)!,
});
