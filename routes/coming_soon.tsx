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

const teamLink = (user: User) =>
  user.role === "admin" ? <a href="/team" class="btn-secondary">Invite your team</a> : null;

const PAGES: Soon[] = [
  {
    path: "/agents",
    title: "Agents",
    description: "AI support agents that answer your customers from your own knowledge.",
    icon: "agents",
    empty: "No agents yet",
    body: "Soon you'll create an agent here, give it a tone and instructions, feed it text, documents or your " +
      "website, and try it in a playground before it goes live.",
    actions: (user) => (
      <>
        <a href="/" class="btn-primary">Back to getting started</a>
        {teamLink(user)}
      </>
    ),
  },
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
  {
    path: "/settings",
    title: "Settings",
    description: "Your workspace, the chat widget and integrations.",
    icon: "settings",
    empty: "Settings are on the way",
    body: "This is where you'll copy the widget's embed snippet, choose AI providers, create API keys and " +
      "configure webhooks. Your own name and password are already editable on your profile.",
    actions: (user) => (
      <>
        <a href="/profile" class="btn-primary">Edit your profile</a>
        {teamLink(user)}
      </>
    ),
  },
];

/** `GET /agents`, `/inbox`, `/analytics`, `/settings`. */
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
