/**
 * Escalation: an explicit action (priority up and/or assign to an admin,
 * recorded in the thread) and workspace rules ("no staff reply within N
 * minutes -> escalate and email the admins"), applied by `runEscalations`,
 * which the scheduler in `listeners/escalation.ts` calls on the injected clock
 * (tests drive it with a manual one). Emails follow from `ticket.escalated`.
 *
 * @module
 */
import type { z } from "zod";
import { ValidationError } from "../../lib/errors.ts";
import { requireAdmin } from "../accounts/auth.ts";
import * as chat from "../chat/chat.ts";
import type { Deps } from "../ports/deps.ts";
import { raisedPriority, type Ticket } from "./ticket.ts";
import type { escalateSchema, escalationRulesSchema } from "./ticket_schemas.ts";
import { type Actor, actorOf, SYSTEM } from "../events/event.ts";
import { ticketChanges } from "./ticket_events.ts";
import { announce, getTicket } from "./tickets.ts";
import type { User } from "../accounts/user.ts";

/** Workspace escalation rules, as stored. */
export type EscalationRules = z.infer<typeof escalationRulesSchema>;
const KEY = "escalation";

async function escalateTicket(
  deps: Deps,
  ticket: Ticket,
  change: { priority?: Ticket["priority"]; assignTo?: string | null; level?: number },
  why: string,
  notify: User[],
  actor: Actor,
): Promise<Ticket> {
  // The admins' emails are sent by the emails listener, from this change's `ticket.escalated` event.
  const updated = await deps.store.tickets.update(ticket.workspaceId, ticket.id, {
    ...(change.priority ? { priority: change.priority } : {}),
    ...(change.assignTo !== undefined ? { assignedTo: change.assignTo } : {}),
    ...(change.level !== undefined ? { escalationLevel: change.level } : {}),
    updatedAt: deps.clock.now(),
  }, ticketChanges(ticket, actor, { reason: why, notify: notify.map((u) => u.id) }));
  if (!updated) return ticket;
  const conv = await deps.store.conversations.get(ticket.workspaceId, ticket.conversationId);
  if (conv) {
    await chat.systemMessage(deps, conv, `Escalated: ${why}`, {
      event: "escalated",
      priority: updated.priority,
      assignedTo: updated.assignedTo,
    }, true);
  }
  return announce(deps, updated);
}

/**
 * Staff escalate a ticket: priority up (or to the given level) and/or assign it to an admin.
 *
 * A manual escalation is one escalation step like a rule's: it raises `escalationLevel` by one. The level
 * counts the steps a ticket has had, by hand or by rule, and rule `i` (0-based, by delay) applies only
 * below level `i + 1`, so a ticket escalated by hand skips the first rule still ahead of it (its priority
 * would go up twice and the admins be told of an escalation staff already made) and the scheduler carries
 * on from the next one. Levels only ever go up.
 */
export async function escalate(
  deps: Deps,
  user: User,
  id: string,
  input: z.infer<typeof escalateSchema>,
): Promise<Ticket> {
  const ticket = await getTicket(deps, user, id);
  let assignee: User | null = null;
  if (input.assignTo) {
    assignee = await deps.store.users.get(user.workspaceId, input.assignTo);
    if (!assignee || assignee.role !== "admin") {
      throw new ValidationError("Escalate to an admin of your workspace.", { fields: { assignTo: "not an admin" } });
    }
  }
  const priority = input.priority ?? raisedPriority(ticket.priority);
  const why = `${user.name} escalated this ticket${input.reason ? `: ${input.reason}` : ""} (priority ${priority}` +
    `${assignee ? `, assigned to ${assignee.name}` : ""}).`;
  return await escalateTicket(
    deps,
    ticket,
    { priority, level: ticket.escalationLevel + 1, ...(assignee ? { assignTo: assignee.id } : {}) },
    why,
    [],
    actorOf(user),
  );
}

/** The workspace's rules (none by default). */
export async function getRules(deps: Deps, user: User): Promise<EscalationRules> {
  return (await deps.store.settings.get<EscalationRules>(user.workspaceId, KEY)) ?? { rules: [] };
}

/** Replaces the workspace's rules (admins). */
export async function saveRules(deps: Deps, admin: User, rules: EscalationRules): Promise<EscalationRules> {
  requireAdmin(admin);
  const sorted = { rules: [...rules.rules].sort((a, b) => a.afterMinutes - b.afterMinutes) };
  await deps.store.settings.put(admin.workspaceId, KEY, sorted, deps.clock.now());
  return sorted;
}

/**
 * One pass of the scheduler: for each workspace with rules, tickets still
 * waiting for a first staff reply past a rule's delay get that rule applied
 * once (a ticket's escalation level counts the escalation steps already taken, by these rules or by
 * hand: see `escalate`).
 */
export async function runEscalations(deps: Deps): Promise<number> {
  let fired = 0;
  const now = deps.clock.now().getTime();
  for (const workspaceId of await deps.store.settings.workspacesWith(KEY)) {
    const { rules } = (await deps.store.settings.get<EscalationRules>(workspaceId, KEY)) ?? { rules: [] };
    for (const [i, rule] of rules.entries()) {
      const waiting = await deps.store.tickets.awaitingStaff(new Date(now - rule.afterMinutes * 60_000), i + 1, 200);
      for (const ticket of waiting.filter((t) => t.workspaceId === workspaceId)) {
        const admins = (await deps.store.users.list(workspaceId)).filter((u) => u.role === "admin");
        await escalateTicket(
          deps,
          ticket,
          {
            level: i + 1,
            ...(rule.raisePriority ? { priority: raisedPriority(ticket.priority) } : {}),
            ...(rule.assignToAdmin && !ticket.assignedTo && admins[0] ? { assignTo: admins[0].id } : {}),
          },
          `no reply from the team within ${rule.afterMinutes} minutes.`,
          rule.emailAdmins ? admins : [],
          SYSTEM,
        );
        fired++;
      }
    }
  }
  return fired;
}
