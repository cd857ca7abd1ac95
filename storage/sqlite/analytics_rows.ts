/**
 * The analytics tables' columns and statements, and rows to facts and back:
 * shared by the batch writer (`analytics_batch.ts`) and the repository's
 * reads (`analytics.ts`).
 *
 * @module
 */
import type { SQLInputValue } from "node:sqlite";
import {
  type ConversationFact,
  DAY_COUNTERS,
  TEAM_COUNTERS,
  type TicketFact,
} from "../../models/analytics/rollup_types.ts";
import type { DayRange } from "../../models/ports/store_analytics.ts";
import { date, iso, type Row } from "./db.ts";

const column = (name: string) => name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
export const DAY_COLS = DAY_COUNTERS.map(column);
export const TEAM_COLS = TEAM_COUNTERS.map(column);

export const ADD_DAY = `INSERT INTO analytics_days (workspace_id, day, agent_id, ${DAY_COLS.join(", ")})
  VALUES (?, ?, ?, ${DAY_COLS.map(() => "?").join(", ")})
  ON CONFLICT (workspace_id, day, agent_id) DO UPDATE SET ${DAY_COLS.map((c) => `${c} = ${c} + excluded.${c}`)}`;
export const ADD_TEAM = `INSERT INTO analytics_team_days (workspace_id, day, agent_id, user_id, ${TEAM_COLS.join(", ")})
  VALUES (?, ?, ?, ?, ${TEAM_COLS.map(() => "?").join(", ")})
  ON CONFLICT (workspace_id, day, agent_id, user_id) DO UPDATE SET ${
  TEAM_COLS.map((c) => `${c} = ${c} + excluded.${c}`)
}`;
export const FACT_COLS = [
  "conversation_id",
  "workspace_id",
  "agent_id",
  "visitor_id",
  "started_at",
  "day",
  "page_url",
  "messages_customer",
  "messages_ai",
  "messages_staff",
  "ai_involved",
  "ai_answered",
  "last_ai_at",
  "handed_off",
  "handoff_reason",
  "handoff_at",
  "first_response_s",
  "ticket_id",
  "resolved_at",
  "resolution_s",
  "rating",
  "tags",
  "customer_email",
  "question",
  "first_of_visitor",
  "first_with_agent",
  "ai_rated_day",
  "staff_replies",
  "first_responder",
  "resolved_by",
  "questions",
  "sentiment_count",
  "sentiment_sum",
  "negative_messages",
  "categories",
];
export const PUT_FACT = `INSERT OR REPLACE INTO analytics_facts (${FACT_COLS.join(", ")})
  VALUES (${FACT_COLS.map(() => "?").join(", ")})`;

export function factRow(f: ConversationFact): SQLInputValue[] {
  return [
    f.conversationId,
    f.workspaceId,
    f.agentId,
    f.visitorId,
    iso(f.startedAt),
    f.day,
    f.pageUrl,
    f.messagesCustomer,
    f.messagesAi,
    f.messagesStaff,
    f.aiInvolved ? 1 : 0,
    f.aiAnswered ? 1 : 0,
    iso(f.lastAiAt),
    f.handedOff ? 1 : 0,
    f.handoffReason,
    iso(f.handoffAt),
    f.firstResponseSeconds,
    f.ticketId,
    iso(f.resolvedAt),
    f.resolutionSeconds,
    f.rating,
    JSON.stringify(f.tags),
    f.customerEmail,
    f.question,
    f.firstOfVisitor ? 1 : 0,
    f.firstWithAgent ? 1 : 0,
    f.aiRatedDay,
    JSON.stringify(f.staffReplies),
    f.firstResponder,
    f.resolvedBy,
    JSON.stringify(f.questions),
    f.sentimentCount,
    f.sentimentSum,
    f.negativeMessages,
    JSON.stringify(f.categories),
  ];
}

const num = (v: SQLInputValue) => (v === null ? null : Number(v));
export const str = (v: SQLInputValue) => (v === null ? null : String(v));

export function toFact(r: Row): ConversationFact {
  return {
    conversationId: String(r.conversation_id),
    workspaceId: String(r.workspace_id),
    agentId: String(r.agent_id),
    visitorId: String(r.visitor_id),
    startedAt: date(r.started_at) ?? null,
    day: str(r.day),
    pageUrl: str(r.page_url),
    messagesCustomer: Number(r.messages_customer),
    messagesAi: Number(r.messages_ai),
    messagesStaff: Number(r.messages_staff),
    aiInvolved: r.ai_involved === 1,
    aiAnswered: r.ai_answered === 1,
    lastAiAt: date(r.last_ai_at) ?? null,
    handedOff: r.handed_off === 1,
    handoffReason: str(r.handoff_reason),
    handoffAt: date(r.handoff_at) ?? null,
    firstResponseSeconds: num(r.first_response_s),
    ticketId: str(r.ticket_id),
    resolvedAt: date(r.resolved_at) ?? null,
    resolutionSeconds: num(r.resolution_s),
    rating: num(r.rating),
    tags: JSON.parse(String(r.tags)),
    customerEmail: str(r.customer_email),
    question: str(r.question),
    firstOfVisitor: r.first_of_visitor === 1,
    firstWithAgent: r.first_with_agent === 1,
    aiRatedDay: str(r.ai_rated_day ?? null),
    staffReplies: JSON.parse(String(r.staff_replies ?? "{}")),
    firstResponder: str(r.first_responder ?? null),
    resolvedBy: str(r.resolved_by ?? null),
    questions: JSON.parse(String(r.questions ?? "[]")),
    sentimentCount: Number(r.sentiment_count ?? 0),
    sentimentSum: Number(r.sentiment_sum ?? 0),
    negativeMessages: Number(r.negative_messages ?? 0),
    categories: JSON.parse(String(r.categories ?? "[]")),
  };
}

export function toTicket(r: Row): TicketFact {
  return {
    ticketId: String(r.ticket_id),
    workspaceId: String(r.workspace_id),
    conversationId: String(r.conversation_id),
    agentId: String(r.agent_id),
    createdAt: date(r.created_at)!,
    resolvedAt: date(r.resolved_at) ?? null,
    resolvedBy: str(r.resolved_by),
    rating: num(r.rating),
    ratedDay: str(r.rated_day),
    comment: str(r.comment),
  };
}

/** The range's WHERE clause (on a table with workspace_id, day, agent_id) and its values. */
export function period(r: DayRange): [string, SQLInputValue[]] {
  const sql = "workspace_id = ? AND day BETWEEN ? AND ?" + (r.agentId ? " AND agent_id = ?" : "");
  return [sql, r.agentId ? [r.workspaceId, r.from, r.to, r.agentId] : [r.workspaceId, r.from, r.to]];
}

export function counters<K extends string>(names: readonly K[], r: Row | undefined): Record<K, number> {
  return Object.fromEntries(names.map((n) => [n, Number(r?.[column(n)] ?? 0)])) as Record<K, number>;
}

/** A histogram from its stored bytes (a copy: little-endian 32-bit counts, the platform's order here). */
export function counts(bytes: Uint8Array): Uint32Array {
  return new Uint32Array(bytes.slice().buffer);
}

export const PUT_TICKET = `INSERT OR REPLACE INTO analytics_tickets (ticket_id, workspace_id, conversation_id, agent_id,
  created_at, resolved_at, resolved_by, rating, rated_day, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function ticketRow(t: TicketFact): SQLInputValue[] {
  return [
    t.ticketId,
    t.workspaceId,
    t.conversationId,
    t.agentId,
    iso(t.createdAt),
    iso(t.resolvedAt),
    t.resolvedBy,
    t.rating,
    t.ratedDay,
    t.comment,
  ];
}
