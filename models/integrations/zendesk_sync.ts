/**
 * Zendesk both ways. Out: a ticket that opens in Frontdesk (a handoff, or
 * staff) creates a Zendesk ticket with the transcript (a private comment, so
 * Zendesk mails the customer nothing on our behalf), the customer as
 * requester when known, a link back, and `external_id` = our ticket id (a
 * create cut by a crash finds its ticket instead of making a second);
 * Frontdesk status changes update the Zendesk ticket. In: Zendesk's ticket
 * event webhooks (`zen:event-type:ticket.comment_added`,
 * `zen:event-type:ticket.status_changed`), signed with the webhook's secret,
 * bring public comments back to the customer as a staff reply and solved
 * tickets back as resolved.
 *
 * No echo: comments authored by the agent whose token we use are ours and
 * ignored; each link keeps the status both sides last agreed on, so a change
 * that came from Zendesk is not sent back to it (and ours not taken back);
 * a redelivered webhook (same `id`) changes nothing.
 *
 * @module
 */
import { ConflictError, UnauthorizedError, ValidationError } from "../../lib/errors.ts";
import { isId } from "../../lib/ids.ts";
import type { User } from "../accounts/user.ts";
import type { Deps } from "../ports/deps.ts";
import type { Ticket } from "../tickets/ticket.ts";
import { addTicketMessage, setStatus } from "../tickets/tickets.ts";
import { describeError, recordHealth, secretsOf, teammateByEmail, zendeskFor } from "./connections.ts";
import type { Connection } from "./integration.ts";
import { checkZendeskSignature } from "./signing.ts";
import { ZendeskApiError, type ZendeskStatus } from "./zendesk_api.ts";

/** Frontdesk status -> Zendesk status. */
const TO_ZENDESK: Record<Ticket["status"], ZendeskStatus> = {
  "open": "open",
  "in-progress": "open",
  "resolved": "solved",
  // Zendesk closes solved tickets itself and refuses "closed" through the API.
  "closed": "solved",
};

async function withHealth<T>(deps: Deps, conn: Connection<"zendesk">, work: () => Promise<T>): Promise<T | undefined> {
  try {
    const out = await work();
    if (conn.status === "error") await recordHealth(deps, conn.workspaceId, "zendesk", null);
    return out;
  } catch (err) {
    await recordHealth(deps, conn.workspaceId, "zendesk", describeError(err));
    // 4xx other than 429 will not get better by retrying: recorded, and let go.
    if (err instanceof ZendeskApiError && err.status >= 400 && err.status < 500 && err.status !== 429) return;
    throw err;
  }
}

/** The transcript as the Zendesk ticket's first (private) comment, with a link back. */
async function transcript(deps: Deps, ticket: Ticket): Promise<string> {
  const messages = await deps.store.conversations.messagesAfter(ticket.workspaceId, ticket.conversationId, 0, {
    limit: 200,
    includeInternal: false,
  });
  const lines = messages
    .filter((m) => m.authorKind !== "system" && m.text.trim())
    .map((m) => {
      const who = m.authorKind === "visitor" ? "Customer" : m.authorKind === "ai" ? "AI" : m.authorName ?? "Team";
      return `${who}: ${m.text.trim()}`;
    });
  return [
    `Handed over from Frontdesk (${ticket.source.replaceAll("_", " ")}).`,
    "",
    ...(lines.length ? lines : [ticket.description]),
    "",
    `Open in Frontdesk: ${deps.config.appUrl}/inbox/tickets/${ticket.id}`,
  ].join("\n").slice(0, 60_000);
}

/** Creates the Zendesk ticket of a Frontdesk ticket (once). */
export async function createZendeskTicket(deps: Deps, conn: Connection<"zendesk">, ticketId: string): Promise<void> {
  const wid = conn.workspaceId;
  const ticket = await deps.store.tickets.get(wid, ticketId);
  if (!ticket || await deps.store.integrations.link(wid, "zendesk", ticket.conversationId)) return;
  const api = await zendeskFor(deps, conn);
  await withHealth(deps, conn, async () => {
    const found = await api.findByExternalId(ticket.id);
    const zd = found ?? await api.createTicket({
      subject: ticket.title,
      comment: { body: await transcript(deps, ticket), public: false },
      ...(ticket.customerEmail
        ? { requester: { name: ticket.customerName || ticket.customerEmail, email: ticket.customerEmail } }
        : {}),
      external_id: ticket.id,
      tags: ["frontdesk"],
    });
    const now = deps.clock.now();
    await deps.store.integrations.putLink({
      workspaceId: wid,
      kind: "zendesk",
      localId: ticket.conversationId,
      remoteId: String(zd.id),
      state: { status: TO_ZENDESK[ticket.status] },
      createdAt: now,
      updatedAt: now,
    });
  });
}

/** Sends a Frontdesk status change to Zendesk, unless Zendesk already has it (it may have come from there). */
export async function pushZendeskStatus(
  deps: Deps,
  conn: Connection<"zendesk">,
  conversationId: string,
  to: Ticket["status"],
): Promise<void> {
  const link = await deps.store.integrations.link(conn.workspaceId, "zendesk", conversationId);
  if (!link) return;
  const status = TO_ZENDESK[to];
  if (link.state.status === status) return;
  const api = await zendeskFor(deps, conn);
  await withHealth(deps, conn, async () => {
    await api.updateTicket(link.remoteId, { status });
    await deps.store.integrations.putLink({
      ...link,
      state: { ...link.state, status },
      updatedAt: deps.clock.now(),
    });
  });
}

/** A Zendesk webhook request. */
export interface ZendeskRequest {
  body: string;
  signature: string | null;
  timestamp: string | null;
  workspace?: string;
}

type ZendeskEvent = {
  id?: string;
  type?: string;
  detail?: { id?: string | number };
  event?: {
    current?: string;
    comment?: { id?: string | number; body?: string; is_public?: boolean; author?: { id?: string | number } };
  };
};

/** Handles one webhook request from Zendesk (401 unless signed with the connection's webhook secret). */
export async function handleZendeskWebhook(deps: Deps, req: ZendeskRequest): Promise<void> {
  const conn = req.workspace && isId(req.workspace)
    ? await deps.store.integrations.get(req.workspace, "zendesk")
    : null;
  const secret = conn ? (await secretsOf(deps, conn)).webhookSecret : undefined;
  if (!req.signature || !req.timestamp) throw new UnauthorizedError("Missing Zendesk signature headers.", "unsigned");
  if (!conn || !secret || !(await checkZendeskSignature(secret, req, req.body))) {
    throw new UnauthorizedError("The Zendesk signature does not match.", "bad_signature");
  }
  let e: ZendeskEvent;
  try {
    e = JSON.parse(req.body);
  } catch {
    throw new ValidationError("The body is not JSON.");
  }
  const wid = conn.workspaceId;
  const key = String(e.id ?? "");
  if (key && await deps.store.integrations.seen("zendesk", wid, key)) return;
  const link = e.detail?.id !== undefined
    ? await deps.store.integrations.linkByRemote(wid, "zendesk", String(e.detail.id))
    : null;
  const ticket = link ? await deps.store.tickets.forConversation(wid, link.localId) : null;
  if (link && ticket) {
    if (e.type === "zen:event-type:ticket.comment_added") await commentAdded(deps, conn, ticket, e);
    else if (e.type === "zen:event-type:ticket.status_changed") await statusChanged(deps, conn, link, ticket, e);
  }
  if (key) await deps.store.integrations.markSeen("zendesk", wid, key, deps.clock.now());
}

/** Who acts in Frontdesk for Zendesk: the connecting admin (still on the team), else any admin. */
async function integrationActor(deps: Deps, conn: Connection<"zendesk">): Promise<User | null> {
  const team = await deps.store.users.list(conn.workspaceId);
  return team.find((u) => u.id === conn.connectedBy) ?? team.find((u) => u.role === "admin") ?? null;
}

async function commentAdded(deps: Deps, conn: Connection<"zendesk">, ticket: Ticket, e: ZendeskEvent) {
  const c = e.event?.comment;
  if (!c?.is_public || !c.body?.trim()) return; // private notes stay in Zendesk
  const authorId = c.author?.id !== undefined ? String(c.author.id) : undefined;
  if (authorId && authorId === conn.settings.agentUserId) return; // ours (the transcript): no echo
  let author: User | null = null;
  if (authorId) {
    const api = await zendeskFor(deps, conn);
    author = await teammateByEmail(deps, conn.workspaceId, await api.userEmail(authorId).catch(() => null));
  }
  author ??= await integrationActor(deps, conn);
  if (!author) return;
  await addTicketMessage(deps, author, ticket.id, {
    content: c.body.trim().slice(0, 4000),
    internal: false,
    clientId: `zendesk-${c.id ?? key(e)}`,
  }, { via: "zendesk" });
}

const key = (e: ZendeskEvent) => String(e.id ?? crypto.randomUUID());

async function statusChanged(
  deps: Deps,
  conn: Connection<"zendesk">,
  link: NonNullable<Awaited<ReturnType<Deps["store"]["integrations"]["link"]>>>,
  ticket: Ticket,
  e: ZendeskEvent,
) {
  const current = String(e.event?.current ?? "").toLowerCase() as ZendeskStatus;
  let to: Ticket["status"] | null = null;
  if ((current === "solved" || current === "closed") && (ticket.status === "open" || ticket.status === "in-progress")) {
    to = "resolved";
  } else if ((current === "open" || current === "new") && ticket.status === "resolved") {
    to = "open";
  }
  // Whatever Zendesk says now is what both sides agree on: our listener must not send it back.
  await deps.store.integrations.putLink({
    ...link,
    state: { ...link.state, status: current === "new" ? "open" : current },
    updatedAt: deps.clock.now(),
  });
  if (!to) return;
  const actor = await integrationActor(deps, conn);
  if (!actor) return;
  await setStatus(deps, actor, ticket.id, to).catch((err) => {
    if (!(err instanceof ConflictError)) throw err; // a transition the rules refuse: left as it is
  });
}
