/**
 * Agents, Inbox, Analytics and Settings: not built yet, so each page explains
 * what will live there and points to what can be done today.
 *
 * @module
 */
import { Hono } from "hono";
import type { ComponentChildren } from "preact";
import { EmptyState } from "../components/EmptyState.tsx";
import type { IconName } from "../components/Icons.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { AppEnv } from "../models/app_env.ts";
import type { User } from "../models/user.ts";
import { currentUser, requireUser } from "./guard.ts";
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
    path: "/inbox",
    title: "Inbox",
    description: "Conversations the AI handed off to your team, as tickets.",
    icon: "inbox",
    empty: "Your inbox is empty",
    body: "When a visitor asks for a person, or the AI isn't sure, the conversation lands here as a ticket. " +
      "You'll reply live, add internal notes, assign and resolve, all in real time.",
    actions: () => <a href="/" class="btn-secondary">See the setup checklist</a>,
  },
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

/** `GET /inbox`, `/analytics` until their issues land. */
export function comingSoonPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const page of PAGES) {
    app.get(page.path, requireUser, (c) => {
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
