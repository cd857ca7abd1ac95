/**
 * Sign-in and sign-up pages. Someone already signed in is sent to the
 * dashboard; `?next=` (same-site paths only) is where the form goes after.
 *
 * @module
 */
import { Hono } from "hono";
import { Alert } from "../components/Alert.tsx";
import { AuthLayout } from "../components/AuthLayout.tsx";
import { Island } from "../components/Island.tsx";
import type { AppEnv } from "../http/app_env.ts";
import LoginForm from "../islands/LoginForm.tsx";
import SignupForm from "../islands/SignupForm.tsx";
import { safeNext } from "../http/page_session.ts";
import { renderPage } from "./render.tsx";

/** Links between the two pages keep `next`. */
function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/** `GET /login` and `GET /signup`. */
export function authPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/login", (c) => {
    if (c.var.user) return c.redirect("/", 302);
    const next = safeNext(c.req.query("next"));
    const reset = c.req.query("reset") === "1";
    return renderPage(
      c,
      <AuthLayout
        title="Sign in"
        description="Sign in to Frontdesk to answer your customers: the AI agent's conversations, handoffs and tickets in one real-time inbox."
        heading="Sign in to Frontdesk"
        subtitle="Welcome back. Your inbox is waiting."
        footer={
          <>
            New to Frontdesk? <a href={withNext("/signup", next)} class="link">Create an account</a>
          </>
        }
      >
        {reset && (
          <Alert tone="success" title="Password changed" class="mb-5">
            Sign in with your new password.
          </Alert>
        )}
        <Island name="LoginForm" component={LoginForm} props={{ next: next ?? "/" }} />
      </AuthLayout>,
    );
  });

  app.get("/signup", (c) => {
    if (c.var.user) return c.redirect("/", 302);
    const next = safeNext(c.req.query("next"));
    return renderPage(
      c,
      <AuthLayout
        title="Create your account"
        description="Create a Frontdesk workspace: an AI support agent trained on your own content, a chat widget for your site, and an inbox for your team."
        heading="Create your Frontdesk account"
        subtitle="Set up your workspace and your first AI support agent in minutes."
        footer={
          <>
            Already have an account? <a href={withNext("/login", next)} class="link">Sign in</a>
          </>
        }
      >
        <Island name="SignupForm" component={SignupForm} props={{ next: next ?? "/" }} />
        <p class="mt-5 text-center text-xs text-slate-500">
          You'll be the admin of your workspace and can invite teammates next.
        </p>
      </AuthLayout>,
    );
  });

  return app;
}
