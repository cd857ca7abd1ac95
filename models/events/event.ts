/**
 * The durable domain event: what happened, to which aggregate, by whom, when.
 * Events are written by the Store in the same transaction as the change they
 * describe (no change without its event, no event without its change) and
 * read back, in order, by listeners (`listeners/`), webhooks and analytics.
 * The payload of each type is described by the catalog (`catalog.ts`).
 *
 * Not every signal is an event: AI tokens as they stream, typing and presence
 * are ephemeral and travel only on the live bus (`ports/live_bus.ts`).
 *
 * @module
 */
import { newId } from "../../lib/ids.ts";
import { EVENT_CATALOG, type EventPayload, type EventType } from "./catalog.ts";

/** Who caused a change. `customer` is the website visitor; `staff` a member of the workspace. */
export interface Actor {
  kind: "customer" | "ai" | "staff" | "system" | "api";
  /** The visitor's, staff member's, agent's or API key's id; absent for the system. */
  id?: string;
}

/** An event as stored: its place in the log (`position`) orders every event of every workspace. */
export interface DomainEvent<T extends EventType = EventType> {
  /** Stable id (24 hex), the idempotency key of every side effect. */
  id: string;
  /** Position in the log: strictly increasing, the cursor listeners and clients resume from. */
  position: number;
  type: T;
  /** The version of the payload's schema. */
  version: number;
  workspaceId: string;
  /** The conversation, ticket, agent or user the event is about: events of one aggregate are handled in order. */
  aggregateId: string;
  actor: Actor;
  occurredAt: Date;
  payload: EventPayload<T>;
}

/** An event before the log gives it a position. */
export type NewEvent<T extends EventType = EventType> = Omit<DomainEvent<T>, "position">;

/** Builds the events a change records, given the change's result: called inside the change's transaction. */
export type Emit<R> = (result: R) => NewEvent[];

/** A new event of `type` (at its catalog version unless given). */
export function newEvent<T extends EventType>(
  type: T,
  e: { workspaceId: string; aggregateId: string; actor: Actor; at: Date; payload: EventPayload<T>; version?: number },
): NewEvent<T> {
  return {
    id: newId(e.at),
    type,
    version: e.version ?? EVENT_CATALOG[type].version,
    workspaceId: e.workspaceId,
    aggregateId: e.aggregateId,
    actor: e.actor,
    occurredAt: e.at,
    payload: e.payload,
  };
}

/** The system itself (schedulers, recovery). */
export const SYSTEM: Actor = { kind: "system" };
/** A staff member. */
export const staffActor = (userId: string): Actor => ({ kind: "staff", id: userId });
/** Whoever acts as `user`: the staff member, or the API key acting for them (`user.apiKeyId`). */
export const actorOf = (user: { id: string; apiKeyId?: string }): Actor =>
  user.apiKeyId ? { kind: "api", id: user.apiKeyId } : staffActor(user.id);
/** A website visitor. */
export const customerActor = (visitorId: string): Actor => ({ kind: "customer", id: visitorId });
/** An AI agent. */
export const aiActor = (agentId: string): Actor => ({ kind: "ai", id: agentId });
