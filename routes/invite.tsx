/**
 * The page behind an invitation email (`/invite?token=...`): names the
 * workspace and the invited address, then asks for a name and password.
 *
 * @module
 */
import { Hono } from "hono";
import { Alert } from "../components/Alert.tsx";
import { AuthLayout } from "../components/AuthLayout.tsx";
import { roleLabel } from "../components/format.ts";
import { Island } from "../components/Island.tsx";
import { AppError } from "../lib/errors.ts";
import type { AppEnv } from "../http/app_env.ts";
import { describeInvite } from "../models/accounts/team.ts";
import AcceptInviteForm from "../islands/AcceptInviteForm.tsx";
import { renderPage } from "./render.tsx";

/** `GET /invite`. */
export function invitePage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/invite", async (c) => {
    const token = c.req.query("token") ?? "";
    let invite: { email: string; role: string; workspace: string } | null = null;
    if (token.length >= 16 && token.length <= 200) {
      try {
        invite = await describeInvite(c.var.deps, token);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
      }
    }
    if (!invite) {
      return renderPage(
        c,
        <AuthLayout title="Invitation not valid" heading="This invitation can't be used">
          <div class="space-y-5">
            <Alert tone="error">
              The link is invalid, was already used, or has expired. Ask your workspace admin to send a new invitation.
            </Alert>
            <a href="/login" class="btn-secondary w-full">Go to sign in</a>
          </div>
        </AuthLayout>,
        400,
      );
    }
    const workspace = invite.workspace || "your team";
    return renderPage(
      c,
      <AuthLayout
        title={`Join ${workspace}`}
        heading={`Join ${workspace} on Frontdesk`}
        subtitle={
          <>
            You've been invited as {invite.role === "admin" ? "an" : "a"}{" "}
            <strong>{roleLabel(invite.role).toLowerCase()}</strong>. Set up your account to start answering customers.
          </>
        }
        footer={
          <>
            Already have an account? <a href="/login" class="link">Sign in</a>
          </>
        }
      >
        <Island name="AcceptInviteForm" component={AcceptInviteForm} props={{ token, email: invite.email }} />
      </AuthLayout>,
    );
  });

  return app;
}
