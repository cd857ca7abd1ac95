/**
 * `useTicketThread`: the open ticket. Selecting one changes the path
 * (`/inbox/tickets/:id`, kept in step with history), fetches the ticket when
 * it is not known yet, and opens its conversation on the shared staff
 * connection: subscribed, its messages, AI tokens, typing and read markers
 * through the shared reducer, marked read as far as it is shown. Replies and
 * notes go through `POST /api/tickets/:id/messages` with a `clientId`, so a
 * retry never doubles one.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { maxSeq } from "../staff_chat/live/merge.ts";
import { fetchThread } from "../staff_chat/live/rest.ts";
import type { PendingReply } from "../staff_chat/live/state.ts";
import { type Send, useReadMarker } from "../staff_chat/live/use_staff_socket.ts";
import type { Store } from "../staff_chat/live/use_store.ts";
import { useTyping } from "../staff_chat/live/use_typing.ts";
import { ticketsUrl } from "./filters.ts";
import { fetchTicket, postTicketMessage, wireFromTicketMessage } from "./rest.ts";
import type { TicketsProps } from "./types.ts";
import type { WireAttachment } from "../staff_chat/types.ts";
import type { TicketList } from "./use_ticket_list.ts";

/** What {@linkcode useTicketThread} works with. */
export interface TicketThreadOptions {
  props: Pick<TicketsProps, "selected">;
  store: Store;
  /** The staff connection's `send`, and whether the tab is visible (for the read marker). */
  send: Send;
  visible: boolean;
  /** The known tickets (the open one is looked up, and updated by answers). */
  list: TicketList;
  /** Another ticket (or none) was selected. */
  onSelect: () => void;
}

/** The open ticket, its thread, and how to open, leave and write in it. */
export function useTicketThread({ props, store, send, visible, list, onSelect }: TicketThreadOptions) {
  const { state, dispatch, current } = store;
  const [selectedId, setSelectedId] = useState<string | null>(props.selected?.id ?? null);
  const selectedRef = useRef(selectedId);
  /** Why the ticket of the URL could not be shown. */
  const [missing, setMissing] = useState<string | null>(null);
  /** Pending messages that are internal notes (the shared pending replies have no such flag). */
  const notes = useRef(new Set<string>());
  const conversationOf = (id: string | null) => (id ? list.get(id)?.conversationId ?? null : null);
  const typing = useTyping(send, () => conversationOf(selectedRef.current));

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
    onSelect();
    setMissing(null);
    if (push) history.pushState(null, "", ticketsUrl(list.currentQuery(), id));
    let t = id ? list.get(id) : undefined;
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
      list.upsert(res.data.ticket);
      t = res.data.ticket;
      document.title = `${t.title} · Tickets · Frontdesk`;
    }
    openThread(t.conversationId);
  }

  /** After a (re)connection: subscribes the open ticket's conversation unless the `hello` resumed it. */
  function resubscribe(resumed: ReadonlySet<string>) {
    const open = conversationOf(selectedRef.current);
    if (open && !resumed.has(open)) send({ type: "subscribe", conversationId: open });
  }

  async function deliver(ticketId: string, p: PendingReply, internal: boolean) {
    const files = p.attachments?.map((a) => a.id) ?? [];
    const res = await postTicketMessage(ticketId, p.text, internal, p.clientId, files);
    if (res.ok) {
      dispatch({
        type: "reply.stored",
        message: wireFromTicketMessage(res.data.message, p.conversationId, p.clientId),
      });
      list.upsert(res.data.ticket);
    } else dispatch({ type: "reply.failed", clientId: p.clientId, error: res.error.message });
  }

  /** Sends a reply (or an internal note) on the open ticket, with its uploaded files. */
  function sendMessage(text: string, internal: boolean, attachments: WireAttachment[] = []) {
    const id = selectedRef.current;
    const t = id ? list.get(id) : undefined;
    if (!id || !t) return;
    typing.stop();
    const p: PendingReply = {
      clientId: crypto.randomUUID(),
      conversationId: t.conversationId,
      text,
      ...(attachments.length ? { attachments } : {}),
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

  useEffect(() => {
    if (props.selected) openThread(props.selected.conversationId);
  }, []);

  const ticket = selectedId ? list.known[selectedId] : undefined;
  const cid = ticket?.conversationId;
  const { conversation, thread } = useReadMarker(store, send, visible, cid);

  return {
    selectedId,
    /** The selected id as of now (between renders too). */
    currentId: () => selectedRef.current,
    ticket,
    conversation,
    thread,
    typing: cid ? state.typing[cid] : undefined,
    missing,
    select,
    resubscribe,
    sendMessage,
    retry,
    isNote: (clientId: string) => notes.current.has(clientId),
    onComposerInput: typing.input,
  };
}
