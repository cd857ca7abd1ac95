/**
 * Password recovery pages: ask for a reset link, and choose a new password
 * from the emailed link (`/reset-password?token=...`).
 *
 * @module
 */
import { Hono } from "hono";
import { Alert } from "../components/Alert.tsx";
import { AuthLayout } from "../components/AuthLayout.tsx";
import { Island } from "../components/Island.tsx";
import type { AppEnv } from "../http/app_env.ts";
import ForgotPasswordForm from "../islands/ForgotPasswordForm.tsx";
import ResetPasswordForm from "../islands/ResetPasswordForm.tsx";
import { renderPage } from "./render.tsx";

const backToLogin = (
  <>
    Remembered it? <a href="/login" class="link">Back to sign in</a>
  </>
);

/** `GET /forgot-password` and `GET /reset-password`. */
export function passwordPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/forgot-password", (c) =>
    renderPage(
      c,
      <AuthLayout
        title="Forgot password"
        heading="Reset your password"
        subtitle="Enter the email you sign in with and we'll send you a link to choose a new password."
        footer={backToLogin}
      >
        <Island name="ForgotPasswordForm" component={ForgotPasswordForm} props={{}} />
      </AuthLayout>,
    ));

  app.get("/reset-password", (c) => {
    const token = c.req.query("token") ?? "";
    const valid = token.length >= 16 && token.length <= 200;
    return renderPage(
      c,
      <AuthLayout
        title="Choose a new password"
        heading="Choose a new password"
        subtitle={valid ? "Pick something you don't use anywhere else." : undefined}
        footer={backToLogin}
      >
        {valid
          ? <Island name="ResetPasswordForm" component={ResetPasswordForm} props={{ token }} />
          : (
            <div class="space-y-5">
              <Alert tone="error" title="This reset link is incomplete">
                Open the link from the email again, or request a new one. Links expire after an hour.
              </Alert>
              <a href="/forgot-password" class="btn-primary w-full">Request a new link</a>
            </div>
          )}
      </AuthLayout>,
      valid ? 200 : 400,
    );
  });

  return app;
}
