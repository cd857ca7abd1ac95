/**
 * Ticket: a conversation handed to the human team (the seed's Ticket model).
 * Its `messages` are its conversation's thread; status rules live here.
 *
 * @module
 */
import { ConflictError, ValidationError } from "../../lib/errors.ts";
import type { Priority, TicketStatus } from "./ticket_schemas.ts";
import { PRIORITIES } from "./ticket_schemas.ts";
import type { User } from "../accounts/user.ts";

/** A stored ticket. */
export interface Ticket {
  id: string;
  workspaceId: string;
  /** The conversation whose thread is this ticket's messages. */
  conversationId: string;
  agentId: string;
  title: string;
  description: string;
  status: TicketStatus;
  priority: Priority;
  customerEmail: string;
  customerName?: string;
  assignedTo: string | null;
  /** Who opened it: a staff member, or the agent's creator for tickets the AI handed off. */
  userId: string;
  tags: string[];
  /** Why it exists: opened by staff, asked for by the visitor, low confidence, provider failure. */
  source: "staff" | "asked_for_human" | "low_confidence" | "provider_failed" | "negative_sentiment";
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** The customer's 1-5 rating after resolution. */
  rating: { score: number; comment?: string; at: Date } | null;
  /** How many escalation rules fired (0 = none). */
  escalationLevel: number;
  /** Link back to where the visitor chatted (for emailed replies). */
  pageUrl?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The seed's message shape of a ticket. */
export interface TicketMessage {
  content: string;
  sender: "user" | "agent" | "system";
  timestamp: Date;
  metadata: Record<string, unknown>;
}

/**
 * Applies a status change, enforcing the rules: resolved sets `resolvedAt`;
 * reopening clears it; closed sets `closedAt` and is final, except that an
 * admin may reopen a closed ticket. Throws a ValidationError/ConflictError that
 * says why when the change is not allowed.
 */
export function nextStatus(
  ticket: Pick<Ticket, "status" | "resolvedAt" | "closedAt">,
  to: TicketStatus,
  actor: User,
  now: Date,
): Pick<Ticket, "status" | "resolvedAt" | "closedAt"> {
  const from = ticket.status;
  if (from === to) throw new ConflictError(`The ticket is already ${to}.`, "status_unchanged");
  if (from === "closed") {
    if (actor.role !== "admin") {
      throw new ConflictError("A closed ticket is final; only an admin can reopen it.", "ticket_closed");
    }
    if (to !== "open" && to !== "in-progress") {
      throw new ValidationError("A closed ticket can only be reopened (to open or in-progress).", {
        fields: { status: "reopen to open or in-progress" },
      }, "invalid_transition");
    }
  }
  switch (to) {
    case "resolved":
      return { status: to, resolvedAt: now, closedAt: null };
    case "closed":
      return { status: to, resolvedAt: ticket.resolvedAt, closedAt: now };
    default:
      // Reopening clears both markers.
      return { status: to, resolvedAt: null, closedAt: null };
  }
}

/** One priority step up (urgent stays urgent). */
export function raisedPriority(p: Priority): Priority {
  return PRIORITIES[Math.min(PRIORITIES.indexOf(p) + 1, PRIORITIES.length - 1)];
}
