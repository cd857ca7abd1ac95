/**
 * Domain objects as the catalog's payloads describe them: the one place that
 * turns a stored message or ticket into its public, versioned event shape.
 *
 * @module
 */
import { messageSentiment } from "../sentiment/sentiment.ts";
import type { Conversation, Message } from "../chat/conversation.ts";
import type { Ticket } from "../tickets/ticket.ts";
import type { EventPayload } from "./catalog.ts";

type MessagePayload = EventPayload<"message.created">["message"];

const AUTHOR_KINDS = { visitor: "customer", staff: "staff", ai: "ai", system: "system" } as const;
const HANDOFFS = new Set(["asked_for_human", "low_confidence", "provider_failed"]);

/** A complete (or interrupted) message as `message.created` carries it. */
export function messagePayload(m: Message): MessagePayload {
  const meta = m.metadata;
  const sentiment = messageSentiment(meta);
  const handoff = typeof meta.handoff === "string" && HANDOFFS.has(meta.handoff)
    ? meta.handoff as "asked_for_human" | "low_confidence" | "provider_failed"
    : null;
  return {
    id: m.id,
    seq: m.seq,
    sender: m.sender,
    author: {
      kind: AUTHOR_KINDS[m.authorKind],
      ...(m.authorId ? { id: m.authorId } : {}),
      ...(m.authorName ? { name: m.authorName } : {}),
    },
    text: m.text,
    internal: m.internal,
    attachments: m.attachmentIds,
    citations: m.citations,
    status: m.status === "interrupted" ? "interrupted" : "complete",
    ...(typeof meta.event === "string" ? { event: meta.event } : {}),
    ...(m.authorKind === "ai" && typeof meta.confidence === "number"
      ? {
        ai: {
          confidence: Math.min(1, Math.max(0, meta.confidence)),
          provider: String(meta.provider ?? "unknown"),
          handoff,
          firstTokenMs: typeof meta.firstTokenMs === "number" ? Math.round(meta.firstTokenMs) : null,
        },
      }
      : {}),
    ...(m.authorKind === "visitor" && sentiment ? { sentiment } : {}),
    createdAt: m.createdAt.toISOString(),
  };
}

/** The conversation fields every conversation event repeats. */
export function conversationRef(c: Pick<Conversation, "id" | "agentId" | "visitorId">) {
  return { conversationId: c.id, agentId: c.agentId, visitorId: c.visitorId };
}

/** A ticket as ticket events carry it. */
export function ticketPayload(t: Ticket): EventPayload<"ticket.created">["ticket"] {
  return {
    id: t.id,
    conversationId: t.conversationId,
    agentId: t.agentId,
    title: t.title,
    status: t.status,
    priority: t.priority,
    customerEmail: t.customerEmail,
    ...(t.customerName ? { customerName: t.customerName } : {}),
    assignedTo: t.assignedTo,
    tags: t.tags,
    source: t.source,
    escalationLevel: t.escalationLevel,
    createdAt: t.createdAt.toISOString(),
  };
}
