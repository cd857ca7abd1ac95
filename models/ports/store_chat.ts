/**
 * The Store port, chat: visitors, conversations with their messages, attachments.
 *
 * @module
 */
import type { Attachment, Conversation, HandledBy, Message, MessageDraft, Visitor } from "../chat/conversation.ts";
import type { Emit } from "../events/event.ts";
import type { SentimentValue } from "../sentiment/sentiment.ts";

/** A customer message whose score was replaced, and its conversation with the rolling score recomputed. */
export type Rescored = { message: Message; conversation: Conversation };

/**
 * Completes a new message's draft as it is written (a customer's words scored for sentiment and language):
 * pure and synchronous, and run by whichever thread writes the message, so under load the scoring happens
 * on the append worker rather than on the event loop (see `storage/sqlite/append_writer.ts`). Not run for a
 * resend of a message already stored.
 */
export type PrepareDraft = (draft: MessageDraft) => MessageDraft;

/** Website visitors. */
export interface VisitorRepo {
  insert(visitor: Visitor): Promise<void>;
  get(workspaceId: string, id: string): Promise<Visitor | null>;
  update(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<Visitor, "name" | "email" | "verified" | "lang" | "locale" | "lastSeenAt">>,
    emit?: Emit<Visitor>,
  ): Promise<Visitor | null>;
}

/** Filters of the staff conversation list. */
export interface ConversationFilter {
  agentId?: string;
  handledBy?: HandledBy;
  status?: "open" | "closed";
  /** Only these conversations (a page of tickets' own, in one read). */
  ids?: string[];
  /** Cursor: conversations whose last message is older than this id's (exclusive). */
  before?: { lastMessageAt: Date; id: string };
  limit: number;
}

/** Conversations and their messages. */
export interface ConversationRepo {
  insert(conversation: Conversation, emit?: Emit<Conversation>): Promise<void>;
  get(workspaceId: string, id: string): Promise<Conversation | null>;
  /** The visitor's conversations, newest first. */
  listForVisitor(workspaceId: string, visitorId: string): Promise<Conversation[]>;
  /** The workspace's conversations by last activity, newest first. */
  list(workspaceId: string, filter: ConversationFilter): Promise<Conversation[]>;
  update(
    workspaceId: string,
    id: string,
    patch:
      & Partial<Pick<Conversation, "handledBy" | "status" | "pageUrl" | "categories" | "sentimentScore">>
      & { updatedAt: Date },
    emit?: Emit<Conversation>,
  ): Promise<Conversation | null>;
  /** Raises a read marker (never lowers it). */
  markRead(workspaceId: string, id: string, by: "visitor" | "staff", seq: number): Promise<Conversation | null>;

  /**
   * Stores a message with the next gapless seq, atomically, and returns it with the conversation as it
   * now is (seq counters, last activity). With a `clientId` already used in this conversation, returns
   * that message and `created: false`. Resolves only once the message is durably stored. `emit` is
   * called only for a new message, its events written in the same transaction. A customer's message
   * carrying `metadata.sentiment` rolls the conversation's `sentimentScore` (`rollSentiment`) in the same write.
   * `prepare`, when given, completes a new message's draft where it is written (see `PrepareDraft`).
   */
  append(
    workspaceId: string,
    conversationId: string,
    draft: MessageDraft,
    at: Date,
    emit?: Emit<{ message: Message; conversation: Conversation }>,
    prepare?: PrepareDraft,
  ): Promise<{ message: Message; created: boolean; conversation: Conversation }>;
  /**
   * Messages after `afterSeq`, oldest first. With `includeInternal` (staff) `afterSeq` is a seq; without it
   * (visitors) it is a public seq and internal notes are left out.
   */
  messagesAfter(
    workspaceId: string,
    conversationId: string,
    afterSeq: number,
    opts: { limit: number; includeInternal: boolean },
  ): Promise<Message[]>;
  /** The first words a visitor wrote in the conversation (blank messages passed over), or null: a ticket's title. */
  firstCustomerText(workspaceId: string, conversationId: string): Promise<string | null>;
  getMessage(workspaceId: string, id: string): Promise<Message | null>;
  /** A message a visitor sent with this client id, in any of their conversations (idempotent starts). */
  findVisitorMessage(workspaceId: string, visitorId: string, clientId: string): Promise<Message | null>;
  /** Updates a message in place (AI streaming finishing, citations); seq never changes. */
  updateMessage(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<Message, "text" | "status" | "citations" | "metadata">>,
    at: Date,
    emit?: Emit<Message>,
  ): Promise<Message | null>;
  /**
   * Replaces a customer message's score (`metadata.sentiment`, with `metadata.sentimentBy`: who scored it) and
   * recomputes its conversation's rolling `sentimentScore` from the latest `ROLL_WINDOW` scored customer messages, in
   * one transaction with `emit`'s events: a message appended meanwhile is either counted here or rolls on top of the
   * result, never left out. Null when the message is unknown or was rescored already (`sentimentBy` set), so a
   * redelivered event changes nothing.
   */
  rescoreMessage(
    workspaceId: string,
    id: string,
    sentiment: SentimentValue,
    by: string,
    at: Date,
    emit?: Emit<Rescored>,
  ): Promise<Rescored | null>;
  /** The seq of the last message at or before public seq `publicSeq` (0 if none). */
  seqOfPublic(workspaceId: string, conversationId: string, publicSeq: number): Promise<number>;
  /** The highest public seq at or before `seq` (0 if none). */
  publicOfSeq(workspaceId: string, conversationId: string, seq: number): Promise<number>;
  /** AI-handled open conversations whose last message is the visitor's (unanswered after a restart), any workspace. */
  awaitingAi(limit: number): Promise<Array<{ conversation: Conversation; question: Message }>>;
  /** Every AI answer left `streaming` (after a restart), across workspaces. */
  streamingMessages(): Promise<Message[]>;
}

/** Uploaded attachments' metadata (bytes in the FileStore). */
export interface AttachmentRepo {
  insert(attachment: Attachment): Promise<void>;
  get(workspaceId: string, id: string): Promise<Attachment | null>;
}
