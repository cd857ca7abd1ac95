/**
 * The EventBus port and the events that flow through it. State changes
 * publish events; realtime fan-out and AI replies listen. In-process by
 * default (`realtime/in_process_bus.ts`); a broker adapter can replace it
 * when several instances run, without touching the publishers or listeners.
 *
 * Topics: `conversation:<id>` (everything about one conversation),
 * `workspace:<id>` (inbox-level changes for staff).
 *
 * @module
 */
import type { Conversation, Message } from "../chat/conversation.ts";
import type { Ticket } from "../tickets/ticket.ts";

/** What happens in conversations. */
export type ChatEvent =
  | { type: "message.created"; message: Message; conversation: Conversation }
  | { type: "message.updated"; message: Message }
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
  | { type: "ticket.updated"; ticket: Ticket };

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
