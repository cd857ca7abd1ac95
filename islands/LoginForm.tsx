/**
 * Sign-in form: validates with `loginSchema`, posts `/api/auth/login`, then
 * goes to `next` (a same-site path the server already checked).
 *
 * @module
 */
import { loginSchema } from "../models/accounts/user_schemas.ts";
import { Field } from "../components/Field.tsx";
import { FormMessages } from "../components/FormMessages.tsx";
import { SubmitButton } from "../components/SubmitButton.tsx";
import { api } from "./shared/api.ts";
import { navigate, useForm } from "./shared/use_form.ts";

/** Props of {@linkcode LoginForm}. */
export interface LoginFormProps {
  /** Where to go after signing in. */
  next: string;
}

/** The sign-in form island. */
export default function LoginForm({ next }: LoginFormProps) {
  const form = useForm({
    id: "login",
    initial: { email: "", password: "" },
    schema: loginSchema,
    send: (data) => api("POST", "/api/auth/login", data),
    onSuccess: () => navigate(next),
  });
  return (
    <form method="post" noValidate onSubmit={form.onSubmit} class="space-y-5" aria-label="Sign in">
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      <Field {...form.field("email")} label="Work email" type="email" autocomplete="email" required />
      <Field
        {...form.field("password")}
        label="Password"
        type="password"
        autocomplete="current-password"
        required
        aside={<a href="/forgot-password" class="link">Forgot password?</a>}
      />
      <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
