/**
 * `useInbox`: everything the Inbox island does besides drawing. It keeps one
 * realtime connection (the staff socket of `../staff_chat/live/`), feeds its
 * frames to the shared reducer, opens threads (subscribe first, then fetch,
 * so nothing falls between), fills gaps in seqs with `sync`, sends replies
 * over the socket (REST when the socket is down; the same `clientId` either
 * way, so retries never double a reply), marks the visible thread read,
 * relays our typing, and keeps the URL (`/inbox/:id`) in step with the
 * selection.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { useFlash } from "../shared/use_flash.ts";
import { resumeSeq } from "../staff_chat/live/merge.ts";
import { fetchThread } from "../staff_chat/live/rest.ts";
import type { PendingReply } from "../staff_chat/live/state.ts";
import { useReadMarker, useStaffSocket } from "../staff_chat/live/use_staff_socket.ts";
import { useStore } from "../staff_chat/live/use_store.ts";
import { useTyping } from "../staff_chat/live/use_typing.ts";
import type { WireAttachment, WireConversation } from "../staff_chat/types.ts";
import { listFor } from "./list.ts";
import { fetchPage, postReply, setHandler } from "./rest.ts";
import type { InboxFilter } from "./types.ts";

/** What the server rendered the Inbox with. */
export interface InboxInit {
  /** The most recent conversations, or null when the island should fetch them. */
  conversations: WireConversation[] | null;
  nextCursor: string | null;
  selectedId: string | null;
}

/** Paging of the list for one filter. */
export interface PageState {
  cursor: string | null;
  loading: boolean;
  loaded: boolean;
  error?: string;
}

/** Threads kept live (subscribed and in memory) at most; the least recently opened go first. */
export const MAX_LIVE_THREADS = 20;
/** A reply the socket took but the server has not acknowledged in this long is shown as not sent. */
export const ACK_TIMEOUT_MS = 15_000;

const ALL: InboxFilter = { handledBy: "all", agentId: "" };
const keyOf = (f: InboxFilter) => `${f.handledBy}:${f.agentId}`;

/** The conversation id in an Inbox path, or null. */
export function idFromPath(path: string): string | null {
  const m = /^\/inbox\/([0-9a-f]{24})\/?$/.exec(path);
  return m ? m[1] : null;
}

/** State and actions of the Inbox. */
export function useInbox(init: InboxInit) {
  const { state, dispatch, current } = useStore(init.conversations ?? []);
  const [selectedId, setSelectedId] = useState(init.selectedId);
  const selected = useRef(init.selectedId);
  const [filter, setFilterState] = useState<InboxFilter>(ALL);
  const [pages, setPages] = useState<Record<string, PageState>>(
    init.conversations ? { [keyOf(ALL)]: { cursor: init.nextCursor, loading: false, loaded: true } } : {},
  );
  const notice = useFlash<string>();
  const [busy, setBusy] = useState(false);
  const opened = useRef<string[]>([]);
  const store = { state, dispatch, current };
  const { send, conn, signedOut, visible, isOpen } = useStaffSocket({
    store,
    resumeAfter: (t) => resumeSeq(t.messages),
    maxResumed: MAX_LIVE_THREADS,
    afterFrame(frame, resumed) {
      if (frame.type === "welcome") {
        if (selected.current && !resumed.has(selected.current)) follow(selected.current);
        for (const t of Object.values(current().threads)) {
          for (const p of t.pending) if (p.state === "sending") deliver(p);
        }
      } else if (frame.type === "error" && frame.code !== "unauthorized" && !frame.clientId) notice.show(frame.message);
    },
    onPopState: () => select(idFromPath(location.pathname), false),
  });
  const typing = useTyping(send, () => selected.current);

  /** Subscribes (or, for a loaded thread, syncs from its last seq: that subscribes too and fills any gap). */
  function follow(id: string) {
    const t = current().threads[id];
    if (t?.status === "ready") send({ type: "sync", conversationId: id, afterSeq: resumeSeq(t.messages) });
    else send({ type: "subscribe", conversationId: id });
  }

  async function openThread(id: string) {
    opened.current = [...opened.current.filter((x) => x !== id), id];
    evict();
    const known = current().threads[id];
    follow(id);
    if (known?.status === "ready") return;
    dispatch({ type: "thread.loading", conversationId: id });
    const res = await fetchThread(id);
    if (res.ok) dispatch({ type: "thread.loaded", ...res.data });
    else {
      const error = res.status === 404
        ? "This conversation doesn't exist, or it belongs to another workspace."
        : res.error.message;
      dispatch({ type: "thread.failed", conversationId: id, error });
    }
  }

  function evict() {
    while (opened.current.length > MAX_LIVE_THREADS) {
      const victim = opened.current.find((id) => id !== selected.current && !current().threads[id]?.pending.length);
      if (!victim) return;
      opened.current = opened.current.filter((x) => x !== victim);
      send({ type: "unsubscribe", conversationId: victim });
      dispatch({ type: "thread.drop", conversationId: victim });
    }
  }

  useEffect(() => {
    if (!init.conversations) loadPage(ALL);
    if (init.selectedId) openThread(init.selectedId);
  }, []);

  const { conversation, thread } = useReadMarker(store, send, visible, selectedId ?? undefined);

  function select(id: string | null, push = true) {
    if (id === selected.current) return;
    typing.stop();
    selected.current = id;
    setSelectedId(id);
    if (push) history.pushState(null, "", id ? `/inbox/${id}` : "/inbox");
    if (id) openThread(id);
  }

  async function loadPage(f: InboxFilter, before?: string | null) {
    const k = keyOf(f);
    setPages((s) => ({ ...s, [k]: { cursor: s[k]?.cursor ?? null, loaded: !!s[k]?.loaded, loading: true } }));
    const res = await fetchPage(f, before);
    if (!res.ok) {
      setPages((s) => ({ ...s, [k]: { ...s[k], loading: false, error: res.error.message } }));
      return;
    }
    dispatch({ type: "conversations", conversations: res.data.conversations });
    setPages((s) => ({ ...s, [k]: { cursor: res.data.nextCursor, loading: false, loaded: true } }));
  }

  function setFilter(f: InboxFilter) {
    setFilterState(f);
    if (!pages[keyOf(f)]?.loaded) loadPage(f);
  }

  async function deliver(p: PendingReply) {
    const attachments = p.attachments?.map((a) => a.id) ?? [];
    const frame = {
      type: "send" as const,
      clientId: p.clientId,
      conversationId: p.conversationId,
      text: p.text,
      ...(attachments.length ? { attachments } : {}),
    };
    if (send(frame)) {
      setTimeout(() => {
        const still = current().threads[p.conversationId]?.pending.find((x) => x.clientId === p.clientId);
        if (still?.state === "sending" && isOpen()) {
          dispatch({ type: "reply.failed", clientId: p.clientId, error: "No answer from the server." });
        }
      }, ACK_TIMEOUT_MS);
      return;
    }
    const res = await postReply(p.conversationId, p.clientId, p.text, attachments);
    if (res.ok) dispatch({ type: "reply.stored", message: res.data.message });
    else dispatch({ type: "reply.failed", clientId: p.clientId, error: res.error.message });
  }

  function reply(text: string, attachments: WireAttachment[] = []) {
    const id = selected.current;
    if (!id) return;
    typing.stop();
    const p: PendingReply = {
      clientId: crypto.randomUUID(),
      conversationId: id,
      text,
      ...(attachments.length ? { attachments } : {}),
      createdAt: new Date().toISOString(),
      state: "sending",
    };
    dispatch({ type: "reply.sending", reply: p });
    deliver(p);
  }

  function retry(p: PendingReply) {
    const again: PendingReply = { ...p, state: "sending", error: undefined };
    dispatch({ type: "reply.sending", reply: again });
    deliver(again);
  }

  async function handle(to: "human" | "ai") {
    const id = selected.current;
    if (!id || busy) return;
    setBusy(true);
    const res = await setHandler(id, to);
    setBusy(false);
    if (res.ok) dispatch({ type: "conversations", conversations: [res.data.conversation] });
    else notice.show(res.error.message);
  }

  const page = pages[keyOf(filter)];
  return {
    state,
    list: listFor(state.conversations, filter),
    listReady: !!pages[keyOf(ALL)]?.loaded || conn === "open" || Object.keys(state.conversations).length > 0,
    page,
    loadMore: () => page?.cursor && loadPage(filter, page.cursor),
    filter,
    setFilter,
    selectedId,
    conversation,
    thread,
    typing: selectedId ? state.typing[selectedId] : undefined,
    select,
    reply,
    retry,
    onComposerInput: typing.input,
    takeOver: () => handle("human"),
    handBack: () => handle("ai"),
    busy,
    conn,
    notice: notice.value,
    dismissNotice: notice.clear,
    signedOut,
  };
}

/** What {@linkcode useInbox} returns. */
export type Inbox = ReturnType<typeof useInbox>;
