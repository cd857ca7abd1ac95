/**
 * The chat's events as the use cases write them: `message.created` (with who wrote the message),
 * `conversation.started`, and the switch of who answers (`conversation.handed_off` / `handed_back`). Built
 * from the stored values, in the transaction of their change (`Emit`).
 *
 * @module
 */
import type { User } from "../accounts/user.ts";
import type { EventPayload } from "../events/catalog.ts";
import {
  type Actor,
  actorOf,
  aiActor,
  customerActor,
  type Emit,
  newEvent,
  staffActor,
  SYSTEM,
} from "../events/event.ts";
import { conversationRef, messagePayload } from "../events/payloads.ts";
import type { Conversation, Message } from "./conversation.ts";

type HandoffReason = EventPayload<"conversation.handed_off">["reason"];

/** Who wrote a message, as events name them (a staff message sent with an API key: the key). */
export function messageActor(m: Pick<Message, "authorKind" | "authorId" | "metadata">, agentId: string): Actor {
  if (m.authorKind === "visitor") return customerActor(m.authorId!);
  if (m.authorKind === "staff") {
    const apiKeyId = m.metadata?.apiKeyId;
    return typeof apiKeyId === "string" ? actorOf({ id: m.authorId!, apiKeyId }) : staffActor(m.authorId!);
  }
  return m.authorKind === "ai" ? aiActor(agentId) : SYSTEM;
}

/** The `message.created` event of a finished message (customers', staff's and system lines at once; AI answers when done). */
export const messageCreated: Emit<{ message: Message; conversation: Conversation }> = ({ message, conversation }) => [
  newEvent("message.created", {
    workspaceId: conversation.workspaceId,
    aggregateId: conversation.id,
    actor: messageActor(message, conversation.agentId),
    at: message.updatedAt,
    payload: { ...conversationRef(conversation), handledBy: conversation.handledBy, message: messagePayload(message) },
  }),
];

/** The `conversation.started` event of a new conversation. */
export function conversationStarted(actor: Actor): Emit<Conversation> {
  return (c) => [
    newEvent("conversation.started", {
      workspaceId: c.workspaceId,
      aggregateId: c.id,
      actor,
      at: c.createdAt,
      payload: { ...conversationRef(c), handledBy: c.handledBy, ...(c.pageUrl ? { pageUrl: c.pageUrl } : {}) },
    }),
  ];
}

/**
 * The events of a switch of who answers: `conversation.handed_off` (to people; `reason` says why, "staff" for a
 * takeover) or `conversation.handed_back` (to the AI). Its actor: the staff member, else the customer when they asked
 * or were upset, else the AI that gave up.
 */
export function switchEvents(handledBy: "ai" | "human", reason: HandoffReason, user: User | null): Emit<Conversation> {
  return (c) => {
    const actor = user
      ? actorOf(user)
      : reason === "asked_for_human" || reason === "negative_sentiment"
      ? customerActor(c.visitorId)
      : reason === "staff"
      ? SYSTEM
      : aiActor(c.agentId);
    const by = user ? { userId: user.id } : {};
    return [
      handledBy === "human"
        ? newEvent("conversation.handed_off", {
          workspaceId: c.workspaceId,
          aggregateId: c.id,
          actor,
          at: c.updatedAt,
          payload: { ...conversationRef(c), reason, ...by },
        })
        : newEvent("conversation.handed_back", {
          workspaceId: c.workspaceId,
          aggregateId: c.id,
          actor,
          at: c.updatedAt,
          payload: { ...conversationRef(c), ...by },
        }),
    ];
  };
}
