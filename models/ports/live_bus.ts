/**
 * The EventBus port and the events that flow through it. State changes
 * publish events; realtime fan-out and AI replies listen. In-process by
 * default (`realtime/in_process_bus.ts`); a broker adapter can replace it
 * when several instances run, without touching the publishers or listeners.
 *
 * Topics: `conversation:<id>` (everything about one conversation),
 * `workspace:<id>` (inbox-level changes for staff), `visitor:<id>` (a
 * visitor's own record changed: their open sockets take the new one) and
 * `user:<id>` (a staff member's sessions ended: their open sockets close).
 * A broker adapter carries every topic to every instance, so these signals
 * reach sockets held by other processes too.
 *
 * @module
 */
import type { Conversation, Message, Visitor } from "../chat/conversation.ts";
import type { Ticket } from "../tickets/ticket.ts";

/** What happens in conversations. */
export type ChatEvent =
  | { type: "message.created"; message: Message; conversation: Conversation }
  /** `staffOnly`: a change only the team sees (a provider's sentiment score): visitors' sockets pass it over. */
  | { type: "message.updated"; message: Message; staffOnly?: boolean }
  | { type: "ai.token"; conversationId: string; messageId: string; text: string }
  | {
    type: "typing";
    conversationId: string;
    from: "visitor" | "staff" | "ai";
    on: boolean;
    name?: string;
    actorId?: string;
  }
  | { type: "read"; conversationId: string; by: "visitor" | "staff"; seq: number }
  | { type: "conversation.updated"; conversation: Conversation }
  /** A ticket was opened or changed (status, assignee, priority, tags, rating). Staff only. */
  | { type: "ticket.updated"; ticket: Ticket }
  /** The visitor identified themselves (name, email, language): sockets use the new record from now on. */
  | { type: "visitor.updated"; visitor: Visitor }
  /**
   * A staff member's sessions ended: removed from the workspace (`removed`: every socket closes), or their
   * tokens revoked by a logout or a password change (sockets holding a token older than `tokenVersion` close).
   */
  | { type: "sessions.ended"; userId: string; reason: SessionEndReason; tokenVersion?: number }
  /** An API key was revoked: the event streams it holds open close at once. */
  | { type: "api_key.revoked"; keyId: string };

/** Why a staff member's sessions ended. */
export type SessionEndReason = "removed" | "signed_out" | "password_changed";

/** Publishes and delivers events by topic. Delivery order is publish order per topic. */
export interface EventBus {
  publish(topic: string, event: ChatEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(topic: string, handler: (event: ChatEvent) => void): () => void;
}

/** The topic of one conversation. */
export const conversationTopic = (id: string) => `conversation:${id}`;
/** The topic of a workspace's inbox. */
export const workspaceTopic = (id: string) => `workspace:${id}`;
/** The topic of one visitor's own record (their sockets listen). */
export const visitorTopic = (id: string) => `visitor:${id}`;
/** The topic of one API key (the event streams it opened listen). */
export const apiKeyTopic = (id: string) => `api_key:${id}`;
/** The topic of one staff member's sessions (their sockets listen). */
export const userTopic = (id: string) => `user:${id}`;
