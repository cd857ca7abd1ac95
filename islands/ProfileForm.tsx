/**
 * Profile details form: name and company, saved with `PUT /api/auth/profile`.
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

/** Props of {@linkcode ProfileForm}. */
export interface ProfileFormProps {
  name: string;
  company: string;
  email: string;
}

/** The profile details island. */
export default function ProfileForm({ name, company, email }: ProfileFormProps) {
  const [saved, setSaved] = useState(false);
  const form = useForm({
    id: "profile",
    initial: { name, company },
    schema: profileUpdateSchema,
    send: (data) => {
      setSaved(false);
      return api("PUT", "/api/auth/profile", data);
    },
    onSuccess: () => setSaved(true),
  });
  return (
    <form method="post" noValidate onSubmit={form.onSubmit} class="space-y-5" aria-label="Profile details">
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      {saved && <Alert tone="success">Your profile was saved.</Alert>}
      <div class="grid gap-5 sm:grid-cols-2">
        <Field {...form.field("name")} label="Name" autocomplete="name" required />
        <Field {...form.field("company")} label="Company" autocomplete="organization" required />
      </div>
      <Field
        id="profile-email"
        name="email"
        label="Email"
        type="email"
        value={email}
        readOnly
        hint="Your sign-in email. Contact your workspace admin to change it."
      />
      <div class="flex justify-end">
        <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Saving…" class="btn-primary">
          Save changes
        </SubmitButton>
      </div>
    </form>
  );
}
