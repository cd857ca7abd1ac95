/**
 * Error pages for the dashboard: inside the app shell for a signed-in user,
 * on the public card layout otherwise. `app.ts` hands these to the error
 * mapper (`http/errors.ts`) for unknown paths and errors outside `/api`.
 *
 * @module
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AuthLayout } from "../components/AuthLayout.tsx";
import { ErrorContent, errorTitle } from "../components/ErrorContent.tsx";
import type { AppEnv } from "../http/app_env.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

/** Renders an error page with `status` and a message safe to show. */
export function renderErrorPage(c: Context<AppEnv>, status: number, message: string): Response {
  const code = (status >= 400 && status <= 599 ? status : 500) as ContentfulStatusCode;
  const user = c.get("user") ?? null;
  const title = errorTitle(code);
  const current = new URL(c.req.url).pathname;
  if (user) {
    return renderPage(
      c,
      <SignedInPage title={title} current={current} user={user}>
        <ErrorContent status={code} message={message} signedIn />
      </SignedInPage>,
      code,
    );
  }
  return renderPage(
    c,
    <AuthLayout title={title} heading={title}>
      <ErrorContent status={code} message={message} signedIn={false} compact />
    </AuthLayout>,
    code,
  );
}

/** The 404 page. */
export function renderNotFound(c: Context<AppEnv>): Response {
  return renderErrorPage(c, 404, "The page you're looking for doesn't exist or has moved.");
}
