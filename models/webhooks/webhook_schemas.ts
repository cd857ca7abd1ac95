/**
 * Input schemas of webhook endpoints (create, change), shared by the API.
 *
 * @module
 */
import { z } from "zod";
import { isEventType } from "../events/catalog.ts";
import { ALL_EVENTS } from "./webhook.ts";

const url = z.url({ protocol: /^https?$/, message: "Enter an http(s) URL." }).max(2000);
const events = z.array(
  z.string().refine((n) => n === ALL_EVENTS || isEventType(n), { message: "Not an event type of the catalog." }),
).min(1, { message: "Pick at least one event, or `*` for all." }).max(100);
const description = z.string().trim().max(200);

/** `POST /api/webhooks`. */
export const webhookCreateSchema = z.object({
  url,
  events: events.default([ALL_EVENTS]),
  description: description.default(""),
}).meta({ id: "WebhookCreate" });

/** `PATCH /api/webhooks/:id`: any of the fields; `enabled: true` turns a disabled endpoint back on. */
export const webhookUpdateSchema = z.object({
  url: url.optional(),
  events: events.optional(),
  description: description.optional(),
  enabled: z.boolean().optional(),
}).meta({ id: "WebhookUpdate" });
