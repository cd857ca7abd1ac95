/**
 * `useTickets`: everything the Tickets island does besides drawing, put
 * together from its parts: the list (`use_ticket_list.ts`), the open ticket
 * and its thread (`use_ticket_thread.ts`), the actions on a ticket
 * (`use_ticket_actions.ts`), and the one staff realtime connection they
 * share with the Inbox (`../staff_chat/live/`). `ticket` frames change
 * the list live (re-checked against the filters) and the open ticket; the
 * `conversation` frames behind the unread markers go through the shared
 * reducer. Filters live in the URL query, the selected ticket in the path
 * (`/inbox/tickets/:id`), both kept in step with history.
 *
 * @module
 */
import { maxSeq } from "../staff_chat/live/merge.ts";
import { useStaffSocket } from "../staff_chat/live/use_staff_socket.ts";
import { useStore } from "../staff_chat/live/use_store.ts";
import { parseQuery, ticketsUrl } from "./filters.ts";
import type { TicketQuery, TicketsProps, WireTicket } from "./types.ts";
import { useTicketActions } from "./use_ticket_actions.ts";
import { useTicketList } from "./use_ticket_list.ts";
import { useTicketThread } from "./use_ticket_thread.ts";

/** The id in a Tickets path, null for the list, undefined for another page. */
export function idFromPath(path: string): string | null | undefined {
  if (/^\/inbox\/tickets\/?$/.test(path)) return null;
  const m = /^\/inbox\/tickets\/([0-9a-f]{24})\/?$/.exec(path);
  return m ? m[1] : undefined;
}

/** State and actions of the Tickets pages. */
export function useTickets(props: TicketsProps) {
  const store = useStore(props.conversations);
  const list = useTicketList(props);
  const actions = useTicketActions(props, list.upsert);
  // The socket calls these handlers after this render, when `open` below exists.
  const { send, conn, signedOut, visible } = useStaffSocket({
    store,
    resumeAfter: (t) => maxSeq(t.messages),
    intercept(frame) {
      if (frame.type !== "ticket") return false;
      list.upsert(frame.ticket);
      return true;
    },
    afterFrame(frame, resumed) {
      if (frame.type === "welcome") open.resubscribe(resumed);
    },
    onPopState() {
      const id = idFromPath(location.pathname);
      if (id === undefined) return;
      list.applyQuery(parseQuery(new URLSearchParams(location.search)));
      open.select(id, false);
    },
  });
  const open = useTicketThread({ props, store, send, visible, list, onSelect: actions.dismissFeedback });

  /** New filters: their first page, and the URL says them. */
  function setQuery(f: TicketQuery) {
    if (list.applyQuery(f)) history.replaceState(null, "", ticketsUrl(f, open.currentId()));
  }

  /** A ticket staff just opened by hand: into the list (if the filters take it), and open it. */
  function created(t: WireTicket) {
    list.upsert(t);
    open.select(t.id);
  }

  /** True when the ticket's conversation has messages no one on the team has read. */
  function unread(t: WireTicket): boolean {
    const c = store.state.conversations[t.conversationId];
    return !!c && t.id !== open.selectedId && c.lastSeq > c.staffReadSeq;
  }

  /** The customer's language: their conversation's as the socket keeps it current, else the list page's. */
  function languageOf(t: WireTicket): string | undefined {
    return store.state.conversations[t.conversationId]?.language ?? t.language;
  }

  return {
    query: list.query,
    setQuery,
    list: list.tickets,
    cursor: list.cursor,
    loading: list.loading,
    listError: list.listError,
    loadMore: list.loadMore,
    step: (delta: 1 | -1, fromId: string | null = open.currentId()) => list.step(delta, fromId),
    selectedId: open.selectedId,
    ticket: open.ticket,
    conversation: open.conversation,
    thread: open.thread,
    typing: open.typing,
    isNote: open.isNote,
    unread,
    languageOf,
    select: open.select,
    created,
    sendMessage: open.sendMessage,
    retry: open.retry,
    onComposerInput: open.onComposerInput,
    missing: open.missing,
    ...actions,
    conn,
    signedOut,
  };
}
