/**
 * `useInbox`: everything the Inbox island does besides drawing. It keeps one
 * realtime connection (see `socket.ts`), feeds its frames to the reducer,
 * opens threads (subscribe first, then fetch, so nothing falls between),
 * fills gaps in seqs with `sync`, sends replies over the socket (REST when
 * the socket is down; the same `clientId` either way, so retries never
 * double a reply), marks the visible thread read, relays our typing, and
 * keeps the URL (`/inbox/:id`) in step with the selection.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { fetchPage, fetchThread, postRead, postReply, setHandler } from "./rest.ts";
import { type ConnectionState, RealtimeClient, realtimeUrl } from "./socket.ts";
import { listFor, maxSeq, resumeSeq } from "./merge.ts";
import { gapBefore, type PendingReply } from "./state.ts";
import type { InboxFilter, ServerFrame, WireConversation } from "./types.ts";
import { useStore } from "./use_store.ts";
import { useTyping } from "./use_typing.ts";

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
const NOTICE_MS = 6000;

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
  const [conn, setConn] = useState<ConnectionState>("connecting");
  const [filter, setFilterState] = useState<InboxFilter>(ALL);
  const [pages, setPages] = useState<Record<string, PageState>>(
    init.conversations ? { [keyOf(ALL)]: { cursor: init.nextCursor, loading: false, loaded: true } } : {},
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [visible, setVisible] = useState(false);
  const [busy, setBusy] = useState(false);
  const client = useRef<RealtimeClient | null>(null);
  const opened = useRef<string[]>([]);
  /** Threads the last `hello` resumed (the server subscribed them and sends what they missed). */
  const resumed = useRef(new Set<string>());
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const send = (f: Parameters<RealtimeClient["send"]>[0]) => client.current?.send(f) ?? false;
  const typing = useTyping(send, () => selected.current);

  function flash(message: string) {
    setNotice(message);
    clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice(null), NOTICE_MS);
  }

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

  function onFrame(frame: ServerFrame) {
    if (frame.type === "message") {
      const after = gapBefore(current().threads[frame.message.conversationId], frame.message);
      if (after !== null) send({ type: "sync", conversationId: frame.message.conversationId, afterSeq: after });
    }
    dispatch({ type: "frame", frame, now: Date.now() });
    if (frame.type === "welcome") {
      if (selected.current && !resumed.current.has(selected.current)) follow(selected.current);
      for (const t of Object.values(current().threads)) {
        for (const p of t.pending) if (p.state === "sending") deliver(p);
      }
    } else if (frame.type === "error") {
      if (frame.code === "unauthorized") {
        setSignedOut(true);
        client.current?.stop();
      } else if (!frame.clientId) flash(frame.message);
    }
  }

  useEffect(() => {
    const rt = new RealtimeClient({
      url: realtimeUrl(location.origin),
      hello: () => {
        const resume = Object.entries(current().threads)
          .filter(([, t]) => t.status === "ready")
          .slice(-MAX_LIVE_THREADS)
          .map(([conversationId, t]) => ({ conversationId, afterSeq: resumeSeq(t.messages) }));
        resumed.current = new Set(resume.map((r) => r.conversationId));
        return { type: "hello", resume };
      },
      onFrame,
      onState: setConn,
    });
    client.current = rt;
    rt.start();
    const wake = () => {
      setVisible(document.visibilityState === "visible");
      if (document.visibilityState === "visible") rt.retryNow();
    };
    const online = () => rt.retryNow();
    const popstate = () => select(idFromPath(location.pathname), false);
    wake();
    addEventListener("online", online);
    addEventListener("popstate", popstate);
    document.addEventListener("visibilitychange", wake);
    if (!init.conversations) loadPage(ALL);
    if (init.selectedId) openThread(init.selectedId);
    return () => {
      rt.stop();
      removeEventListener("online", online);
      removeEventListener("popstate", popstate);
      document.removeEventListener("visibilitychange", wake);
    };
  }, []);

  // Typing indicators expire on their own if the "off" never comes.
  const typingCount = Object.keys(state.typing).length;
  useEffect(() => {
    if (!typingCount) return;
    const t = setInterval(() => dispatch({ type: "typing.expire", now: Date.now() }), 1000);
    return () => clearInterval(t);
  }, [typingCount]);

  // The open thread is read as far as it is shown, while the tab is visible.
  const conversation = selectedId ? state.conversations[selectedId] : undefined;
  const thread = selectedId ? state.threads[selectedId] : undefined;
  const top = thread?.status === "ready" ? maxSeq(thread.messages) : 0;
  useEffect(() => {
    if (!selectedId || !conversation || !visible || top <= conversation.staffReadSeq) return;
    dispatch({ type: "read.local", conversationId: selectedId, seq: top });
    if (!send({ type: "read", conversationId: selectedId, seq: top })) postRead(selectedId, top);
  }, [selectedId, top, conversation?.staffReadSeq, visible]);

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
    const frame = { type: "send" as const, clientId: p.clientId, conversationId: p.conversationId, text: p.text };
    if (send(frame)) {
      setTimeout(() => {
        const still = current().threads[p.conversationId]?.pending.find((x) => x.clientId === p.clientId);
        if (still?.state === "sending" && client.current?.state === "open") {
          dispatch({ type: "reply.failed", clientId: p.clientId, error: "No answer from the server." });
        }
      }, ACK_TIMEOUT_MS);
      return;
    }
    const res = await postReply(p.conversationId, p.clientId, p.text);
    if (res.ok) dispatch({ type: "reply.stored", message: res.data.message });
    else dispatch({ type: "reply.failed", clientId: p.clientId, error: res.error.message });
  }

  function reply(text: string) {
    const id = selected.current;
    if (!id) return;
    typing.stop();
    const p: PendingReply = {
      clientId: crypto.randomUUID(),
      conversationId: id,
      text,
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
    else flash(res.error.message);
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
    notice,
    dismissNotice: () => setNotice(null),
    signedOut,
  };
}

/** What {@linkcode useInbox} returns. */
export type Inbox = ReturnType<typeof useInbox>;
