/**
 * The event catalog: every durable domain event Frontdesk records, with the
 * versioned zod schema of its payload and an example. This is a public
 * contract: webhooks, the event stream and analytics all read it. Change a
 * payload only by adding optional fields; anything else is a new `version`.
 *
 * @module
 */
import type { z } from "zod";
import { CHAT_EVENTS } from "./catalog_chat.ts";
import { EXPERIMENT_EVENTS } from "./catalog_experiments.ts";
import { KNOWLEDGE_EVENTS } from "./catalog_knowledge.ts";
import { TICKET_EVENTS } from "./catalog_tickets.ts";
import { WEBHOOK_EVENTS } from "./catalog_webhooks.ts";

/** One entry of the catalog. */
export interface EventDefinition {
  version: number;
  description: string;
  schema: z.ZodType;
  example: unknown;
}

/** Every event type, by name. */
export const EVENT_CATALOG = {
  ...CHAT_EVENTS,
  ...TICKET_EVENTS,
  ...KNOWLEDGE_EVENTS,
  ...WEBHOOK_EVENTS,
  ...EXPERIMENT_EVENTS,
} as const satisfies Record<
  string,
  EventDefinition
>;

/** The name of an event type (`message.created`, `ticket.status_changed`...). */
export type EventType = keyof typeof EVENT_CATALOG;

/** The payload of an event type, as its schema describes it. */
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_CATALOG)[T]["schema"]>;

/** Every event type name, in catalog order. */
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

/** True when `name` is an event type of the catalog. */
export function isEventType(name: string): name is EventType {
  return Object.hasOwn(EVENT_CATALOG, name);
}

/** Checks a payload against its type's schema; returns the list of problems (empty when valid). */
export function payloadProblems(type: EventType, payload: unknown): string[] {
  const result = EVENT_CATALOG[type].schema.safeParse(payload);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`);
}
