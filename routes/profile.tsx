/**
 * The profile page: personal details and password change.
 *
 * @module
 */
import { Hono } from "hono";
import type { ComponentChildren } from "preact";
import { roleLabel } from "../components/format.ts";
import { Island } from "../components/Island.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { AppEnv } from "../http/app_env.ts";
import PasswordForm from "../islands/PasswordForm.tsx";
import ProfileForm from "../islands/ProfileForm.tsx";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

function Section(
  { id, title, text, children }: { id: string; title: string; text: string; children: ComponentChildren },
) {
  return (
    <section class="grid gap-6 py-8 first:pt-0 lg:grid-cols-3" aria-labelledby={id}>
      <div>
        <h2 id={id} class="text-base font-semibold text-slate-900">{title}</h2>
        <p class="mt-1 text-sm text-slate-600">{text}</p>
      </div>
      <div class="card p-5 sm:p-6 lg:col-span-2">{children}</div>
    </section>
  );
}

/** `GET /profile`. */
export function profilePage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/profile", requirePageSession, (c) => {
    const user = currentUser(c);
    return renderPage(
      c,
      <SignedInPage title="Your profile" current="/profile" user={user}>
        <PageHeader
          title="Your profile"
          description={
            <>You're {user.role === "admin" ? "an" : "a"} {roleLabel(user.role).toLowerCase()} of {user.company}.</>
          }
        />
        <div class="divide-y divide-slate-200">
          <Section
            id="details-heading"
            title="Personal information"
            text="How you appear to your teammates and in handed-off conversations."
          >
            <Island
              name="ProfileForm"
              component={ProfileForm}
              props={{ name: user.name, company: user.company, email: user.email }}
            />
          </Section>
          <Section id="password-heading" title="Password" text="Changing it signs you out on every other device.">
            <Island name="PasswordForm" component={PasswordForm} props={{}} />
          </Section>
        </div>
      </SignedInPage>,
    );
  });
  return app;
}
