/**
 * The "New ticket" form's values and what they become for
 * `POST /api/tickets` (parsed by the API's own `ticketCreateSchema`): an
 * empty name is no name, an empty assignee is nobody.
 *
 * @module
 */
import type { Me, Person } from "../types.ts";

/** The form's fields, as the inputs hold them. */
export type NewTicketKey =
  | "customerEmail"
  | "customerName"
  | "title"
  | "description"
  | "priority"
  | "agentId"
  | "assignedTo";

/** A blank form: medium priority, the first agent, nobody assigned. */
export function blankTicket(agentId: string): Record<NewTicketKey, string> {
  return {
    customerEmail: "",
    customerName: "",
    title: "",
    description: "",
    priority: "medium",
    agentId,
    assignedTo: "",
  };
}

/** The values as the body `ticketCreateSchema` parses. */
export function ticketInput(v: Record<NewTicketKey, string>): Record<string, unknown> {
  return {
    customerEmail: v.customerEmail,
    ...(v.customerName.trim() ? { customerName: v.customerName } : {}),
    title: v.title,
    description: v.description,
    priority: v.priority,
    agentId: v.agentId,
    assignedTo: v.assignedTo || null,
  };
}

/** The assignee choices: nobody, me, then the rest of the team by name. */
export function assigneeOptions(me: Me, people: Person[]): [string, string][] {
  return [
    ["", "Unassigned"],
    [me.id, `Me (${me.name})`],
    ...people.filter((p) => p.id !== me.id).map((p): [string, string] => [p.id, p.name]),
  ];
}
