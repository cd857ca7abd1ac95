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

const durations = z.object({
  median: z.number().nullable(),
  average: z.number().nullable(),
});

/** One period's metrics (definitions: the README's "Analytics" section). */
export const periodMetricsSchema = z.object({
  from: z.string(),
  to: z.string(),
  conversations: z.number().int(),
  customers: z.number().int(),
  messages: z.object({ customer: z.number().int(), ai: z.number().int(), staff: z.number().int() }),
  aiInvolved: z.number().int(),
  aiResolved: z.number().int(),
  automationRate: z.number().nullable(),
  handoffs: z.number().int(),
  handoffReasons: z.object({
    customer: z.number().int(),
    lowConfidence: z.number().int(),
    providerError: z.number().int(),
    staff: z.number().int(),
  }),
  ticketsCreated: z.number().int(),
  ticketsResolved: z.number().int(),
  firstResponseSeconds: durations,
  resolutionSeconds: durations,
  csat: z.object({
    average: z.number().nullable(),
    responses: z.number().int(),
    distribution: z.object({
      1: z.number().int(),
      2: z.number().int(),
      3: z.number().int(),
      4: z.number().int(),
      5: z.number().int(),
    }),
  }),
});

/** One period's metrics. */
export type PeriodMetrics = z.infer<typeof periodMetricsSchema>;

/** `GET /api/analytics/summary`: the period and the one of equal length before it. */
export const summarySchema = periodMetricsSchema.extend({
  timeZone: z.string(),
  agentId: z.string().nullable(),
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
  csatResponses: z.number().int(),
  csatAverage: z.number().nullable(),
});

/** `GET /api/analytics/timeseries`: every day of the period, days without activity as zeros. */
export const timeseriesSchema = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  days: z.array(seriesDaySchema),
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
  teammates: z.array(teammateSchema),
});
