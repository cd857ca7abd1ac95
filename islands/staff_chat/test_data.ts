/**
 * Builders of wire objects for the staff chat tests (the Inbox's and the Tickets page's).
 *
 * @module
 */
import type { WireConversation, WireMessage } from "./types.ts";

/** A conversation with sensible defaults. */
export function conv(over: Partial<WireConversation> = {}): WireConversation {
  return {
    id: "c00000000000000000000001",
    agentId: "a00000000000000000000001",
    visitorId: "v0000000000000000000ab12",
    status: "open",
    handledBy: "ai",
    lastSeq: 1,
    lastMessageAt: "2026-03-04T10:00:00.000Z",
    lastMessagePreview: "Hello",
    visitorReadSeq: 0,
    staffReadSeq: 0,
    createdAt: "2026-03-04T10:00:00.000Z",
    ...over,
  };
}

/** A message with sensible defaults (a visitor's, seq 1). */
export function msg(over: Partial<WireMessage> = {}): WireMessage {
  return {
    id: `m${over.seq ?? 1}`,
    conversationId: "c00000000000000000000001",
    seq: 1,
    sender: "user",
    author: { kind: "visitor" },
    text: "Hello",
    attachments: [],
    citations: [],
    status: "complete",
    createdAt: "2026-03-04T10:00:00.000Z",
    ...over,
  };
}
