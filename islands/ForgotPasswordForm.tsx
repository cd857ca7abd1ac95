/**
 * "Forgot password" form: asks `POST /api/auth/password/forgot` to email a
 * reset link. The answer never says whether the account exists.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { forgotSchema } from "../models/accounts/user_schemas.ts";
import { Alert } from "../components/Alert.tsx";
import { Field } from "../components/Field.tsx";
import { FormMessages } from "../components/FormMessages.tsx";
import { SubmitButton } from "../components/SubmitButton.tsx";
import { api } from "./shared/api.ts";
import { useForm } from "./shared/use_form.ts";

/** The forgot-password form island (no props). */
export default function ForgotPasswordForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({
    id: "forgot",
    initial: { email: "" },
    schema: forgotSchema,
    send: (data) => api("POST", "/api/auth/password/forgot", data),
    onSuccess: (_data, values) => setSentTo(values.email.trim()),
  });
  if (sentTo !== null) {
    return (
      <div class="space-y-5">
        <Alert tone="success" title="Check your inbox">
          If an account exists for that email, we sent a link to reset your password. It expires in one hour.
        </Alert>
        <p class="text-sm text-slate-600">
          Didn't get it? Check your spam folder, or{" "}
          <button type="button" class="link" onClick={() => setSentTo(null)}>try another email</button>.
        </p>
        <a href="/login" class="btn-secondary w-full">Back to sign in</a>
      </div>
    );
  }
  return (
    <form
      method="post"
      noValidate
      onSubmit={form.onSubmit}
      class="space-y-5"
      aria-label="Request a password reset link"
    >
      <FormMessages formError={form.formError} errorCount={form.errorCount} />
      <Field {...form.field("email")} label="Email" type="email" autocomplete="email" required />
      <SubmitButton ready={form.ready} busy={form.busy} busyLabel="Sending…">Email me a reset link</SubmitButton>
    </form>
  );
}
