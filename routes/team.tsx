/**
 * The team page (admins only): members, pending invites and the invite form.
 * Others get a friendly 403 page.
 *
 * @module
 */
import { Hono } from "hono";
import { Island } from "../components/Island.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import type { AppEnv } from "../http/app_env.ts";
import { listInvites, listUsers, publicInvite } from "../models/accounts/team.ts";
import TeamManager, { type TeamManagerProps } from "../islands/TeamManager.tsx";
import { renderErrorPage } from "./errors.tsx";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

/** `GET /team`. */
export function teamPage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/team", requirePageSession, async (c) => {
    const user = currentUser(c);
    if (user.role !== "admin") {
      return renderErrorPage(
        c,
        403,
        "Only workspace admins can manage the team. Ask an admin if you need someone added.",
      );
    }
    const [users, invites] = await Promise.all([listUsers(c.var.deps, user), listInvites(c.var.deps, user)]);
    const props: TeamManagerProps = {
      meId: user.id,
      members: users.map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        role: u.role,
        createdAt: u.createdAt.toISOString(),
      })),
      invites: invites.map(publicInvite).map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role ?? "user",
        expiresAt: i.expiresAt.toISOString(),
        createdAt: i.createdAt.toISOString(),
      })),
    };
    return renderPage(
      c,
      <SignedInPage title="Team" current="/team" user={user}>
        <PageHeader
          title="Team"
          description={`Everyone who can sign in to ${user.company}, and invitations waiting to be accepted.`}
        />
        <Island name="TeamManager" component={TeamManager} props={props} />
      </SignedInPage>,
    );
  });
  return app;
}
