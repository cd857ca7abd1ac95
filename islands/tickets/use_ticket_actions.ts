/**
 * `useTicketActions`: what the team does to a ticket besides writing in it:
 * status, priority, tags, assignee, escalation. One request per control at
 * a time; the answer updates the ticket everywhere (through `upsert`) and
 * says what happened, beside its control or as a toast, for a few seconds.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { useFlash } from "../shared/use_flash.ts";
import { postEscalate, putStatus, putTicket } from "./rest.ts";
import {
  type Priority,
  priorityLabel,
  statusLabel,
  type TicketsProps,
  type TicketStatus,
  type WireTicket,
} from "./types.ts";

/** Which control an error or a confirmation belongs to. */
export type Field = "status" | "priority" | "assignee" | "tags" | "escalate" | "general";

/** The outcome of the last action, shown beside its control (errors are also announced). */
export interface Feedback {
  ticketId: string;
  field: Field;
  tone: "error" | "success";
  text: string;
}

type Answer = { ok: true; data: { ticket: WireTicket } } | { ok: false; error: { message: string } };

/** The actions, which of them are under way, and what the last one said. */
export function useTicketActions(props: Pick<TicketsProps, "me" | "people">, upsert: (t: WireTicket) => void) {
  const [busy, setBusy] = useState<Partial<Record<Field, boolean>>>({});
  const feedback = useFlash<Feedback>();

  async function act(ticketId: string, field: Field, run: () => Promise<Answer>, done: (t: WireTicket) => string) {
    if (busy[field]) return;
    setBusy((b) => ({ ...b, [field]: true }));
    const res = await run();
    setBusy((b) => ({ ...b, [field]: false }));
    if (res.ok) {
      upsert(res.data.ticket);
      feedback.show({ ticketId, field, tone: "success", text: done(res.data.ticket) });
    } else feedback.show({ ticketId, field, tone: "error", text: res.error.message });
  }

  const setStatus = (id: string, status: TicketStatus) =>
    act(id, "status", () => putStatus(id, status), (t) => `Status changed to ${statusLabel(t.status)}.`);
  const setPriority = (id: string, priority: Priority) =>
    act(id, "priority", () => putTicket(id, { priority }), (t) => `Priority set to ${priorityLabel(t.priority)}.`);
  const setTags = (id: string, tags: string[]) =>
    act(id, "tags", () => putTicket(id, { tags }), (t) => t.tags.length ? "Tags saved." : "Tags removed.");
  const assign = (id: string, assignedTo: string | null) =>
    act(
      id,
      "assignee",
      () => putTicket(id, { assignedTo }),
      (t) =>
        t.assignedTo === props.me.id
          ? "Assigned to you."
          : t.assignedTo
          ? `Assigned to ${props.people.find((p) => p.id === t.assignedTo)?.name ?? "a teammate"}.`
          : "Unassigned.",
    );
  const escalate = (id: string) =>
    act(
      id,
      "escalate",
      () => postEscalate(id),
      (t) => `Escalated: priority is now ${priorityLabel(t.priority).toLowerCase()}.`,
    );

  return {
    setStatus,
    setPriority,
    setTags,
    assign,
    escalate,
    busy,
    feedback: feedback.value,
    dismissFeedback: feedback.clear,
  };
}
