/**
 * The Inbox (`/inbox`, and `/inbox/:id` with that conversation open), for
 * every signed-in member. The page renders the most recent conversations
 * and the workspace's agents; the island takes it live from there. Another
 * workspace's conversation, or an unknown id, is a 404 page.
 *
 * @module
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { Island } from "../components/Island.tsx";
import { listAgents } from "../models/agents/agents.ts";
import type { AppEnv } from "../http/app_env.ts";
import { staffConversation } from "../models/chat/chat.ts";
import { listConversations } from "../models/chat/history.ts";
import Inbox from "../islands/Inbox.tsx";
import { wireConversations } from "../realtime/wire.ts";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

/** Conversations rendered with the page (the socket's `welcome` sends as many). */
const FIRST_PAGE = 50;

async function inboxPage(c: Context<AppEnv>, selectedId: string | null) {
  const user = currentUser(c);
  const deps = c.var.deps;
  // An unknown or foreign id throws NotFoundError: the 404 page.
  const selected = selectedId ? await staffConversation(deps, user, selectedId) : null;
  const [list, agents] = await Promise.all([
    listConversations(deps, user, { limit: FIRST_PAGE }),
    listAgents(deps, user),
  ]);
  const shown = selected && !list.some((x) => x.id === selected.id) ? [...list, selected] : list;
  const conversations = await wireConversations(deps, shown);
  return renderPage(
    c,
    <SignedInPage title="Inbox" current="/inbox" user={user}>
      <Island
        name="Inbox"
        component={Inbox}
        props={{
          conversations,
          nextCursor: list.length === FIRST_PAGE ? list.at(-1)!.id : null,
          selectedId: selected?.id ?? null,
          agents: agents.map((a) => ({ id: a.id, name: a.name, canTranslate: a.provider !== "local" })),
          now: deps.clock.now().toISOString(),
          maxUploadBytes: deps.config.maxUploadBytes,
        }}
      />
    </SignedInPage>,
  );
}

/** `GET /inbox`, `GET /inbox/:id`. */
export function inboxPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/inbox", requirePageSession, (c) => inboxPage(c, null));
  app.get("/inbox/:id", requirePageSession, (c) => inboxPage(c, c.req.param("id")));
  return app;
}
