/**
 * `useTickets`: everything the Tickets island does besides drawing. One
 * staff realtime connection (the Inbox's client): `ticket` frames change the
 * list live (re-checked against the filters) and the open ticket; the open
 * ticket's conversation is subscribed and its messages, AI tokens, typing
 * and read markers go through the Inbox's reducer, as do the `conversation`
 * frames behind the unread markers. Filters live in the URL query; the
 * selected ticket in the path (`/inbox/tickets/:id`), both kept in step with
 * history. Replies and notes go through `POST /api/tickets/:id/messages`
 * with a `clientId`, so a retry never doubles one.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { useFlash } from "../shared/use_flash.ts";
import { maxSeq } from "../staff_chat/merge.ts";
import { fetchThread } from "../staff_chat/rest.ts";
import type { PendingReply } from "../staff_chat/state.ts";
import { useReadMarker, useStaffSocket } from "../staff_chat/use_staff_socket.ts";
import { useStore } from "../staff_chat/use_store.ts";
import { useTyping } from "../staff_chat/use_typing.ts";
import { appendPage, applyTicket, isFresher, type ListPage, parseQuery, queryString, ticketsUrl } from "./filters.ts";
import {
  fetchTicket,
  fetchTickets,
  postEscalate,
  postTicketMessage,
  putStatus,
  putTicket,
  wireFromTicketMessage,
} from "./rest.ts";
import {
  type Priority,
  priorityLabel,
  statusLabel,
  type TicketQuery,
  type TicketsProps,
  type TicketStatus,
  type WireTicket,
} from "./types.ts";

/** Which control an error or a confirmation belongs to. */
export type Field = "status" | "priority" | "assignee" | "tags" | "escalate" | "general";

/** The outcome of the last action, shown beside its control (errors are also announced). */
export interface Feedback {
  ticketId: string;
  field: Field;
  tone: "error" | "success";
  text: string;
}

/** The id in a Tickets path, null for the list, undefined for another page. */
export function idFromPath(path: string): string | null | undefined {
  if (/^\/inbox\/tickets\/?$/.test(path)) return null;
  const m = /^\/inbox\/tickets\/([0-9a-f]{24})\/?$/.exec(path);
  return m ? m[1] : undefined;
}

/** State and actions of the Tickets pages. */
export function useTickets(props: TicketsProps) {
  const { state, dispatch, current } = useStore(props.conversations);
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
  const [selectedId, setSelectedId] = useState<string | null>(props.selected?.id ?? null);
  const selectedRef = useRef(selectedId);
  const [busy, setBusy] = useState<Partial<Record<Field, boolean>>>({});
  const feedback = useFlash<Feedback>();
  /** Why the ticket of the URL could not be shown. */
  const [missing, setMissing] = useState<string | null>(null);
  /** Pending messages that are internal notes (the Inbox's pending replies have no such flag). */
  const notes = useRef(new Set<string>());
  const request = useRef(0);
  const store = { state, dispatch, current };
  const { send, conn, signedOut, visible } = useStaffSocket({
    store,
    resumeAfter: (t) => maxSeq(t.messages),
    intercept(frame) {
      if (frame.type !== "ticket") return false;
      upsert(frame.ticket);
      return true;
    },
    afterFrame(frame, resumed) {
      if (frame.type !== "welcome") return;
      const open = conversationOf(selectedRef.current);
      if (open && !resumed.has(open)) send({ type: "subscribe", conversationId: open });
    },
    onPopState() {
      const id = idFromPath(location.pathname);
      if (id === undefined) return;
      const f = parseQuery(new URLSearchParams(location.search));
      if (queryString(f) !== queryString(queryRef.current)) {
        queryRef.current = f;
        setQueryState(f);
        loadList(f);
      }
      select(id, false);
    },
  });
  const conversationOf = (id: string | null) => (id ? knownRef.current[id]?.conversationId ?? null : null);
  const typing = useTyping(send, () => conversationOf(selectedRef.current));

  function commitList(next: ListPage) {
    listRef.current = next;
    setList(next);
  }

  /** A ticket from anywhere (frame, answer, page): known tickets and the list follow it unless it is older. */
  function upsert(t: WireTicket) {
    if (!isFresher(t, knownRef.current[t.id])) return;
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

  // --- the list ---------------------------------------------------------------------------------

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

  function setQuery(f: TicketQuery) {
    if (queryString(f) === queryString(queryRef.current)) return;
    queryRef.current = f;
    setQueryState(f);
    history.replaceState(null, "", ticketsUrl(f, selectedRef.current));
    loadList(f);
  }

  function loadMore(): Promise<void> {
    const cursor = listRef.current.cursor;
    return cursor && !loading ? loadList(queryRef.current, cursor) : Promise.resolve();
  }

  // --- the open ticket --------------------------------------------------------------------------

  async function openThread(conversationId: string) {
    const known = current().threads[conversationId];
    if (known?.status === "ready") {
      send({ type: "sync", conversationId, afterSeq: maxSeq(known.messages) });
      return;
    }
    send({ type: "subscribe", conversationId });
    dispatch({ type: "thread.loading", conversationId });
    const res = await fetchThread(conversationId);
    if (res.ok) dispatch({ type: "thread.loaded", ...res.data });
    else dispatch({ type: "thread.failed", conversationId, error: res.error.message });
  }

  function closeThread(conversationId: string | null) {
    if (!conversationId || current().threads[conversationId]?.pending.length) return;
    send({ type: "unsubscribe", conversationId });
    dispatch({ type: "thread.drop", conversationId });
  }

  async function select(id: string | null, push = true) {
    if (id === selectedRef.current) return;
    typing.stop();
    const before = conversationOf(selectedRef.current);
    selectedRef.current = id;
    setSelectedId(id);
    feedback.clear();
    setMissing(null);
    if (push) history.pushState(null, "", ticketsUrl(queryRef.current, id));
    let t = id ? knownRef.current[id] : undefined;
    if (before && before !== t?.conversationId) closeThread(before);
    document.title = `${t ? `${t.title} · ` : ""}Tickets · Frontdesk`;
    if (!id) return;
    if (!t) {
      const res = await fetchTicket(id);
      if (selectedRef.current !== id) return;
      if (!res.ok) {
        setMissing(
          res.status === 404 ? "This ticket doesn't exist, or it belongs to another workspace." : res.error.message,
        );
        return;
      }
      upsert(res.data.ticket);
      t = res.data.ticket;
      document.title = `${t.title} · Tickets · Frontdesk`;
    }
    openThread(t.conversationId);
  }

  /** The next (+1) or previous (-1) ticket of the list from the open (or `fromId`) one; loads more at the end. */
  async function step(delta: 1 | -1, fromId = selectedRef.current): Promise<string | null> {
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

  // --- actions on a ticket ----------------------------------------------------------------------

  async function act(
    ticketId: string,
    field: Field,
    run: () => Promise<{ ok: true; data: { ticket: WireTicket } } | { ok: false; error: { message: string } }>,
    done: (t: WireTicket) => string,
  ) {
    if (busy[field]) return;
    setBusy((b) => ({ ...b, [field]: true }));
    const res = await run();
    setBusy((b) => ({ ...b, [field]: false }));
    if (res.ok) {
      upsert(res.data.ticket);
      feedback.show({ ticketId, field, tone: "success", text: done(res.data.ticket) });
    } else feedback.show({ ticketId, field, tone: "error", text: res.error.message });
  }

  const setStatus = (id: string, status: TicketStatus) =>
    act(id, "status", () => putStatus(id, status), (t) => `Status changed to ${statusLabel(t.status)}.`);
  const setPriority = (id: string, priority: Priority) =>
    act(id, "priority", () => putTicket(id, { priority }), (t) => `Priority set to ${priorityLabel(t.priority)}.`);
  const setTags = (id: string, tags: string[]) =>
    act(id, "tags", () => putTicket(id, { tags }), (t) => t.tags.length ? "Tags saved." : "Tags removed.");
  const assign = (id: string, assignedTo: string | null) =>
    act(
      id,
      "assignee",
      () => putTicket(id, { assignedTo }),
      (t) =>
        t.assignedTo === props.me.id
          ? "Assigned to you."
          : t.assignedTo
          ? `Assigned to ${props.people.find((p) => p.id === t.assignedTo)?.name ?? "a teammate"}.`
          : "Unassigned.",
    );
  const escalate = (id: string) =>
    act(
      id,
      "escalate",
      () => postEscalate(id),
      (t) => `Escalated: priority is now ${priorityLabel(t.priority).toLowerCase()}.`,
    );

  async function deliver(ticketId: string, p: PendingReply, internal: boolean) {
    const res = await postTicketMessage(ticketId, p.text, internal, p.clientId);
    if (res.ok) {
      dispatch({
        type: "reply.stored",
        message: wireFromTicketMessage(res.data.message, p.conversationId, p.clientId),
      });
      upsert(res.data.ticket);
    } else dispatch({ type: "reply.failed", clientId: p.clientId, error: res.error.message });
  }

  /** Sends a reply (or an internal note) on the open ticket. */
  function sendMessage(text: string, internal: boolean) {
    const id = selectedRef.current;
    const t = id ? knownRef.current[id] : undefined;
    if (!id || !t) return;
    typing.stop();
    const p: PendingReply = {
      clientId: crypto.randomUUID(),
      conversationId: t.conversationId,
      text,
      createdAt: new Date().toISOString(),
      state: "sending",
    };
    if (internal) notes.current.add(p.clientId);
    dispatch({ type: "reply.sending", reply: p });
    deliver(id, p, internal);
  }

  function retry(p: PendingReply) {
    const id = selectedRef.current;
    if (!id) return;
    const again: PendingReply = { ...p, state: "sending", error: undefined };
    dispatch({ type: "reply.sending", reply: again });
    deliver(id, again, notes.current.has(p.clientId));
  }

  // --- the connection ---------------------------------------------------------------------------

  useEffect(() => {
    if (props.selected) openThread(props.selected.conversationId);
  }, []);

  const ticket = selectedId ? known[selectedId] : undefined;
  const cid = ticket?.conversationId;
  const { conversation, thread } = useReadMarker(store, send, visible, cid);

  /** True when the ticket's conversation has messages no one on the team has read. */
  function unread(t: WireTicket): boolean {
    const c = state.conversations[t.conversationId];
    return !!c && t.id !== selectedId && c.lastSeq > c.staffReadSeq;
  }

  return {
    query,
    setQuery,
    list: list.tickets,
    cursor: list.cursor,
    loading,
    listError,
    loadMore,
    selectedId,
    ticket,
    conversation,
    thread,
    typing: cid ? state.typing[cid] : undefined,
    isNote: (clientId: string) => notes.current.has(clientId),
    unread,
    select,
    step,
    setStatus,
    setPriority,
    setTags,
    assign,
    escalate,
    sendMessage,
    retry,
    onComposerInput: typing.input,
    stopTyping: typing.stop,
    busy,
    feedback: feedback.value,
    missing,
    dismissFeedback: feedback.clear,
    conn,
    signedOut,
  };
}

/** What {@linkcode useTickets} returns. */
export type TicketsApi = ReturnType<typeof useTickets>;
