/**
 * Pages not built yet (Analytics): each explains what will live there and
 * points to what can be done today.
 *
 * @module
 */
import { Hono } from "hono";
import type { ComponentChildren } from "preact";
import { EmptyState } from "../components/EmptyState.tsx";
import type { IconName } from "../components/Icons.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { AppEnv } from "../http/app_env.ts";
import type { User } from "../models/accounts/user.ts";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

interface Soon {
  path: string;
  title: string;
  description: string;
  icon: IconName;
  empty: string;
  body: string;
  actions: (user: User) => ComponentChildren;
}

const PAGES: Soon[] = [
  {
    path: "/analytics",
    title: "Analytics",
    description: "How your support is doing, at a glance.",
    icon: "analytics",
    empty: "No data yet",
    body: "Once visitors start chatting you'll see conversation volume, the share resolved by AI, response and " +
      "resolution times, customer satisfaction and the questions asked most.",
    actions: () => <a href="/" class="btn-secondary">Back to home</a>,
  },
];

/** `GET /analytics` until its issue lands. */
export function comingSoonPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const page of PAGES) {
    app.get(page.path, requirePageSession, (c) => {
      const user = currentUser(c);
      return renderPage(
        c,
        <SignedInPage title={page.title} current={page.path} user={user}>
          <PageHeader title={page.title} description={page.description} badge="Coming soon" />
          <EmptyState icon={page.icon} title={page.empty} actions={page.actions(user)}>
            <p>{page.body}</p>
          </EmptyState>
        </SignedInPage>,
      );
    });
  }
  return app;
}
