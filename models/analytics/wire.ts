/**
 * The analytics API's wire contract: the query it takes and the shapes it
 * answers with, shared by the API (its OpenAPI answers) and, as types, by
 * the analytics page.
 *
 * @module
 */
import { z } from "zod";
import { isId } from "../../lib/ids.ts";
import { isDay } from "./days.ts";

const day = z.string().refine(isDay, { message: "Must be a date written YYYY-MM-DD." });

/** The longest period a query may cover, in days. */
export const MAX_PERIOD_DAYS = 731;

/** A period (both days included, in the workspace's time zone; the last 30 days by default) and an AI agent. */
export const periodQuerySchema = z.object({
  from: day.optional(),
  to: day.optional(),
  agentId: z.string().refine(isId, { message: "Must be a 24-character hex id." }).optional(),
});

/** The query, validated. */
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

/** A ticket tag, as the summary and the export filter by it. */
export const tagSchema = z.string().trim().min(1).max(50);

/** The summary's and the export's query: a period, an agent, a ticket tag. */
export const taggedQuerySchema = periodQuerySchema.extend({ tag: tagSchema.optional() });

/** The query, validated. */
export type TaggedQuery = z.infer<typeof taggedQuerySchema>;

const durations = z.object({
  median: z.number().nullable(),
  average: z.number().nullable(),
});

const csatSchema = z.object({
  average: z.number().nullable(),
  responses: z.number().int(),
  distribution: z.object({
    1: z.number().int(),
    2: z.number().int(),
    3: z.number().int(),
    4: z.number().int(),
    5: z.number().int(),
  }),
});

/** Customers' sentiment (README, Analytics, "Sentiment"): scored messages and conversations with a negative one. */
export const sentimentSchema = z.object({
  /** Customers' messages that carry a sentiment. */
  messages: z.number().int(),
  /** Their average score (-1..1, 3 decimals), null without any. */
  average: z.number().nullable(),
  negativeMessages: z.number().int(),
  /** Negative messages over scored messages (4 decimals), null without any. */
  negativeMessageShare: z.number().nullable(),
  /** Conversations (started in the period) with at least one negative customer message. */
  negativeConversations: z.number().int(),
  /** Those over the conversations started (4 decimals), null without any. */
  negativeConversationShare: z.number().nullable(),
});

/** One category's volume: conversations (by their start day) and tickets (by their creation day). */
export const categoryVolumeSchema = z.object({
  name: z.string(),
  conversations: z.number().int(),
  tickets: z.number().int(),
});

/** One period's metrics (definitions: the README's "Analytics" section). */
export const periodMetricsSchema = z.object({
  from: z.string(),
  to: z.string(),
  conversations: z.number().int(),
  customers: z.number().int(),
  /** Customers of the period whose first conversation (with the agent, when filtered) started before it. */
  returningCustomers: z.number().int(),
  messages: z.object({ customer: z.number().int(), ai: z.number().int(), staff: z.number().int() }),
  aiInvolved: z.number().int(),
  aiResolved: z.number().int(),
  automationRate: z.number().nullable(),
  /** AI answers that cited a source, and those that did not. */
  aiAnswers: z.object({ withSources: z.number().int(), withoutSources: z.number().int() }).nullable(),
  /** From the customer's message to the AI answer's first token, in milliseconds. */
  firstTokenMs: durations,
  handoffs: z.number().int(),
  handoffReasons: z.object({
    customer: z.number().int(),
    lowConfidence: z.number().int(),
    providerError: z.number().int(),
    staff: z.number().int(),
  }),
  ticketsCreated: z.number().int(),
  ticketsResolved: z.number().int(),
  /** Tickets created and not yet resolved at the end of the period's last day. */
  ticketsOpen: z.number().int(),
  firstResponseSeconds: durations,
  resolutionSeconds: durations,
  /** Ratings of tickets (conversations the team handled). */
  csat: csatSchema,
  /** Ratings of conversations the AI answered and that never went to the team. */
  aiCsat: csatSchema,
  sentiment: sentimentSchema,
  /** Volume per category, the most conversations first. */
  categories: z.array(categoryVolumeSchema),
});

/** One period's metrics. */
export type PeriodMetrics = z.infer<typeof periodMetricsSchema>;

/** `GET /api/analytics/summary`: the period and the one of equal length before it. */
export const summarySchema = periodMetricsSchema.extend({
  timeZone: z.string(),
  agentId: z.string().nullable(),
  /** The ticket tag filtered by, or null. */
  tag: z.string().nullable(),
  previous: periodMetricsSchema,
});

/** One day of the time series. */
export const seriesDaySchema = z.object({
  day: z.string(),
  conversations: z.number().int(),
  messages: z.number().int(),
  aiInvolved: z.number().int(),
  aiResolved: z.number().int(),
  handoffs: z.number().int(),
  ticketsCreated: z.number().int(),
  ticketsResolved: z.number().int(),
  /** The backlog: tickets created and not yet resolved at the day's end. */
  ticketsOpen: z.number().int(),
  csatResponses: z.number().int(),
  csatAverage: z.number().nullable(),
  sentiment: sentimentSchema,
  /** The day's volume per category (categories without any that day left out). */
  categories: z.array(categoryVolumeSchema),
});

/** `GET /api/analytics/timeseries`: every day of the period, days without activity as zeros. */
export const timeseriesSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  days: z.array(seriesDaySchema),
  /** Conversations started by local weekday (0 = Monday) and hour (0-23), over the period. */
  heatmap: z.array(z.array(z.number().int()).length(24)).length(7),
  /** The ticket tag filtered by, or null. */
  tag: z.string().nullable(),
  /** The period's categories (the most conversations first): the series' legend. */
  categories: z.array(categoryVolumeSchema),
});

/** One teammate's row. */
export const teammateSchema = z.object({
  userId: z.string(),
  /** Null for someone no longer in the workspace. */
  name: z.string().nullable(),
  replies: z.number().int(),
  firstResponses: z.number().int(),
  firstResponseSecondsAverage: z.number().nullable(),
  resolved: z.number().int(),
  csat: z.object({ average: z.number().nullable(), responses: z.number().int() }),
});

/** `GET /api/analytics/team`. */
export const teamSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  /** The ticket tag filtered by, or null. */
  tag: z.string().nullable(),
  teammates: z.array(teammateSchema),
});

/** `GET /api/analytics/topics` and `/gaps`: a period, an agent, and how many groups to answer with. */
export const listQuerySchema = periodQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  tag: tagSchema.optional(),
});

/** The list query, validated. */
export type ListQuery = z.infer<typeof listQuerySchema>;

/** One topic: similar questions grouped (README, "Common questions"). */
export const topicSchema = z.object({
  /** Opaque; a topic's and a gap's ids are the same when the same questions lead them. */
  id: z.string(),
  /** Its most asked question's words as asked. */
  label: z.string(),
  /** The stemmed keywords of its lead signature. */
  terms: z.array(z.string()),
  questions: z.number().int(),
  /** The questions of the previous period of equal length that fall in this topic. */
  previous: z.number().int(),
  change: z.number().int(),
  /** Of `questions`, answered unsure (knowledge gaps). */
  unsure: z.number().int(),
  examples: z.array(z.string()),
});

/** `GET /api/analytics/topics`. */
export const topicsSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  /** The ticket tag filtered by, or null. */
  tag: z.string().nullable(),
  /** Questions the AI answered in the period (the topics' total, topics past `limit` included). */
  questions: z.number().int(),
  /**
   * How questions were grouped: `lexical` by shared keywords; `embeddings` by keywords, then clusters merged when
   * their embeddings (from the workspace's AI provider) are close. `lexical` when no agent's provider embeds, or it
   * failed (the topics are still answered).
   */
  grouping: z.enum(["lexical", "embeddings"]).describe(
    "How questions were grouped: `lexical` (shared keywords) or `embeddings` (keywords, then clusters merged by " +
      "the provider's embeddings; `lexical` when no provider embeds or it failed).",
  ),
  topics: z.array(topicSchema),
});

/** One knowledge gap. */
export const gapSchema = z.object({
  id: z.string(),
  label: z.string(),
  terms: z.array(z.string()),
  /** Questions of the period answered unsure in this gap. */
  questions: z.number().int(),
  /** The last day one was answered unsure. */
  lastDay: z.string(),
  /** The AI agent that answered most of them (where a fix adds its answer by default). */
  agentId: z.string(),
  examples: z.array(z.string()),
  /** True when fixed on or after `lastDay`. */
  resolved: z.boolean(),
  fix: z.object({ sourceId: z.string(), agentId: z.string(), fixedAt: z.string(), fixedBy: z.string() }).nullable(),
});

/** `GET /api/analytics/gaps`. */
export const gapsSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  /** The ticket tag filtered by, or null. */
  tag: z.string().nullable(),
  gaps: z.array(gapSchema),
});

/** `POST /api/analytics/gaps/{id}/resolve`. */
export const fixGapSchema = z.object({
  /** The answer the AI should give: added to the agent's knowledge as a text source. */
  answer: z.string().trim().min(1).max(20_000),
  /** The question it answers (the source's title; default: the gap's example). */
  question: z.string().trim().min(1).max(200).optional(),
  /** The AI agent to teach (default: the one that answered most of the gap's questions). */
  agentId: z.string().refine(isId, { message: "Must be a 24-character hex id." }).optional(),
});

/** A teammate, for the team table and the comments. */
export const teammateQuerySchema = taggedQuerySchema.extend({
  userId: z.string().refine(isId, { message: "Must be a 24-character hex id." }).optional(),
});

/** `GET /api/analytics/pages`. */
export const pagesSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  pages: z.array(z.object({ url: z.string(), conversations: z.number().int() })),
});

/** `GET /api/analytics/comments`. */
export const commentsSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  comments: z.array(z.object({
    ticketId: z.string(),
    conversationId: z.string(),
    agentId: z.string(),
    resolvedBy: z.string().nullable(),
    score: z.number().int(),
    comment: z.string(),
    /** The day it was rated. */
    day: z.string(),
  })),
});

export { analyticsSettingsSchema, type AnalyticsSettingsWire } from "./settings_schemas.ts";
