/**
 * Conversations between website visitors and an agent's support side: the
 * visitor, the conversation (handled by the AI until handed off), its
 * messages with a gapless per-conversation `seq`, and attachments.
 *
 * @module
 */
import { newId } from "../../lib/ids.ts";
import type { Lang } from "./system_texts.ts";

/** An anonymous website visitor of one agent; optional identity from the host page. */
export interface Visitor {
  id: string;
  workspaceId: string;
  agentId: string;
  name?: string;
  email?: string;
  /** True when the host page proved the email with the agent's identity secret (HMAC). */
  verified: boolean;
  /** The language the widget speaks to them, for the lines the system writes (English when unset). */
  lang?: Lang;
  /** The browser's own first language (ISO 639-1, `navigator.language`), any language: a conversation starts in it. */
  locale?: string;
  createdAt: Date;
  lastSeenAt: Date;
}

/** Who answers a conversation now. */
export type HandledBy = "ai" | "human";

/** A conversation. */
export interface Conversation {
  id: string;
  workspaceId: string;
  agentId: string;
  visitorId: string;
  status: "open" | "closed";
  handledBy: HandledBy;
  /** The last message's seq (0 when empty); the next message gets lastSeq + 1. */
  lastSeq: number;
  /** The same for messages a visitor may see (internal notes take no public seq). */
  lastPublicSeq: number;
  lastMessageAt: Date;
  lastMessagePreview: string;
  visitorReadSeq: number;
  staffReadSeq: number;
  pageUrl?: string;
  /** Rolling sentiment of the customer's messages, -1..1 (absent until they write; see models/sentiment). */
  sentimentScore?: number;
  /** Names of the workspace categories applied (by the classifier or by staff). */
  categories?: string[];
  /** The A/B test the conversation took part in and its variant's key (absent when none ran). */
  experimentId?: string;
  variant?: string;
  /**
   * The customer's language (ISO 639-1): the browser's when the conversation starts, then that of
   * their latest message the detector is sure of (see models/language/detect.ts). Absent when unknown.
   */
  language?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The seed's message senders: `user` is the customer, `agent` the support side. */
export type Sender = "user" | "agent" | "system";
/** Who exactly wrote a message. */
export type AuthorKind = "visitor" | "ai" | "staff" | "system";

/** A stored file attached to a message. */
export interface Attachment {
  id: string;
  workspaceId: string;
  /** Who uploaded it: a visitor id or a user id. */
  ownerId: string;
  name: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

/** A message. */
export interface Message {
  id: string;
  workspaceId: string;
  conversationId: string;
  /** Gapless over every message of the conversation (what staff see). */
  seq: number;
  /** Gapless over the messages the visitor may see; null for internal notes. */
  publicSeq: number | null;
  clientId?: string;
  sender: Sender;
  authorKind: AuthorKind;
  authorId?: string;
  authorName?: string;
  text: string;
  attachmentIds: string[];
  citations: Array<{ title: string; url?: string }>;
  status: "complete" | "streaming" | "interrupted";
  /** Internal notes are for staff only and never reach a visitor. */
  internal: boolean;
  metadata: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

/** What a caller gives to append a message; the store assigns id, seq and times. */
export type MessageDraft = Omit<
  Message,
  "id" | "seq" | "publicSeq" | "createdAt" | "updatedAt" | "workspaceId" | "conversationId"
>;

/**
 * The message a draft becomes once its conversation's counters moved for it (`conv` as updated): the next seq,
 * and the next public seq unless it is internal. Both stores build it here.
 */
export function newMessage(
  d: MessageDraft,
  conv: Pick<Conversation, "workspaceId" | "id" | "lastSeq" | "lastPublicSeq">,
  at: Date,
): Message {
  return {
    ...d,
    id: newId(at),
    workspaceId: conv.workspaceId,
    conversationId: conv.id,
    seq: conv.lastSeq,
    publicSeq: d.internal ? null : conv.lastPublicSeq,
    createdAt: at,
    updatedAt: at,
  };
}

/** A new, empty conversation (nothing read, nothing sent yet). */
export function newConversation(
  fields: Pick<Conversation, "workspaceId" | "agentId" | "visitorId" | "handledBy"> & {
    pageUrl?: string;
    language?: string;
  },
  at: Date,
): Conversation {
  const { language, ...rest } = fields;
  return {
    id: newId(at),
    ...rest,
    ...(fields.pageUrl ? { pageUrl: fields.pageUrl.slice(0, 2000) } : {}),
    ...(language ? { language } : {}),
    status: "open",
    lastSeq: 0,
    lastPublicSeq: 0,
    lastMessageAt: at,
    lastMessagePreview: "",
    visitorReadSeq: 0,
    staffReadSeq: 0,
    createdAt: at,
    updatedAt: at,
  };
}
