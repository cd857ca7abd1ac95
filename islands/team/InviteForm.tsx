/**
 * Invite a teammate by email with a role (`POST /api/users/invites`).
 *
 * @module
 */
import { useState } from "preact/hooks";
import { inviteSchema } from "../../models/accounts/user_schemas.ts";
import { Alert } from "../../components/Alert.tsx";
import { Field } from "../../components/Field.tsx";
import { FormMessages } from "../../components/FormMessages.tsx";
import { SelectField } from "../../components/SelectField.tsx";
import { SubmitButton } from "../../components/SubmitButton.tsx";
import { api } from "../shared/api.ts";
import { useForm } from "../shared/use_form.ts";
import type { TeamInvite } from "./types.ts";

const ROLES = [["user", "Member"], ["admin", "Admin"]] as const;

/** Props of {@linkcode InviteForm}. */
export interface InviteFormProps {
  onInvited: (invite: TeamInvite) => void;
}

/** The "Invite a teammate" card. */
export function InviteForm({ onInvited }: InviteFormProps) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({
    id: "invite",
    initial: { email: "", role: "user" },
    schema: inviteSchema,
    send: (data) => {
      setSentTo(null);
      return api<{ invite: TeamInvite }>("POST", "/api/users/invites", data);
    },
    onSuccess: (data, values) => {
      onInvited((data as { invite: TeamInvite }).invite);
      setSentTo(values.email.trim());
      form.setValues({ email: "", role: values.role });
    },
  });
  const role = form.field("role");
  return (
    <section class="card p-5 sm:p-6" aria-labelledby="invite-heading">
      <h2 id="invite-heading" class="text-base font-semibold text-slate-900">Invite a teammate</h2>
      <p class="mt-1 text-sm text-slate-600">They get an email with a link to join, valid for 7 days.</p>
      <form method="post" noValidate onSubmit={form.onSubmit} class="mt-5 space-y-5" aria-label="Invite a teammate">
        <FormMessages formError={form.formError} errorCount={form.errorCount} />
        {sentTo && <Alert tone="success">Invitation sent to {sentTo}.</Alert>}
        <Field {...form.field("email")} label="Email address" type="email" autocomplete="off" required />
        <SelectField
          id={role.id}
          name="role"
          label="Role"
          value={role.value}
          onInput={role.onInput}
          options={ROLES}
          hint="Members work the inbox. Admins also manage agents, settings and the team."
        />
        <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Sending…">Send invite</SubmitButton>
      </form>
    </section>
  );
}
