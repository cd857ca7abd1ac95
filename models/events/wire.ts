/**
 * The wire contract of the event feed (`GET /api/events`) and stream (`/api/events/ws`): each event in the
 * catalog's envelope (id, type, payload version, workspace, aggregate, actor, time, payload), and the
 * opaque cursor to resume after it.
 *
 * @module
 */
import { z } from "zod";
import { EVENT_TYPES } from "./catalog.ts";
import type { DomainEvent } from "./event.ts";

/** One event as the feed and the stream send it. */
export const eventWire = z.object({
  id: z.string().describe("Stable id: the same event always has it (deduplicate on it)"),
  type: z.enum(EVENT_TYPES as [string, ...string[]]),
  version: z.number().int().describe("The version of the payload's schema in the catalog"),
  workspaceId: z.string(),
  aggregateId: z.string().describe("The conversation, ticket or agent the event is about"),
  actor: z.object({
    kind: z.enum(["customer", "ai", "staff", "system", "api"]),
    id: z.string().optional().describe("The visitor's, staff member's, agent's or API key's id"),
  }),
  occurredAt: z.string(),
  payload: z.record(z.string(), z.unknown()).describe("As the event catalog describes the type and version"),
  cursor: z.string().describe("Resume after this event: `after=<cursor>`"),
}).meta({ id: "Event" });

/** An event as the API sends it. */
export type EventJson = z.infer<typeof eventWire>;

/**
 * The opaque cursor of a position in the log. Opaque so clients keep it as it is: only `position` orders
 * events today, but a cursor may come to carry more.
 */
export function encodeCursor(position: number): string {
  return btoa(`p:${position}`).replace(/=+$/, "");
}

/** The position of a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): number | null {
  try {
    const m = /^p:(\d{1,15})$/.exec(atob(cursor));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Shapes an event for the API. */
export function eventJson(e: DomainEvent): EventJson {
  return {
    id: e.id,
    type: e.type,
    version: e.version,
    workspaceId: e.workspaceId,
    aggregateId: e.aggregateId,
    actor: e.actor,
    occurredAt: e.occurredAt.toISOString(),
    payload: e.payload as Record<string, unknown>,
    cursor: encodeCursor(e.position),
  };
}
