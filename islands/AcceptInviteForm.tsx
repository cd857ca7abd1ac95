/**
 * Accept-invitation form: the invitee picks a name and password, posts them
 * with the token to `POST /api/auth/invite/accept`, and lands signed in on
 * the dashboard.
 *
 * @module
 */
import { acceptInviteSchema } from "../models/accounts/user_schemas.ts";
import { Field } from "../components/Field.tsx";
import { FormMessages } from "../components/FormMessages.tsx";
import { SubmitButton } from "../components/SubmitButton.tsx";
import { api } from "./shared/api.ts";
import { navigate, useForm } from "./shared/use_form.ts";

/** Props of {@linkcode AcceptInviteForm}. */
export interface AcceptInviteFormProps {
  token: string;
  /** The invited address (fixed by the invite). */
  email: string;
}

/** The accept-invite form island. */
export default function AcceptInviteForm({ token, email }: AcceptInviteFormProps) {
  const form = useForm({
    id: "invite",
    initial: { name: "", password: "" },
    schema: acceptInviteSchema,
    toInput: (v) => ({ token, ...v }),
    send: (data) => api("POST", "/api/auth/invite/accept", data),
    onSuccess: () => navigate("/"),
  });
  return (
    <form method="post" noValidate onSubmit={form.onSubmit} class="space-y-5" aria-label="Accept invitation">
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      <Field id="invite-email" name="email" label="Email" type="email" value={email} readOnly />
      <Field {...form.field("name")} label="Your name" autocomplete="name" required />
      <Field
        {...form.field("password")}
        label="Choose a password"
        type="password"
        autocomplete="new-password"
        hint="At least 8 characters."
        required
      />
      <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Joining…">Join workspace</SubmitButton>
    </form>
  );
}
