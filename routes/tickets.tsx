/**
 * Tickets (`/inbox/tickets`, and `/inbox/tickets/:id` with one open), for
 * every signed-in member. The page renders the first page of tickets for the
 * filters in its query string, the open ticket, the agents and teammates'
 * names; the island takes it live from there. Another workspace's ticket,
 * or an unknown id, is a 404 page. Mounted before the Inbox so
 * `/inbox/tickets` is not taken for a conversation id.
 *
 * @module
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { Island } from "../components/Island.tsx";
import { listAgents } from "../models/agents/agents.ts";
import type { AppEnv } from "../http/app_env.ts";
import { ticketListSchema } from "../models/tickets/ticket_schemas.ts";
import { getTicket, listTickets } from "../models/tickets/tickets.ts";
import Tickets from "../islands/Tickets.tsx";
import { apiQuery, PAGE_SIZE, parseQuery } from "../islands/tickets/filters.ts";
import type { TicketsProps } from "../islands/tickets/types.ts";
import { requirePageSession } from "../http/page_session.ts";
import { currentUser } from "../http/session.ts";
import { listTeammates } from "../models/accounts/team.ts";
import { staffConversations } from "../models/chat/finders.ts";
import { wireConversation } from "../realtime/wire.ts";
import { wireTicket } from "../models/tickets/wire.ts";
import { renderPage } from "./render.tsx";
import { SignedInPage } from "./shell.tsx";

async function ticketsPage(c: Context<AppEnv>, selectedId: string | null) {
  const user = currentUser(c);
  const deps = c.var.deps;
  // An unknown or foreign id throws NotFoundError: the 404 page.
  const selected = selectedId ? await getTicket(deps, user, selectedId) : null;
  const query = parseQuery(new URL(c.req.url).searchParams);
  const listQuery = ticketListSchema.parse(Object.fromEntries(new URLSearchParams(apiQuery(query, null, PAGE_SIZE))));
  const [page, agents, users] = await Promise.all([
    listTickets(deps, user, listQuery),
    listAgents(deps, user),
    listTeammates(deps, user),
  ]);
  const shown = selected && !page.tickets.some((t) => t.id === selected.id)
    ? [...page.tickets, selected]
    : page.tickets;
  const conversations = (await staffConversations(deps, user, shown.map((t) => t.conversationId)))
    .map((conv) => wireConversation(conv, null));
  const props: TicketsProps = {
    tickets: page.tickets.map(wireTicket),
    nextCursor: page.nextCursor,
    query,
    selected: selected ? wireTicket(selected) : null,
    conversations,
    agents: agents.map((a) => ({ id: a.id, name: a.name })),
    people: users.map((u) => ({ id: u.id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name)),
    me: { id: user.id, name: user.name, role: user.role },
    now: deps.clock.now().toISOString(),
    maxUploadBytes: deps.config.maxUploadBytes,
  };
  return renderPage(
    c,
    <SignedInPage title={selected ? `${selected.title} · Tickets` : "Tickets"} current="/inbox/tickets" user={user}>
      <Island name="Tickets" component={Tickets} props={props} />
    </SignedInPage>,
  );
}

/** `GET /inbox/tickets`, `GET /inbox/tickets/:id`. */
export function ticketsPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/inbox/tickets", requirePageSession, (c) => ticketsPage(c, null));
  app.get("/inbox/tickets/:id", requirePageSession, (c) => ticketsPage(c, c.req.param("id")));
  return app;
}
