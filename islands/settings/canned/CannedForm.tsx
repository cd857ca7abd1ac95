/**
 * The dialog to write a canned response or change one: its title, the
 * shortcut typed after `/` in a reply, and the text it inserts. Validated
 * with the API's `cannedSchema`; a shortcut another response uses is said
 * under the shortcut.
 *
 * @module
 */
import { Field } from "../../../components/Field.tsx";
import { FormMessages } from "../../../components/FormMessages.tsx";
import { SubmitButton } from "../../../components/SubmitButton.tsx";
import { TextAreaField } from "../../../components/TextAreaField.tsx";
import { cannedSchema } from "../../../models/tickets/ticket_schemas.ts";
import { Dialog } from "../../shared/Dialog.tsx";
import { useForm } from "../../shared/use_form.ts";
import { type CannedResponse, createCanned, updateCanned } from "./rest.ts";

/** Props of {@linkcode CannedForm}. */
export interface CannedFormProps {
  /** The response to change; null writes a new one. */
  editing: CannedResponse | null;
  onClose: () => void;
  onSaved: (c: CannedResponse) => void;
}

/** The create / edit dialog. */
export function CannedForm(p: CannedFormProps) {
  const e = p.editing;
  const form = useForm({
    id: "canned",
    initial: { title: e?.title ?? "", shortcut: e?.shortcut ?? "", body: e?.body ?? "" },
    schema: cannedSchema,
    send: (data) => e ? updateCanned(e.id, data) : createCanned(data),
    onSuccess: (data) => p.onSaved((data as { cannedResponse: CannedResponse }).cannedResponse),
  });
  return (
    <Dialog
      id="canned-dialog"
      title={e ? "Edit canned response" : "New canned response"}
      description="Your whole team can insert it in a ticket reply by typing / and its shortcut."
      onClose={p.onClose}
    >
      <form method="post" noValidate onSubmit={form.onSubmit} class="space-y-5" aria-label="Canned response">
        <FormMessages formError={form.formError} errorCount={form.errorCount} />
        <div class="grid gap-4 sm:grid-cols-2">
          <Field {...form.field("title")} label="Title" autocomplete="off" required />
          <Field
            {...form.field("shortcut")}
            label="Shortcut"
            autocomplete="off"
            required
            hint="Typed after / in a reply: lowercase letters, digits, - and _."
          />
        </div>
        <TextAreaField
          {...form.field("body")}
          label="Text"
          rows={6}
          required
          maxLength={4000}
          hint="Inserted into the reply as it is; you can still change it before sending."
        />
        <div class="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button type="button" class="btn-secondary" onClick={p.onClose}>Cancel</button>
          <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Saving…" class="btn-primary">
            {e ? "Save changes" : "Save canned response"}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
