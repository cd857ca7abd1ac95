/**
 * Ticket events of the catalog: opened, changed, assigned, moved through its
 * statuses, escalated and rated.
 *
 * @module
 */
import { z } from "zod";
import { PRIORITIES, TICKET_STATUSES } from "../tickets/ticket_schemas.ts";

const id = z.string().regex(/^[0-9a-f]{24}$/);
const status = z.enum(TICKET_STATUSES);
const priority = z.enum(PRIORITIES);

/** A ticket as events carry it. */
export const ticketPayloadSchema = z.object({
  id,
  conversationId: id,
  agentId: id,
  title: z.string(),
  status,
  priority,
  customerEmail: z.string(),
  customerName: z.string().optional(),
  assignedTo: id.nullable(),
  tags: z.array(z.string()),
  source: z.enum(["staff", "asked_for_human", "low_confidence", "provider_failed", "negative_sentiment"]),
  escalationLevel: z.number().int().nonnegative(),
  createdAt: z.string().datetime(),
});

const ticketExample = {
  id: "65a1f0e5e4b0a1b2c3d4e5d4",
  conversationId: "65a1f0c2e4b0a1b2c3d4e5f6",
  agentId: "65a1f0a0e4b0a1b2c3d4e5a1",
  title: "Where is my parcel?",
  status: "open",
  priority: "medium",
  customerEmail: "ada@example.com",
  assignedTo: null,
  tags: [],
  source: "asked_for_human",
  escalationLevel: 0,
  createdAt: "2026-12-04T10:16:00.000Z",
} as const;
const ref = { ticketId: id, conversationId: id };
const refExample = { ticketId: ticketExample.id, conversationId: ticketExample.conversationId };
const staffId = "65a1f0d4e4b0a1b2c3d4e5c3";

/** Ticket event definitions. */
export const TICKET_EVENTS = {
  "ticket.created": {
    // Version 2: `source` may be `negative_sentiment` (the workspace's sentiment rule handed the chat off).
    version: 2,
    description: "A ticket was opened: by a handoff (with its reason as `source`) or by staff.",
    schema: z.object({ ticket: ticketPayloadSchema }),
    example: { ticket: ticketExample },
  },
  "ticket.updated": {
    // Version 2: the ticket's `source` may be `negative_sentiment`.
    version: 2,
    description: "Fields of a ticket changed (title, description, priority, tags, customer): each with its old " +
      "and new value.",
    schema: z.object({
      ...ref,
      changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      ticket: ticketPayloadSchema,
    }),
    example: { ...refExample, changes: { priority: { from: "medium", to: "high" } }, ticket: ticketExample },
  },
  "ticket.assigned": {
    version: 1,
    description: "A ticket was assigned to a staff member (`to`), or unassigned (`to: null`).",
    schema: z.object({ ...ref, from: id.nullable(), to: id.nullable() }),
    example: { ...refExample, from: null, to: staffId },
  },
  "ticket.status_changed": {
    version: 1,
    description: "A ticket moved to another status (open, in-progress, resolved, closed).",
    schema: z.object({ ...ref, from: status, to: status }),
    example: { ...refExample, from: "in-progress", to: "resolved" },
  },
  "ticket.escalated": {
    version: 1,
    description: "A ticket was escalated by staff or by a workspace rule; `notify` lists the admins to tell.",
    schema: z.object({
      ...ref,
      level: z.number().int().nonnegative(),
      priority,
      assignedTo: id.nullable(),
      reason: z.string(),
      notify: z.array(id),
    }),
    example: {
      ...refExample,
      level: 1,
      priority: "high",
      assignedTo: staffId,
      reason: "no reply from the team within 30 minutes.",
      notify: [staffId],
    },
  },
  "ticket.rated": {
    version: 1,
    description: "The customer rated a resolved ticket (1-5, optional comment).",
    schema: z.object({ ...ref, score: z.number().int().min(1).max(5), comment: z.string().optional() }),
    example: { ...refExample, score: 5, comment: "Quick and kind, thanks!" },
  },
} as const;
