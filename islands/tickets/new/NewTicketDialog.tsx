/**
 * The "New ticket" dialog: staff open a ticket by hand for a customer (a
 * phone call, an email): who the customer is, what it is about, its
 * priority, the AI agent whose conversations it joins and, if already
 * known, who works it. Validated in the browser with the API's own
 * `ticketCreateSchema`, sent to `POST /api/tickets`; the caller opens the
 * ticket it gets back.
 *
 * @module
 */
import { Alert } from "../../../components/Alert.tsx";
import { Field } from "../../../components/Field.tsx";
import { FormMessages } from "../../../components/FormMessages.tsx";
import { SelectField } from "../../../components/SelectField.tsx";
import { SubmitButton } from "../../../components/SubmitButton.tsx";
import { TextAreaField } from "../../../components/TextAreaField.tsx";
import { ticketCreateSchema } from "../../../models/tickets/ticket_schemas.ts";
import { api } from "../../shared/api.ts";
import { Dialog } from "../../shared/Dialog.tsx";
import { useForm } from "../../shared/use_form.ts";
import { type AgentOption, type Me, type Person, PRIORITIES, type WireTicket } from "../types.ts";
import { assigneeOptions, blankTicket, ticketInput } from "./new_ticket.ts";

/** Props of {@linkcode NewTicketDialog}. */
export interface NewTicketDialogProps {
  agents: AgentOption[];
  people: Person[];
  me: Me;
  onClose: () => void;
  /** The ticket the server opened. */
  onCreated: (ticket: WireTicket) => void;
}

const PRIORITY_OPTIONS = PRIORITIES.map((p) => [p.key, p.label] as const);

/** The dialog and its form. */
export function NewTicketDialog(p: NewTicketDialogProps) {
  const form = useForm({
    id: "new-ticket",
    initial: blankTicket(p.agents[0]?.id ?? ""),
    schema: ticketCreateSchema,
    toInput: ticketInput,
    send: (data) => api<{ ticket: WireTicket }>("POST", "/api/tickets", data),
    onSuccess: (data) => p.onCreated((data as { ticket: WireTicket }).ticket),
  });
  const select = (k: "priority" | "agentId" | "assignedTo") => {
    const f = form.field(k);
    return { id: f.id, name: f.name, value: f.value, error: f.error, onInput: f.onInput };
  };
  return (
    <Dialog
      id="new-ticket-dialog"
      title="New ticket"
      description="Open a ticket for a customer who reached you another way, like a call or an email."
      onClose={p.onClose}
    >
      {p.agents.length === 0
        ? (
          <div class="space-y-4">
            <Alert tone="info" title="No AI agent yet">
              A ticket belongs to one of your agents' conversations. {p.me.role === "admin"
                ? <a href="/agents/new" class="link">Create an agent</a>
                : "Ask an admin to create an agent"} first.
            </Alert>
            <div class="flex justify-end">
              <button type="button" class="btn-secondary" onClick={p.onClose}>Close</button>
            </div>
          </div>
        )
        : (
          <form method="post" noValidate onSubmit={form.onSubmit} class="space-y-5" aria-label="New ticket">
            <FormMessages formError={form.formError} errorCount={form.errorCount} />
            <fieldset class="grid gap-4 sm:grid-cols-2">
              <legend class="sr-only">Customer</legend>
              <Field
                {...form.field("customerEmail")}
                label="Customer email"
                type="email"
                autocomplete="off"
                required
              />
              <Field {...form.field("customerName")} label="Customer name (optional)" autocomplete="off" />
            </fieldset>
            <Field {...form.field("title")} label="Title" autocomplete="off" required />
            <TextAreaField
              {...form.field("description")}
              label="Description"
              rows={4}
              hint="What the customer needs. Only your team sees it."
            />
            <div class="grid gap-4 sm:grid-cols-3">
              <SelectField {...select("priority")} label="Priority" options={PRIORITY_OPTIONS} />
              <SelectField
                {...select("agentId")}
                label="AI agent"
                options={p.agents.map((a) => [a.id, a.name] as const)}
              />
              <SelectField {...select("assignedTo")} label="Assignee" options={assigneeOptions(p.me, p.people)} />
            </div>
            <div class="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <button type="button" class="btn-secondary" onClick={p.onClose}>Cancel</button>
              <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Creating…" class="btn-primary">
                Create ticket
              </SubmitButton>
            </div>
          </form>
        )}
    </Dialog>
  );
}
