/**
 * The wire contract of chat: messages, conversations and visitors as the API
 * and both sockets send them (dates as ISO strings), as zod schemas. `api/`
 * uses them for its OpenAPI answers, `realtime/wire.ts` shapes into their
 * types, and the widget and islands import the inferred types only (through
 * `realtime/protocol.ts`, which adds the frames).
 *
 * @module
 */
import { z } from "zod";
import type { Visitor } from "./conversation.ts";

/** Who wrote a message, as the seed names it: `user` is the customer, `agent` the support side. */
const senderWire = z.enum(["user", "agent", "system"]);
/** Which kind of author (the support side is told apart here). */
const authorKindWire = z.enum(["visitor", "ai", "staff", "system"]);

/** A file attached to a message. `url` is signed and short-lived. */
export const attachmentWire = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  url: z.string(),
}).meta({ id: "Attachment" });

/** A source an AI answer cites. */
const citationWire = z.object({
  title: z.string(),
  url: z.string().optional(),
});

/** A sentiment: `score` from -1 (very negative) to 1, and its label. Staff only. */
export const sentimentWire = z.object({
  score: z.number().min(-1).max(1),
  label: z.enum(["negative", "neutral", "positive"]),
}).meta({ id: "Sentiment" });

/** A message on the wire. Visitors see it under its public seq; staff under its seq. */
export const messageWire = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Gapless per conversation, from 1. */
  seq: z.number(),
  /** The sender's idempotency key, when it gave one. */
  clientId: z.string().optional(),
  sender: senderWire,
  author: z.object({ kind: authorKindWire, name: z.string().optional() }),
  /** Markdown-ish text; render AI text only through the safe renderer, everything else as plain text. */
  text: z.string(),
  /** For AI answers: the server-rendered safe HTML of `text` (links/images only to allowed hosts). */
  html: z.string().optional(),
  attachments: z.array(attachmentWire),
  citations: z.array(citationWire),
  /** `streaming` while an AI answer is being written; `interrupted` if a restart cut it. */
  status: z.enum(["complete", "streaming", "interrupted"]),
  /**
   * For system messages: what happened. `email_request` (ask the visitor for an email),
   * `rating_request` (ask for a 1-5 rating of `ticketId`), `takeover`, `handback`, ...
   */
  event: z.string().optional(),
  ticketId: z.string().optional(),
  /** Staff only: an internal note (never sent to visitors). */
  internal: z.boolean().optional(),
  /** Staff only: the sentiment of a customer's message (offline lexicon, scored when stored). */
  sentiment: sentimentWire.optional(),
  createdAt: z.string(),
}).meta({ id: "Message" });

/** A conversation as clients see it (visitors in public seqs, with the visitor's name and email for staff). */
export const conversationWire = z.object({
  id: z.string(),
  agentId: z.string(),
  visitorId: z.string(),
  visitorName: z.string().optional(),
  visitorEmail: z.string().optional(),
  status: z.enum(["open", "closed"]),
  /** `ai` answers until handed off; then `human`. */
  handledBy: z.enum(["ai", "human"]),
  lastSeq: z.number(),
  lastMessageAt: z.string(),
  lastMessagePreview: z.string(),
  /** Highest seq the visitor has read / a staff member has read. */
  visitorReadSeq: z.number(),
  staffReadSeq: z.number(),
  pageUrl: z.string().optional(),
  /** Staff only: the rolling sentiment of the customer's messages (absent until they write). */
  sentiment: sentimentWire.optional(),
  /** Staff only: names of the workspace categories applied (auto-tagged or by staff). */
  categories: z.array(z.string()).optional(),
  /** Staff only: the A/B test variant (`A`, `B`, ...) the AI answered this conversation with. */
  variant: z.string().optional(),
  /** Staff only: the experiment that variant belongs to. */
  experimentId: z.string().optional(),
  /**
   * The customer's language, ISO 639-1 (`fr`): their browser's at first, then that of their latest message
   * the detector is sure of. Absent when unknown. AI answers and the system's lines follow it.
   */
  language: z.string().regex(/^[a-z]{2}$/).optional().meta({ example: "fr" }),
  createdAt: z.string(),
}).meta({ id: "Conversation" });

/** Who a visitor is, as the host page said (`verified`: proven by the agent's HMAC identity). */
export const visitorWire = z.object({
  id: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  verified: z.boolean(),
});

/** A conversation's visitor as staff see it. */
const staffVisitorWire = visitorWire.extend({ createdAt: z.string() });

/** `GET /api/conversations`: one page of the list. */
export const conversationPageWire = z.object({
  conversations: z.array(conversationWire),
  nextCursor: z.string().nullable(),
});

/** `GET /api/conversations/:id`: the whole thread, oldest first, and the visitor. */
export const threadWire = z.object({
  conversation: conversationWire,
  messages: z.array(messageWire),
  visitor: staffVisitorWire,
});

/** `POST /api/widget/session`: the visitor's token, the agent's look and the visitor's conversations. */
export const widgetSessionWire = z.object({
  /** The visitor's token: stored in `localStorage` and sent back next time. */
  token: z.string(),
  visitorId: z.string(),
  agent: z.object({
    id: z.string(),
    name: z.string(),
    welcomeMessage: z.string(),
    widgetConfig: z.object({
      primaryColor: z.string(),
      position: z.enum(["left", "right"]),
      title: z.string(),
      subtitle: z.string(),
    }),
    /**
     * The welcome message, title and subtitle in each language the widget speaks: the workspace's own wording
     * for it, else the agent's AI provider's translation (made once, in the background), else the original.
     */
    texts: z.record(
      z.enum(["en", "fr", "de", "es"]),
      z.object({ welcomeMessage: z.string(), title: z.string(), subtitle: z.string() }),
    ),
  }),
  conversations: z.array(conversationWire),
  /** How often to `ping` (ms). */
  heartbeatMs: z.number(),
});

/** Who wrote a message (the seed's names). */
export type Sender = z.infer<typeof senderWire>;
/** Which kind of author. */
export type AuthorKind = z.infer<typeof authorKindWire>;
/** A file attached to a message. */
export type WireAttachment = z.infer<typeof attachmentWire>;
/** A source an AI answer cites. */
export type WireCitation = z.infer<typeof citationWire>;
/** A message on the wire. */
export type WireMessage = z.infer<typeof messageWire>;
/** A conversation on the wire. */
export type WireConversation = z.infer<typeof conversationWire>;
/** A visitor as the widget's identify call answers it. */
export type VisitorInfo = z.infer<typeof visitorWire>;
/** A conversation's visitor as staff see it. */
export type VisitorJson = z.infer<typeof staffVisitorWire>;
/** `GET /api/conversations/:id`. */
export type ThreadJson = z.infer<typeof threadWire>;
/** `GET /api/conversations`. */
export type ConversationPageJson = z.infer<typeof conversationPageWire>;
/** `POST /api/widget/session`. */
export type WidgetSession = z.infer<typeof widgetSessionWire>;

/** A visitor as the widget's identify call answers it. */
export function visitorJson(v: Visitor): VisitorInfo {
  return {
    id: v.id,
    ...(v.name ? { name: v.name } : {}),
    ...(v.email ? { email: v.email } : {}),
    verified: v.verified,
  };
}

/** A conversation's visitor as staff see it. */
export function staffVisitorJson(v: Visitor): VisitorJson {
  return { ...visitorJson(v), createdAt: v.createdAt.toISOString() };
}
