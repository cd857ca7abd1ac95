/**
 * zod schemas for tickets and canned responses (the seed's Ticket model).
 * Pure: shared by the API and the inbox forms.
 *
 * @module
 */
import { z } from "zod";

/** The seed's ticket statuses. */
export const TICKET_STATUSES = ["open", "in-progress", "resolved", "closed"] as const;
/** A ticket status. */
export type TicketStatus = typeof TICKET_STATUSES[number];
/** The seed's priorities, lowest first. */
export const PRIORITIES = ["low", "medium", "high", "urgent"] as const;
/** A ticket priority. */
export type Priority = typeof PRIORITIES[number];

const id = z.string().regex(/^[0-9a-f]{24}$/, { message: "Must be a 24-character hex id." });
/**
 * A tag starts with a letter or digit (any script), then letters, digits, spaces, `-` and `_`.
 * JSON Schema (so OpenAPI 3.1) reads a `pattern` as an ECMA-262 regex with Unicode semantics, which
 * `\p{L}` needs; the document gets the source string as is, because the generator writes a flagged
 * regex's `toString()`, `/u` and all, and no client would ever match that.
 */
const TAG_PATTERN = "^[\\p{L}\\p{N}][\\p{L}\\p{N} _-]*$";
const tag = z.string().trim().toLowerCase().min(1).max(40).regex(new RegExp(TAG_PATTERN, "u"), {
  message: "Tags use letters, digits, spaces, - and _.",
}).meta({ pattern: TAG_PATTERN });

/** Body of `POST /api/tickets` (staff opening a ticket for a customer). */
export const ticketCreateSchema = z.object({
  title: z.string().trim().min(1, { message: "Give the ticket a title." }).max(200),
  description: z.string().trim().max(10_000).default(""),
  priority: z.enum(PRIORITIES).default("medium"),
  customerEmail: z.string().trim().max(254).pipe(z.email({ message: "Enter a valid email address." })),
  customerName: z.string().trim().max(100).optional(),
  agentId: id,
  assignedTo: id.nullable().optional(),
  tags: z.array(tag).max(20).default([]),
});

/** Body of `PUT /api/tickets/:id`: any subset (status has its own endpoint). */
export const ticketUpdateSchema = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(10_000).optional(),
  priority: z.enum(PRIORITIES).optional(),
  customerEmail: z.string().trim().max(254).pipe(z.email()).optional(),
  customerName: z.string().trim().max(100).optional(),
  /** A teammate's id, or null to unassign. */
  assignedTo: id.nullable().optional(),
  tags: z.array(tag).max(20).optional(),
});

/** Body of `PUT /api/tickets/:id/status`. */
export const ticketStatusSchema = z.object({ status: z.enum(TICKET_STATUSES) });

/** Body of `POST /api/tickets/:id/messages`. */
export const ticketMessageSchema = z.object({
  /** May be empty when files are attached. */
  content: z.string().trim().max(4000),
  /** An internal note: staff only, never sent to the customer. */
  internal: z.boolean().default(false),
  clientId: z.string().regex(/^[\w-]{8,64}$/).optional(),
  /** Ids of files uploaded by this staff member (`POST /api/conversations/uploads`), at most 5. */
  attachments: z.array(id).max(5).optional(),
}).refine((m) => m.content.length > 0 || !!m.attachments?.length, {
  message: "Write a message.",
  path: ["content"],
});

/** Query of `GET /api/tickets`. */
export const ticketListSchema = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  /** A user id, `unassigned`, or `me`. */
  assignee: z.union([id, z.literal("unassigned"), z.literal("me")]).optional(),
  tag: tag.optional(),
  agentId: id.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(["newest", "oldest", "updated", "priority"]).default("newest"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

/** Body of `POST /api/tickets/:id/escalate`. */
export const escalateSchema = z.object({
  /** Raise the priority one step (default) or to this level. */
  priority: z.enum(PRIORITIES).optional(),
  /** Assign to this admin (must be an admin of the workspace). */
  assignTo: id.optional(),
  reason: z.string().trim().max(500).optional(),
});

/** Body of `POST /api/canned-responses` / `PUT .../:id`. */
export const cannedSchema = z.object({
  title: z.string().trim().min(1).max(100),
  /** Typed after `/` in the reply box. */
  shortcut: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, {
    message: "Use lowercase letters, digits, - and _ (max 30).",
  }),
  body: z.string().trim().min(1).max(4000),
});

/** Body of the rating (`POST /api/widget/tickets/:id/rating` or the emailed link). */
export const ratingSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});

/** Body of `PUT /api/settings/escalation`: workspace escalation rules. */
export const escalationRulesSchema = z.object({
  rules: z.array(z.object({
    /** Escalate when no staff reply arrived within this many minutes of the ticket opening. */
    afterMinutes: z.number().int().min(1).max(60 * 24 * 14),
    raisePriority: z.boolean().default(true),
    assignToAdmin: z.boolean().default(false),
    emailAdmins: z.boolean().default(true),
  })).max(5),
});
