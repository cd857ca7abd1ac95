/**
 * `/api/analytics`: the dashboard's numbers for the signed-in workspace (any
 * member may read them; visitors cannot): a period's summary with the
 * previous period, the daily series, the team table, and the streamed
 * one-row-per-conversation CSV. Periods are local days of the workspace's
 * time zone. Metric definitions: the README, "Analytics".
 *
 * @module
 */
import { z } from "@hono/zod-openapi";
import { requireApiSession } from "../http/api_session.ts";
import { currentUser } from "../http/session.ts";
import { EXPORT_COLUMNS, exportCsv } from "../models/analytics/export_csv.ts";
import { comments, pages, summary, team, timeseries } from "../models/analytics/queries.ts";
import { fixGap, gaps, topics } from "../models/analytics/topic_queries.ts";
import { analyticsSettings, saveAnalyticsSettings } from "../models/analytics/settings.ts";
import { sourceWire } from "../models/knowledge/wire.ts";
import {
  analyticsSettingsSchema,
  commentsSchema,
  fixGapSchema,
  gapsSchema,
  listQuerySchema,
  pagesSchema,
  periodMetricsSchema,
  periodQuerySchema,
  summarySchema,
  tagSchema,
  teammateQuerySchema,
  teamSchema,
  timeseriesSchema,
  topicsSchema,
} from "../models/analytics/wire.ts";
import { access, errorResponses, jsonAnswer, jsonBody, resource, route } from "./openapi.ts";

const tags = ["Analytics"];
const analyticsApi = resource();
analyticsApi.use("*", requireApiSession);

// The schemas come from models/ (plain zod, possibly built before @hono/zod-openapi is loaded, so without its
// `.openapi()`): described with zod's own `.meta()`, which the OpenAPI generator reads as well.
const query = periodQuerySchema.extend({
  from: periodQuerySchema.shape.from.meta({
    description: "First day, in the workspace's time zone (default: 29 days before `to`)",
    example: "2026-11-05",
  }),
  to: periodQuerySchema.shape.to.meta({
    description: "Last day, included (default: today, or 29 days after `from`)",
    example: "2026-12-04",
  }),
  agentId: periodQuerySchema.shape.agentId.meta({ description: "Only this AI agent's conversations" }),
});

/** The summary's and the export's query: with a ticket tag. */
const taggedQuery = query.extend({
  tag: tagSchema.optional().meta({
    description: "Only conversations whose ticket carries this tag (counted from the period's conversations: " +
      "README, Analytics)",
    example: "billing",
  }),
});

const userId = teammateQuerySchema.shape.userId.meta({ description: "Only this teammate" });
const teamQuery = taggedQuery.extend({ userId });

analyticsApi.openapi(
  route({
    method: "get",
    path: "/summary",
    tags,
    operationId: "getAnalyticsSummary",
    security: access.staff,
    summary: "A period's metrics, and the same for the period of equal length before it",
    request: { query: taggedQuery },
    responses: {
      200: jsonAnswer(
        summarySchema.extend({ previous: periodMetricsSchema.meta({ id: "AnalyticsPeriod" }) }).meta({
          id: "AnalyticsSummary",
        }),
        "The metrics",
      ),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => c.json(await summary(c.var.deps, currentUser(c), c.req.valid("query")), 200),
);

analyticsApi.openapi(
  route({
    method: "get",
    path: "/timeseries",
    tags,
    operationId: "getAnalyticsTimeseries",
    security: access.staff,
    summary: "Each day of a period: conversations, messages, AI involvement and resolution, handoffs, tickets, CSAT",
    request: { query: taggedQuery },
    responses: {
      200: jsonAnswer(timeseriesSchema.meta({ id: "AnalyticsTimeseries" }), "Every day, quiet days as zeros"),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => c.json(await timeseries(c.var.deps, currentUser(c), c.req.valid("query")), 200),
);

analyticsApi.openapi(
  route({
    method: "get",
    path: "/team",
    tags,
    operationId: "getAnalyticsTeam",
    security: access.staff,
    summary: "Per teammate over a period: replies, first response after a handoff, tickets resolved, their CSAT",
    request: { query: teamQuery },
    responses: {
      200: jsonAnswer(teamSchema.meta({ id: "AnalyticsTeam" }), "Teammates, most replies first"),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => c.json(await team(c.var.deps, currentUser(c), c.req.valid("query")), 200),
);

analyticsApi.openapi(
  route({
    method: "get",
    path: "/export.csv",
    tags,
    operationId: "exportAnalyticsCsv",
    security: access.staff,
    summary: "One row per conversation started in the period, streamed as CSV",
    description: `Columns: ${EXPORT_COLUMNS.map((c) => `\`${c}\``).join(", ")}. \`handled_by\` is \`ai\` unless ` +
      "the conversation was handed off; `tags` are joined by `;`. Cells that start like a spreadsheet formula " +
      "are prefixed with `'`.",
    request: { query: taggedQuery },
    responses: {
      200: {
        description: "The CSV (a header line, then one line per conversation, oldest first)",
        content: { "text/csv": { schema: z.string() } },
      },
      ...errorResponses(400, 401),
    },
  }),
  async (c) => {
    const { filename, body } = await exportCsv(c.var.deps, currentUser(c), c.req.valid("query"));
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
      },
    }) as never;
  },
);

const listQuery = query.extend({
  limit: listQuerySchema.shape.limit.meta({ description: "How many groups (default 20, at most 100)" }),
});
/** Topics' and gaps' query: with a ticket tag (counted from the conversations' own questions: README). */
const taggedListQuery = taggedQuery.extend({ limit: listQuery.shape.limit });

analyticsApi.openapi(
  route({
    method: "get",
    path: "/topics",
    tags,
    operationId: "getAnalyticsTopics",
    security: access.staff,
    summary:
      "Customers' questions grouped into topics (by keywords, and by meaning when the provider embeds), with the previous period's counts",
    description: "Questions are the customer messages the AI answered; similar ones (sharing at least half of " +
      "their stemmed keywords) form a topic. Definitions: the README, Analytics.",
    request: { query: taggedListQuery },
    responses: {
      200: jsonAnswer(topicsSchema.meta({ id: "AnalyticsTopics" }), "Topics, the most asked first"),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => c.json(await topics(c.var.deps, currentUser(c), c.req.valid("query")), 200),
);

analyticsApi.openapi(
  route({
    method: "get",
    path: "/gaps",
    tags,
    operationId: "getAnalyticsGaps",
    security: access.staff,
    summary: "Knowledge gaps: questions the AI answered unsure, grouped like topics, open ones first",
    description: "Unsure: handed off for low confidence, or answered below confidence 0.4. A gap is resolved " +
      "when fixed (`POST /gaps/{id}/resolve`) on or after the last day it was answered unsure.",
    request: { query: taggedListQuery },
    responses: {
      200: jsonAnswer(gapsSchema.meta({ id: "AnalyticsGaps" }), "Gaps"),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => c.json(await gaps(c.var.deps, currentUser(c), c.req.valid("query")), 200),
);

analyticsApi.openapi(
  route({
    method: "post",
    path: "/gaps/{id}/resolve",
    tags,
    operationId: "resolveAnalyticsGap",
    security: access.staff,
    summary: "Fix a gap in one step: its answer becomes a text source of the agent's knowledge (admins)",
    description: "Adds `answer` as a text source titled with the question (ingested into a new knowledge " +
      "version, like `POST /api/agents/{id}/train`) and marks the gap fixed today.",
    request: {
      params: z.object({ id: z.string().min(1).max(600).meta({ description: "A gap's id" }) }),
      body: jsonBody(fixGapSchema.meta({ id: "FixGap" })),
    },
    responses: {
      202: jsonAnswer(
        z.object({
          gap: z.object({
            id: z.string(),
            agentId: z.string(),
            fixedAt: z.string(),
            fixedBy: z.string(),
            sourceId: z.string(),
          }),
          source: sourceWire,
        }).meta({ id: "FixedGap" }),
        "Accepted: the gap is fixed, its source queued for ingestion",
      ),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  async (c) => c.json(await fixGap(c.var.deps, currentUser(c), c.req.valid("param").id, c.req.valid("json")), 202),
);

analyticsApi.openapi(
  route({
    method: "get",
    path: "/pages",
    tags,
    operationId: "getAnalyticsPages",
    security: access.staff,
    summary: "The pages where the period's conversations started (URL without query and fragment), most first",
    request: { query: listQuery },
    responses: {
      200: jsonAnswer(pagesSchema.meta({ id: "AnalyticsPages" }), "Pages"),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => c.json(await pages(c.var.deps, currentUser(c), c.req.valid("query")), 200),
);

analyticsApi.openapi(
  route({
    method: "get",
    path: "/comments",
    tags,
    operationId: "getAnalyticsComments",
    security: access.staff,
    summary: "The comments customers wrote with their ratings in the period, newest first",
    request: {
      query: listQuery.extend({ userId: userId.meta({ description: "Only tickets this teammate resolved" }) }),
    },
    responses: {
      200: jsonAnswer(commentsSchema.meta({ id: "AnalyticsComments" }), "Comments"),
      ...errorResponses(400, 401),
    },
  }),
  async (c) => c.json(await comments(c.var.deps, currentUser(c), c.req.valid("query")), 200),
);

const settingsWire = analyticsSettingsSchema.meta({ id: "AnalyticsSettings" });

analyticsApi.openapi(
  route({
    method: "get",
    path: "/settings",
    tags,
    operationId: "getAnalyticsSettings",
    security: access.staff,
    summary: "The workspace's analytics time zone and resolution window",
    responses: { 200: jsonAnswer(settingsWire, "The settings (defaults: UTC, 30 minutes)"), ...errorResponses(401) },
  }),
  async (c) => c.json(await analyticsSettings(c.var.deps, currentUser(c).workspaceId), 200),
);

analyticsApi.openapi(
  route({
    method: "put",
    path: "/settings",
    tags,
    operationId: "saveAnalyticsSettings",
    security: access.staff,
    summary: "Change the analytics time zone and resolution window (admins)",
    description: "The time zone places events rolled up from now on in their local day; days already counted " +
      "keep the zone they were counted in (a rebuild of the rollups recounts them). The resolution window " +
      "applies to every read at once: it is checked when the numbers are read.",
    request: { body: jsonBody(settingsWire.partial().meta({ id: "AnalyticsSettingsChange" })) },
    responses: {
      200: jsonAnswer(settingsWire, "Saved"),
      ...errorResponses(400, 401, 403),
    },
  }),
  async (c) => c.json(await saveAnalyticsSettings(c.var.deps, currentUser(c), c.req.valid("json")), 200),
);

/** The `/api/analytics` sub-app. */
export default analyticsApi;
