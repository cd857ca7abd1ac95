/**
 * "Choose a new password" form behind the emailed link: posts the token and
 * the new password to `POST /api/auth/password/reset`, then sends the user to
 * sign in with it.
 *
 * @module
 */
import { resetSchema } from "../models/accounts/user_schemas.ts";
import { Field } from "../components/Field.tsx";
import { FormMessages } from "../components/FormMessages.tsx";
import { SubmitButton } from "../components/SubmitButton.tsx";
import { api } from "./shared/api.ts";
import { navigate, useForm } from "./shared/use_form.ts";

/** Props of {@linkcode ResetPasswordForm}. */
export interface ResetPasswordFormProps {
  /** The token from the link. */
  token: string;
}

/** The reset-password form island. */
export default function ResetPasswordForm({ token }: ResetPasswordFormProps) {
  const form = useForm({
    id: "reset",
    initial: { password: "", confirm: "" },
    schema: resetSchema,
    toInput: (v) => ({ token, password: v.password }),
    check: (
      v,
    ) => (!v.confirm
      ? { confirm: "Enter the new password again." }
      : v.confirm !== v.password
      ? { confirm: "The passwords don't match." }
      : {}),
    send: (data) => api("POST", "/api/auth/password/reset", data),
    onSuccess: () => navigate("/login?reset=1"),
  });
  return (
    <form method="post" noValidate onSubmit={form.onSubmit} class="space-y-5" aria-label="Choose a new password">
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      {form.formError && (
        <p class="text-sm text-slate-600">
          Links expire after an hour and work once. <a href="/forgot-password" class="link">Request a new link</a>.
        </p>
      )}
      <Field
        {...form.field("password")}
        label="New password"
        type="password"
        autocomplete="new-password"
        hint="At least 8 characters."
        required
      />
      <Field
        {...form.field("confirm")}
        label="Confirm new password"
        type="password"
        autocomplete="new-password"
        required
      />
      <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Saving…">Set new password</SubmitButton>
    </form>
  );
}
