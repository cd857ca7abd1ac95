/**
 * The ticket list's rules, pure: reading and writing the filters of the
 * page's query string (unknown or malformed values are dropped, so a hand-
 * edited URL never breaks the page), the API query for a page, whether a
 * ticket passes the filters, the sort orders the server uses, and how a
 * live ticket changes the loaded list.
 *
 * @module
 */
import {
  PRIORITIES,
  type Priority,
  SORTS,
  STATUSES,
  type TicketQuery,
  type TicketSort,
  type TicketStatus,
  type WireTicket,
} from "./types.ts";

/** Tickets per page. */
export const PAGE_SIZE = 25;

/** No filters, newest first. */
export const DEFAULT_QUERY: TicketQuery = {
  status: "",
  priority: "",
  assignee: "",
  tag: "",
  agentId: "",
  q: "",
  sort: "newest",
};

const ID = /^[0-9a-f]{24}$/;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;

/** A tag as the server stores it (trimmed, lowercase), or null when it could not be one. */
export function normalizeTag(raw: string): string | null {
  const t = raw.trim().toLowerCase();
  return t.length >= 1 && t.length <= 40 && TAG.test(t) ? t : null;
}

/** The filters in a query string; anything unknown or malformed is left out. */
export function parseQuery(params: URLSearchParams): TicketQuery {
  const status = params.get("status") ?? "";
  const priority = params.get("priority") ?? "";
  const assignee = params.get("assignee") ?? "";
  const agentId = params.get("agentId") ?? "";
  const sort = params.get("sort") ?? "";
  const q = (params.get("q") ?? "").trim().slice(0, 200);
  return {
    status: STATUSES.some((s) => s.key === status) ? status as TicketStatus : "",
    priority: PRIORITIES.some((p) => p.key === priority) ? priority as Priority : "",
    assignee: assignee === "me" || assignee === "unassigned" || ID.test(assignee) ? assignee : "",
    tag: normalizeTag(params.get("tag") ?? "") ?? "",
    agentId: ID.test(agentId) ? agentId : "",
    q,
    sort: SORTS.some((s) => s.key === sort) ? sort as TicketSort : "newest",
  };
}

/** The query string of the filters (defaults left out), without "?". */
export function queryString(f: TicketQuery): string {
  const out = new URLSearchParams();
  for (const key of ["status", "priority", "assignee", "tag", "agentId", "q"] as const) {
    if (f[key]) out.set(key, f[key]);
  }
  if (f.sort !== "newest") out.set("sort", f.sort);
  return out.toString();
}

/** `/inbox/tickets` (or one ticket) keeping the list's filters. */
export function ticketsUrl(f: TicketQuery, id?: string | null): string {
  const qs = queryString(f);
  return `/inbox/tickets${id ? `/${id}` : ""}${qs ? `?${qs}` : ""}`;
}

/** The query of `GET /api/tickets` for a page of `f`. */
export function apiQuery(f: TicketQuery, cursor?: string | null, limit = PAGE_SIZE): string {
  const out = new URLSearchParams(queryString({ ...f, sort: "newest" }));
  out.set("sort", f.sort);
  out.set("limit", String(limit));
  if (cursor) out.set("cursor", cursor);
  return out.toString();
}

/** True when some filter (not the sort) is set. */
export function isFiltered(f: TicketQuery): boolean {
  return !!(f.status || f.priority || f.assignee || f.tag || f.agentId || f.q);
}

/**
 * True when `t` passes the filters the browser can check. The text search
 * also looks in the thread on the server, so here it only admits a ticket
 * whose title contains the text; one the server already listed stays.
 */
export function matches(t: WireTicket, f: TicketQuery, meId: string, listed = false): boolean {
  if (f.status && t.status !== f.status) return false;
  if (f.priority && t.priority !== f.priority) return false;
  if (f.assignee === "me" && t.assignedTo !== meId) return false;
  if (f.assignee === "unassigned" && t.assignedTo !== null) return false;
  if (f.assignee && f.assignee !== "me" && f.assignee !== "unassigned" && t.assignedTo !== f.assignee) return false;
  if (f.tag && !t.tags.includes(f.tag)) return false;
  if (f.agentId && t.agentId !== f.agentId) return false;
  if (f.q && !listed && !t.title.toLowerCase().includes(f.q.toLowerCase())) return false;
  return true;
}

const rank = (p: Priority) => PRIORITIES.findIndex((x) => x.key === p);
const byId = (a: WireTicket, b: WireTicket) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The server's order for `sort` (ties by id, in the same direction). */
export function compareTickets(sort: TicketSort): (a: WireTicket, b: WireTicket) => number {
  switch (sort) {
    case "oldest":
      return (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || byId(a, b);
    case "updated":
      return (a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || byId(b, a);
    case "priority":
      return (a, b) => rank(b.priority) - rank(a.priority) || byId(b, a);
    default:
      return (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || byId(b, a);
  }
}

/** True when `incoming` is not older than `known` (a late REST answer never undoes a live change). */
export function isFresher(incoming: WireTicket, known: WireTicket | undefined): boolean {
  return !known || Date.parse(incoming.updatedAt) >= Date.parse(known.updatedAt);
}

/** The loaded part of the list: tickets in order, and the cursor of the next page (null: all loaded). */
export interface ListPage {
  tickets: WireTicket[];
  cursor: string | null;
}

/**
 * The list after a live change to `t`: it joins (in order) when it now
 * matches, is replaced when listed, and leaves when it no longer matches. A
 * new ticket that sorts after the last loaded one waits for "Load more"
 * when there is more to load (it will come with its page).
 */
export function applyTicket(list: ListPage, t: WireTicket, f: TicketQuery, meId: string): ListPage {
  const at = list.tickets.findIndex((x) => x.id === t.id);
  if (at >= 0 && !isFresher(t, list.tickets[at])) return list;
  const rest = at >= 0 ? list.tickets.filter((x) => x.id !== t.id) : list.tickets;
  if (!matches(t, f, meId, at >= 0)) return at >= 0 ? { ...list, tickets: rest } : list;
  const cmp = compareTickets(f.sort);
  const last = list.tickets.at(-1);
  if (at < 0 && list.cursor && last && cmp(t, last) > 0) return list;
  const i = rest.findIndex((x) => cmp(t, x) < 0);
  const tickets = i < 0 ? [...rest, t] : [...rest.slice(0, i), t, ...rest.slice(i)];
  return { ...list, tickets };
}

/** Appends a page, skipping tickets already listed (a live one that arrived first). */
export function appendPage(list: ListPage, page: WireTicket[], cursor: string | null): ListPage {
  const seen = new Set(list.tickets.map((t) => t.id));
  return { tickets: [...list.tickets, ...page.filter((t) => !seen.has(t.id))], cursor };
}
