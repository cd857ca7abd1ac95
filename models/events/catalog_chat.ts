/**
 * Conversation events of the catalog: a conversation starts, messages are
 * written, the conversation moves between the AI and the team, the customer
 * tells us who they are.
 *
 * @module
 */
import { z } from "zod";

const id = z.string().regex(/^[0-9a-f]{24}$/);
const isoTime = z.string().datetime();

/** Who wrote a message, as the catalog names them (`customer` is the website visitor). */
export const authorSchema = z.object({
  kind: z.enum(["customer", "ai", "staff", "system"]),
  id: z.string().optional(),
  name: z.string().optional(),
});

/** A sentiment: -1..1 and its label. */
const sentimentSchema = z.object({
  score: z.number().min(-1).max(1),
  label: z.enum(["negative", "neutral", "positive"]),
});

/** A message as events carry it. `internal` notes are staff-only: never shown to customers. */
export const messagePayloadSchema = z.object({
  id,
  seq: z.number().int().positive(),
  /** The seed's sender: `user` is the customer, `agent` the support side (AI or staff), `system` the app. */
  sender: z.enum(["user", "agent", "system"]),
  author: authorSchema,
  text: z.string(),
  internal: z.boolean(),
  attachments: z.array(id),
  citations: z.array(z.object({ title: z.string(), url: z.string().optional() })),
  /** `interrupted`: an AI answer cut by a restart. */
  status: z.enum(["complete", "interrupted"]),
  /** What the app wrote it for (`rating_request`, `email_request`, `takeover`...), for system messages. */
  event: z.string().optional(),
  /** For AI answers: how sure, which provider, whether it handed off, time to its first token. */
  ai: z.object({
    confidence: z.number().min(0).max(1),
    provider: z.string(),
    handoff: z.enum(["asked_for_human", "low_confidence", "provider_failed"]).nullable(),
    firstTokenMs: z.number().int().nonnegative().nullable(),
  }).optional(),
  /** For customers' messages: their sentiment, -1..1, by the offline lexicon when stored (added in place: optional). */
  sentiment: z.object({
    score: z.number().min(-1).max(1),
    label: z.enum(["negative", "neutral", "positive"]),
  }).optional(),
  createdAt: isoTime,
});

/** Why a conversation went to the team. */
export const handoffReasonSchema = z.enum([
  "asked_for_human",
  "low_confidence",
  "provider_failed",
  "staff",
  "negative_sentiment",
]);

const conv = { conversationId: id, agentId: id, visitorId: id };
const at = "2026-12-04T10:15:00.000Z";
const ids = {
  conversationId: "65a1f0c2e4b0a1b2c3d4e5f6",
  agentId: "65a1f0a0e4b0a1b2c3d4e5a1",
  visitorId: "65a1f0b1e4b0a1b2c3d4e5b2",
};

/** Conversation event definitions. */
export const CHAT_EVENTS = {
  "conversation.started": {
    version: 1,
    description: "A customer wrote their first message in a new conversation (or staff opened one for a ticket).",
    schema: z.object({ ...conv, handledBy: z.enum(["ai", "human"]), pageUrl: z.string().optional() }),
    example: { ...ids, handledBy: "ai", pageUrl: "https://acme.example/pricing" },
  },
  "message.created": {
    version: 1,
    description:
      "A message was written: at once for customers, staff and system lines; for AI answers once the answer is " +
      "finished (its tokens stream on the live bus only). Internal notes carry `internal: true`.",
    schema: z.object({
      ...conv,
      /** Who was answering the conversation when the message was written. */
      handledBy: z.enum(["ai", "human"]),
      message: messagePayloadSchema,
    }),
    example: {
      ...ids,
      handledBy: "ai",
      message: {
        id: "65a1f0c3e4b0a1b2c3d4e5f7",
        seq: 2,
        sender: "agent",
        author: { kind: "ai", id: ids.agentId, name: "Acme assistant" },
        text: "You can return any unworn item within 30 days.",
        internal: false,
        attachments: [],
        citations: [{ title: "Returns", url: "https://acme.example/help/returns" }],
        status: "complete",
        ai: { confidence: 0.82, provider: "local", handoff: null, firstTokenMs: 41 },
        createdAt: at,
      },
    },
  },
  "conversation.handed_off": {
    // Version 2 adds the reason `negative_sentiment`: a consumer matching reasons exhaustively sees a new one.
    version: 2,
    description: "The conversation went from the AI to the team: the customer asked, the AI was unsure, the " +
      "provider failed, the customer's message was strongly negative (the workspace's sentiment rule), or a " +
      "staff member took it over.",
    schema: z.object({ ...conv, reason: handoffReasonSchema, userId: id.optional() }),
    example: { ...ids, reason: "low_confidence" },
  },
  "conversation.handed_back": {
    version: 1,
    description: "Staff gave the conversation back to the AI.",
    schema: z.object({ ...conv, userId: id.optional() }),
    example: { ...ids, userId: "65a1f0d4e4b0a1b2c3d4e5c3" },
  },
  "conversation.rated": {
    version: 1,
    description: "The customer rated a conversation the AI answered (1-5, optional comment), without a ticket: " +
      "the widget offers it under the AI's answer. Rated again, the latest score counts.",
    schema: z.object({ ...conv, score: z.number().int().min(1).max(5), comment: z.string().optional() }),
    example: { ...ids, score: 5, comment: "Found it, thanks!" },
  },
  "conversation.categorized": {
    version: 1,
    description: "A conversation's categories were set: by the offline classifier (from the customer's message, or " +
      "its ticket's) or by staff changing its ticket's category tags. `categories` is the whole list as it now is.",
    schema: z.object({ ...conv, categories: z.array(z.string()) }),
    example: { ...ids, categories: ["Billing"] },
  },
  "message.sentiment_scored": {
    version: 1,
    description: "The agent's AI provider scored a customer's message's sentiment after it was stored (the " +
      "offline lexicon's score, in `message.created`, is replaced by `sentiment`; `previous` is what it replaced). " +
      "`conversationSentiment` is the conversation's rolling sentiment with the new score. Sent only when the " +
      "workspace lets the provider score (Settings, Sentiment) and the agent is on OpenAI, Anthropic or Lyzr.",
    schema: z.object({
      ...conv,
      messageId: id,
      /** When the message was written (its day in analytics). */
      messageCreatedAt: isoTime,
      previous: sentimentSchema,
      sentiment: sentimentSchema,
      conversationSentiment: sentimentSchema,
      /** The provider that scored it: `openai`, `anthropic` or `lyzr`. */
      provider: z.string(),
    }),
    example: {
      ...ids,
      messageId: "65a1f0d4e4b0a1b2c3d4e5d1",
      messageCreatedAt: at,
      previous: { score: 0, label: "neutral" },
      sentiment: { score: -0.8, label: "negative" },
      conversationSentiment: { score: -0.8, label: "negative" },
      provider: "openai",
    },
  },
  "customer.identified": {
    version: 1,
    description: "A customer gave their email or name (verified when the site signed it with the identity secret).",
    schema: z.object({
      visitorId: id,
      agentId: id,
      email: z.string().optional(),
      name: z.string().optional(),
      verified: z.boolean(),
    }),
    example: { visitorId: ids.visitorId, agentId: ids.agentId, email: "ada@example.com", verified: false },
  },
} as const;
