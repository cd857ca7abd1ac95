/**
 * `useTicketList`: the Tickets page's list. It knows every ticket seen from
 * anywhere (the server's first page, pages fetched for the filters, `ticket`
 * frames, answers to actions), keeping the newest word on each; shows the
 * page for the filters, re-checked against them as tickets change; pages on;
 * and finds the next or previous ticket for j/k. A newer filter wins over a
 * page still loading for an older one.
 *
 * @module
 */
import { useRef, useState } from "preact/hooks";
import { appendPage, applyTicket, isFresher, type ListPage, queryString } from "./filters.ts";
import { fetchTickets } from "./rest.ts";
import type { TicketQuery, TicketsProps, WireTicket } from "./types.ts";

/** The list's state and what changes it. */
export function useTicketList(props: Pick<TicketsProps, "query" | "tickets" | "nextCursor" | "selected" | "me">) {
  const [query, setQueryState] = useState<TicketQuery>(props.query);
  const queryRef = useRef(props.query);
  const [list, setList] = useState<ListPage>({ tickets: props.tickets, cursor: props.nextCursor });
  const listRef = useRef(list);
  const [loading, setLoading] = useState(false);
  const [listError, setListError] = useState<string | null>(null);
  const [known, setKnown] = useState<Record<string, WireTicket>>(() =>
    Object.fromEntries([...props.tickets, ...(props.selected ? [props.selected] : [])].map((t) => [t.id, t]))
  );
  const knownRef = useRef(known);
  const request = useRef(0);

  function commitList(next: ListPage) {
    listRef.current = next;
    setList(next);
  }

  /** A ticket from anywhere (frame, answer, page): known tickets and the list follow it unless it is older. */
  function upsert(frame: WireTicket) {
    const was = knownRef.current[frame.id];
    if (!isFresher(frame, was)) return;
    // A live `ticket` frame has no language (a list page's field): the row keeps the one it had.
    const t = frame.language || !was?.language ? frame : { ...frame, language: was.language };
    knownRef.current = { ...knownRef.current, [t.id]: t };
    setKnown(knownRef.current);
    commitList(applyTicket(listRef.current, t, queryRef.current, props.me.id));
  }

  function remember(tickets: WireTicket[]) {
    const next = { ...knownRef.current };
    for (const t of tickets) if (isFresher(t, next[t.id])) next[t.id] = t;
    knownRef.current = next;
    setKnown(next);
  }

  async function loadList(f: TicketQuery, cursor?: string | null) {
    const n = ++request.current;
    setLoading(true);
    setListError(null);
    const res = await fetchTickets(f, cursor);
    if (n !== request.current) return; // a newer filter won
    setLoading(false);
    if (!res.ok) {
      setListError(res.error.message);
      return;
    }
    remember(res.data.tickets);
    const fresh = res.data.tickets.map((t) => knownRef.current[t.id] ?? t);
    commitList(
      cursor ? appendPage(listRef.current, fresh, res.data.nextCursor) : {
        tickets: fresh,
        cursor: res.data.nextCursor,
      },
    );
  }

  /** Shows the first page for filters `f`; false (nothing done) when they are the filters shown already. */
  function applyQuery(f: TicketQuery): boolean {
    if (queryString(f) === queryString(queryRef.current)) return false;
    queryRef.current = f;
    setQueryState(f);
    loadList(f);
    return true;
  }

  function loadMore(): Promise<void> {
    const cursor = listRef.current.cursor;
    return cursor && !loading ? loadList(queryRef.current, cursor) : Promise.resolve();
  }

  /** The next (+1) or previous (-1) ticket of the list from `fromId` (from the ends without it); loads more at the end. */
  async function step(delta: 1 | -1, fromId: string | null): Promise<string | null> {
    let tickets = listRef.current.tickets;
    const at = fromId ? tickets.findIndex((t) => t.id === fromId) : -1;
    let to = at < 0 ? (delta > 0 ? 0 : tickets.length - 1) : at + delta;
    if (to >= tickets.length && listRef.current.cursor) {
      await loadMore();
      tickets = listRef.current.tickets;
    }
    to = Math.max(0, Math.min(to, tickets.length - 1));
    return tickets[to]?.id ?? null;
  }

  return {
    query,
    tickets: list.tickets,
    cursor: list.cursor,
    loading,
    listError,
    /** Every ticket known, by id, as of this render. */
    known,
    /** The latest known state of ticket `id` (between renders too). */
    get: (id: string): WireTicket | undefined => knownRef.current[id],
    /** The filters as of now (between renders too). */
    currentQuery: () => queryRef.current,
    upsert,
    applyQuery,
    loadMore,
    step,
  };
}

/** What {@linkcode useTicketList} returns. */
export type TicketList = ReturnType<typeof useTicketList>;
