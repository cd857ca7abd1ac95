/**
 * `useStaffSocket`: the one staff realtime connection a dashboard island
 * keeps (the Inbox, the Tickets page), wired to the shared store. It says
 * `hello` with the threads it holds (the server resubscribes them and sends
 * what they missed), asks for a `sync` when a message skips seqs, feeds every
 * frame to the reducer, stops on `unauthorized`, reconnects when the tab
 * comes back or the network does, expires stale typing indicators, and marks
 * the open thread read as far as it is shown while the tab is visible.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ServerFrame, WireConversation } from "../types.ts";
import { maxSeq } from "./merge.ts";
import { postRead } from "./rest.ts";
import { type ConnectionState, RealtimeClient, realtimeUrl } from "./socket.ts";
import { gapBefore, type Thread } from "./state.ts";
import type { Store } from "./use_store.ts";

/** What an island adds to the shared wiring. */
export interface StaffSocketOptions {
  store: Store;
  /** Where a loaded thread resumes after a reconnect. */
  resumeAfter(thread: Thread): number;
  /** At most this many threads are resumed (the most recently loaded). */
  maxResumed?: number;
  /** A frame the island handles itself, before (and instead of) the reducer: return true. */
  intercept?(frame: ServerFrame): boolean;
  /** After the reducer took a frame; `resumed` are the threads the last `hello` resumed. */
  afterFrame?(frame: ServerFrame, resumed: ReadonlySet<string>): void;
  /** Back/forward in the browser. */
  onPopState(): void;
}

/** A frame for the server; false when the socket is not open (the caller falls back to REST). */
export type Send = (frame: Parameters<RealtimeClient["send"]>[0]) => boolean;

/** The connection: `send`, its state, whether the session ended, whether the tab is visible. */
export function useStaffSocket(options: StaffSocketOptions) {
  const [conn, setConn] = useState<ConnectionState>("connecting");
  const [signedOut, setSignedOut] = useState(false);
  const [visible, setVisible] = useState(false);
  const client = useRef<RealtimeClient | null>(null);
  // Handlers run between renders: they read the latest options, not the first render's.
  const latest = useRef(options);
  latest.current = options;
  const send: Send = (f) => client.current?.send(f) ?? false;
  const { state, dispatch, current } = options.store;

  useEffect(() => {
    let resumed = new Set<string>();
    const onFrame = (frame: ServerFrame) => {
      const o = latest.current;
      if (o.intercept?.(frame)) return;
      if (frame.type === "message") {
        const after = gapBefore(current().threads[frame.message.conversationId], frame.message);
        if (after !== null) send({ type: "sync", conversationId: frame.message.conversationId, afterSeq: after });
      }
      dispatch({ type: "frame", frame, now: Date.now() });
      if (frame.type === "error" && frame.code === "unauthorized") {
        setSignedOut(true);
        client.current?.stop();
      }
      o.afterFrame?.(frame, resumed);
    };
    const rt = new RealtimeClient({
      url: realtimeUrl(location.origin),
      hello: () => {
        const o = latest.current;
        const resume = Object.entries(current().threads)
          .filter(([, t]) => t.status === "ready")
          .slice(-(o.maxResumed ?? Infinity))
          .map(([conversationId, t]) => ({ conversationId, afterSeq: o.resumeAfter(t) }));
        resumed = new Set(resume.map((r) => r.conversationId));
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
    const popstate = () => latest.current.onPopState();
    wake();
    addEventListener("online", online);
    addEventListener("popstate", popstate);
    document.addEventListener("visibilitychange", wake);
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

  return { send, conn, signedOut, visible, isOpen: () => client.current?.state === "open" };
}

/** Marks the open thread read as far as it is shown, while the tab is visible (over REST if the socket is down). */
export function useReadMarker(
  store: Store,
  send: Send,
  visible: boolean,
  conversationId: string | undefined,
): { conversation: WireConversation | undefined; thread: Thread | undefined } {
  const { state, dispatch } = store;
  const conversation = conversationId ? state.conversations[conversationId] : undefined;
  const thread = conversationId ? state.threads[conversationId] : undefined;
  const top = thread?.status === "ready" ? maxSeq(thread.messages) : 0;
  useEffect(() => {
    if (!conversationId || !conversation || !visible || top <= conversation.staffReadSeq) return;
    dispatch({ type: "read.local", conversationId, seq: top });
    if (!send({ type: "read", conversationId, seq: top })) postRead(conversationId, top);
  }, [conversationId, top, conversation?.staffReadSeq, visible]);
  return { conversation, thread };
}
