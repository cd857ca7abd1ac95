/**
 * Change-password form: current and new password, sent with
 * `PUT /api/auth/profile`. Other sessions are signed out by the server.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { profileUpdateSchema } from "../models/accounts/user_schemas.ts";
import { Alert } from "../components/Alert.tsx";
import { Field } from "../components/Field.tsx";
import { FormMessages } from "../components/FormMessages.tsx";
import { SubmitButton } from "../components/SubmitButton.tsx";
import { api } from "./shared/api.ts";
import { useForm } from "./shared/use_form.ts";

/** The change-password island (no props). */
export default function PasswordForm() {
  const [saved, setSaved] = useState(false);
  const form = useForm({
    id: "password",
    initial: { currentPassword: "", newPassword: "" },
    schema: profileUpdateSchema,
    toInput: (v) => ({ currentPassword: v.currentPassword || undefined, newPassword: v.newPassword || undefined }),
    check: (v) => ({
      ...(v.currentPassword ? {} : { currentPassword: "Enter your current password." }),
      ...(v.newPassword ? {} : { newPassword: "Enter a new password." }),
    }),
    send: (data) => {
      setSaved(false);
      return api("PUT", "/api/auth/profile", data);
    },
    onSuccess: () => {
      form.setValues({ currentPassword: "", newPassword: "" });
      setSaved(true);
    },
  });
  return (
    <form method="post" noValidate onSubmit={form.onSubmit} class="space-y-5" aria-label="Change password">
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      {saved && <Alert tone="success">Password changed. Other devices were signed out.</Alert>}
      <div class="grid gap-5 sm:grid-cols-2">
        <Field
          {...form.field("currentPassword")}
          label="Current password"
          type="password"
          autocomplete="current-password"
          required
        />
        <Field
          {...form.field("newPassword")}
          label="New password"
          type="password"
          autocomplete="new-password"
          hint="At least 8 characters."
          required
        />
      </div>
      <div class="flex justify-end">
        <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Updating…" class="btn-primary">
          Update password
        </SubmitButton>
      </div>
    </form>
  );
}
