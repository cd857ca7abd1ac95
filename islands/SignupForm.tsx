/**
 * Sign-up form: creates the account and its workspace through
 * `POST /api/auth/register` (validated first with `registerSchema`), then
 * goes to `next` signed in.
 *
 * @module
 */
import { registerSchema } from "../models/accounts/user_schemas.ts";
import { Field } from "../components/Field.tsx";
import { FormMessages } from "../components/FormMessages.tsx";
import { SubmitButton } from "../components/SubmitButton.tsx";
import { api } from "./shared/api.ts";
import { navigate, useForm } from "./shared/use_form.ts";

/** Props of {@linkcode SignupForm}. */
export interface SignupFormProps {
  /** Where to go once the account exists. */
  next: string;
}

/** The sign-up form island. */
export default function SignupForm({ next }: SignupFormProps) {
  const form = useForm({
    id: "signup",
    initial: { name: "", company: "", email: "", password: "" },
    schema: registerSchema,
    send: (data) => api("POST", "/api/auth/register", data),
    onSuccess: () => navigate(next),
  });
  return (
    <form method="post" noValidate onSubmit={form.onSubmit} class="space-y-5" aria-label="Create your account">
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      <Field {...form.field("name")} label="Your name" autocomplete="name" required />
      <Field
        {...form.field("company")}
        label="Company"
        autocomplete="organization"
        hint="Your workspace is named after it; you can invite teammates later."
        required
      />
      <Field {...form.field("email")} label="Work email" type="email" autocomplete="email" required />
      <Field
        {...form.field("password")}
        label="Password"
        type="password"
        autocomplete="new-password"
        hint="At least 8 characters."
        required
      />
      <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Creating your workspace…">
        Create account
      </SubmitButton>
    </form>
  );
}
