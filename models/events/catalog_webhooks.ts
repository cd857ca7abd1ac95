/**
 * Webhook events of the catalog: an endpoint turned off because it kept
 * failing (the admins are emailed; other endpoints may subscribe to it).
 *
 * @module
 */
import { z } from "zod";

const id = z.string().regex(/^[0-9a-f]{24}$/);

/** Webhook event definitions. */
export const WEBHOOK_EVENTS = {
  "webhook.disabled": {
    version: 1,
    description: "A webhook endpoint was disabled after its deliveries failed without a break for the configured " +
      "time (5 days by default); the workspace's admins are emailed.",
    schema: z.object({
      webhookId: id,
      url: z.string(),
      description: z.string(),
      failingSince: z.string().datetime(),
    }),
    example: {
      webhookId: "65a1f0e5e4b0a1b2c3d4e5aa",
      url: "https://crm.example.com/hooks/frontdesk",
      description: "CRM sync",
      failingSince: "2026-12-01T10:00:00.000Z",
    },
  },
} as const;
