/**
 * The ticket list: one row per ticket (a real link to `/inbox/tickets/:id`,
 * opened in place), "Load more" for the next page, and empty states that
 * say what to do. `j`/`k` move through the rows (the island moves focus).
 *
 * @module
 */
import { EmptyState } from "../../components/EmptyState.tsx";
import { Icon } from "../../components/Icons.tsx";
import { LanguageBadge } from "../../components/LanguageBadge.tsx";
import { inPage } from "../shared/links.ts";
import { agentName, fullTime, relativeTime } from "../staff_chat/format.ts";
import type { Now } from "../staff_chat/use_now.ts";
import { Assignee, PriorityBadge, Stars, StatusBadge, Tags } from "./badges.tsx";
import { isFiltered, ticketsUrl } from "./filters.ts";
import type { AgentOption, Me, Person, TicketQuery, WireTicket } from "./types.ts";

/** The id of a row's link (focus moves there on `j`/`k`). */
export const rowId = (id: string) => `ticket-row-${id}`;

/** Who the customer is, as the row names them. */
export function customerLabel(t: Pick<WireTicket, "customerName" | "customerEmail">): string {
  return t.customerName?.trim() || t.customerEmail || "Anonymous visitor";
}

/** Props of {@linkcode TicketList}. */
export interface TicketListProps {
  tickets: WireTicket[];
  query: TicketQuery;
  cursor: string | null;
  loading: boolean;
  error: string | null;
  agents: AgentOption[];
  people: Person[];
  me: Me;
  now: Now;
  unread: (t: WireTicket) => boolean;
  /** The customer's language, for the row's badge (as the inbox rows show it: not for English, most are). */
  languageOf: (t: WireTicket) => string | undefined;
  /** The row `j`/`k` reached. */
  activeId: string | null;
  onOpen: (id: string) => void;
  onMore: () => void;
  onClear: () => void;
}

function Row(
  { t, p }: { t: WireTicket; p: TicketListProps },
) {
  const unread = p.unread(t);
  const agent = agentName(p.agents, t.agentId);
  const customer = customerLabel(t);
  return (
    <li>
      <a
        id={rowId(t.id)}
        href={ticketsUrl(p.query, t.id)}
        data-active={p.activeId === t.id ? "true" : undefined}
        onClick={inPage(() => p.onOpen(t.id))}
        class="relative flex flex-col gap-2 px-4 py-3.5 outline-offset-[-2px] transition-colors hover:bg-slate-50 data-[active=true]:bg-indigo-50/60 sm:flex-row sm:items-start sm:gap-4 sm:px-5"
      >
        <span class="min-w-0 flex-1">
          <span class="flex items-start gap-2">
            <span
              class={`mt-1.5 size-2 shrink-0 rounded-full ${unread ? "bg-indigo-600" : "bg-transparent"}`}
              aria-hidden="true"
            />
            <span class="min-w-0">
              <span
                class={`line-clamp-2 text-sm break-words ${
                  unread ? "font-bold text-slate-950" : "font-semibold text-slate-900"
                }`}
              >
                {t.title}
              </span>
              {unread && <span class="sr-only">(unread messages)</span>}
              <span class="mt-0.5 flex flex-wrap items-center gap-x-1.5 text-xs text-slate-500">
                <span class="font-medium text-slate-700">{customer}</span>
                {t.customerName && t.customerEmail && (
                  <>
                    <span aria-hidden="true">·</span>
                    <span class="max-w-full truncate">{t.customerEmail}</span>
                  </>
                )}
                <span aria-hidden="true">·</span>
                <span class="inline-flex items-center gap-1">
                  <Icon name="sparkles" class="size-3.5 text-violet-500" />
                  {agent}
                </span>
              </span>
              <span class="mt-2 flex flex-wrap items-center gap-1.5">
                <StatusBadge status={t.status} />
                <PriorityBadge priority={t.priority} />
                <LanguageBadge language={p.languageOf(t)} hideEnglish />
                {t.escalationLevel > 0 && <span class="text-xs font-medium text-red-700">Escalated</span>}
                <Tags tags={t.tags} />
              </span>
            </span>
          </span>
        </span>
        <span class="flex shrink-0 items-center justify-between gap-3 pl-4 sm:w-56 sm:flex-col sm:items-end sm:justify-start sm:gap-1.5 sm:pl-0">
          <Assignee id={t.assignedTo} people={p.people} meId={p.me.id} compact />
          <span class="flex items-center gap-2.5">
            {t.rating && <Stars score={t.rating.score} compact />}
            <span class="text-xs text-slate-500">
              <span class="sr-only">Updated</span>
              <time dateTime={t.updatedAt} title={`Updated ${fullTime(t.updatedAt, p.now.tz)}`}>
                {relativeTime(t.updatedAt, p.now.at, p.now.tz)}
              </time>
            </span>
          </span>
        </span>
      </a>
    </li>
  );
}

/** Rows, "Load more", or an empty state. */
export function TicketList(p: TicketListProps) {
  if (p.tickets.length === 0) {
    if (p.loading) {
      return <p class="card px-6 py-14 text-center text-sm text-slate-500" role="status">Loading tickets…</p>;
    }
    if (p.error) {
      return (
        <p class="card px-6 py-14 text-center text-sm text-red-700" role="alert">
          {p.error}
        </p>
      );
    }
    return isFiltered(p.query)
      ? (
        <EmptyState
          icon="inbox"
          title="No tickets match these filters"
          actions={<button type="button" class="btn-secondary" onClick={p.onClear}>Clear filters</button>}
        >
          <p>
            Try another status or assignee, or clear the filters to see every ticket. New tickets that match appear here
            as they open.
          </p>
        </EmptyState>
      )
      : (
        <EmptyState
          icon="inbox"
          title="No tickets yet"
          actions={
            <a href="/inbox" class="btn-primary">
              Go to the Inbox
              <Icon name="arrowRight" class="size-4" />
            </a>
          }
        >
          <p>
            A ticket opens when a visitor asks for a person, or when the AI hands a conversation to your team. They
            appear here as they happen; no need to reload. For a customer who called or emailed, use New ticket.
          </p>
        </EmptyState>
      );
  }
  return (
    <section class="card overflow-hidden" aria-labelledby="tickets-list-heading">
      <div class="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-2.5 sm:px-5">
        <h2 id="tickets-list-heading" class="text-sm font-semibold text-slate-900">
          {p.tickets.length} {p.tickets.length === 1 ? "ticket" : "tickets"}
          {p.cursor ? " shown" : ""}
        </h2>
        {p.loading && <span class="text-xs text-slate-500" role="status">Updating…</span>}
        {p.error && <span class="text-xs text-red-700" role="alert">{p.error}</span>}
      </div>
      <ul class="divide-y divide-slate-100" aria-label="Tickets">
        {p.tickets.map((t) => <Row key={t.id} t={t} p={p} />)}
      </ul>
      {p.cursor && (
        <div class="border-t border-slate-100 p-3 text-center">
          <button type="button" class="btn-ghost w-full" onClick={p.onMore} disabled={p.loading}>
            {p.loading ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </section>
  );
}
