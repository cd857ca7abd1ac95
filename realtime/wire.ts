/**
 * Shapes domain objects into protocol objects (`WireMessage`,
 * `WireConversation`), signing attachment URLs on the way.
 *
 * @module
 */
import { signedUrl } from "../models/chat/attachments.ts";
import type { Conversation, Message, Visitor } from "../models/chat/conversation.ts";
import { conversationVisitor, messageAttachments, publicSeqOf } from "../models/chat/finders.ts";
import type { Deps } from "../models/ports/deps.ts";
import { labelOf, messageSentiment } from "../models/sentiment/sentiment.ts";
import type { ServerFrame, WireConversation, WireMessage } from "./protocol.ts";

/**
 * A message for the wire. Visitors see it under its public seq (gapless over
 * what they may see: internal notes take none); staff under its seq. Ready at
 * once unless it has attachments to look up and sign.
 */
export function wireMessage(
  deps: Deps,
  m: Message,
  view: "staff" | "visitor" = "staff",
): WireMessage | Promise<WireMessage> {
  if (!m.attachmentIds.length) return shapeMessage(m, view, []);
  return (async () => {
    const attachments: WireMessage["attachments"] = [];
    for (const a of await messageAttachments(deps, m)) {
      attachments.push({
        id: a.id,
        name: a.name,
        contentType: a.contentType,
        size: a.size,
        url: await signedUrl(deps, a),
      });
    }
    return shapeMessage(m, view, attachments);
  })();
}

/** A `message`/`message.updated`/`ack` frame around a message, ready at once when the message is. */
export function messageFrame(
  deps: Deps,
  m: Message,
  view: "staff" | "visitor",
  frame: { type: "message" | "message.updated" } | { type: "ack"; clientId: string },
): ServerFrame | Promise<ServerFrame> {
  const wire = wireMessage(deps, m, view);
  return wire instanceof Promise ? wire.then((message) => ({ ...frame, message })) : { ...frame, message: wire };
}

function shapeMessage(m: Message, view: "staff" | "visitor", attachments: WireMessage["attachments"]): WireMessage {
  const html = typeof m.metadata.html === "string" ? m.metadata.html : undefined;
  const sentiment = messageSentiment(m.metadata);
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: view === "visitor" ? (m.publicSeq ?? 0) : m.seq,
    ...(m.clientId ? { clientId: m.clientId } : {}),
    sender: m.sender,
    author: { kind: m.authorKind, ...(m.authorName ? { name: m.authorName } : {}) },
    text: m.text,
    ...(html && m.status === "complete" ? { html } : {}),
    attachments,
    citations: m.citations,
    status: m.status,
    ...(typeof m.metadata.event === "string" ? { event: m.metadata.event } : {}),
    ...(typeof m.metadata.ticketId === "string" ? { ticketId: m.metadata.ticketId } : {}),
    ...(m.internal && view === "staff" ? { internal: true } : {}),
    ...(view === "staff" && sentiment ? { sentiment } : {}),
    createdAt: m.createdAt.toISOString(),
  };
}

/** A conversation for the wire (with the visitor's name and email for staff). */
export function wireConversation(c: Conversation, visitor?: Visitor | null): WireConversation {
  return {
    id: c.id,
    agentId: c.agentId,
    visitorId: c.visitorId,
    ...(visitor?.name ? { visitorName: visitor.name } : {}),
    ...(visitor?.email ? { visitorEmail: visitor.email } : {}),
    status: c.status,
    handledBy: c.handledBy,
    lastSeq: c.lastSeq,
    lastMessageAt: c.lastMessageAt.toISOString(),
    lastMessagePreview: c.lastMessagePreview,
    visitorReadSeq: c.visitorReadSeq,
    staffReadSeq: c.staffReadSeq,
    ...(c.pageUrl ? { pageUrl: c.pageUrl } : {}),
    ...(c.sentimentScore !== undefined
      ? { sentiment: { score: c.sentimentScore, label: labelOf(c.sentimentScore) } }
      : {}),
    categories: c.categories ?? [],
    ...(c.variant ? { variant: c.variant, experimentId: c.experimentId } : {}),
    ...(c.language ? { language: c.language } : {}),
    createdAt: c.createdAt.toISOString(),
  };
}

/** A conversation as its visitor sees it: counters and read markers in public seqs. */
export async function wireConversationForVisitor(
  deps: Deps,
  c: Conversation,
  visitor: Visitor,
): Promise<WireConversation> {
  const toPublic = (seq: number) => publicSeqOf(deps, c.workspaceId, c.id, seq);
  // How the team reads the customer's mood and topic is the team's: not sent to the customer.
  const { sentiment: _s, categories: _c, variant: _v, experimentId: _e, ...shown } = wireConversation(c, visitor);
  return {
    ...shown,
    lastSeq: c.lastPublicSeq,
    visitorReadSeq: await toPublic(c.visitorReadSeq),
    staffReadSeq: await toPublic(c.staffReadSeq),
  };
}

/** Conversations for staff, each with its visitor's name and email (each visitor read once). */
export function wireConversations(deps: Deps, list: Conversation[]): Promise<WireConversation[]> {
  const visitors = new Map<string, Promise<Visitor | null>>();
  return Promise.all(list.map(async (c) => {
    let visitor = visitors.get(c.visitorId);
    if (!visitor) visitors.set(c.visitorId, visitor = conversationVisitor(deps, c));
    return wireConversation(c, await visitor);
  }));
}

/** A visitor's conversations as the visitor sees them. */
export function wireConversationsForVisitor(
  deps: Deps,
  list: Conversation[],
  visitor: Visitor,
): Promise<WireConversation[]> {
  return Promise.all(list.map((c) => wireConversationForVisitor(deps, c, visitor)));
}
