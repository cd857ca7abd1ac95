/**
 * The staff chat state (the Inbox's and the Tickets page's) and how every
 * event changes it: a pure reducer over the known conversations, the loaded
 * threads (messages unique by id, in `seq` order, plus replies still being
 * sent) and who is typing. Server frames go
 * in as they are; the reducer dedupes, so a frame seen twice (a resume after
 * a reconnect, an `ack` and its broadcast) changes nothing the second time.
 *
 * @module
 */
import type { AuthorKind, ServerFrame, VisitorJson, WireAttachment, WireConversation, WireMessage } from "../types.ts";
import { maxSeq, mergeConversations, mergeMessages, upsertConversation, withLatest } from "./merge.ts";

/** A reply typed here and not yet stored by the server. */
export interface PendingReply {
  clientId: string;
  conversationId: string;
  text: string;
  /** Files sent with it (already uploaded). */
  attachments?: WireAttachment[];
  createdAt: string;
  state: "sending" | "failed";
  error?: string;
}

/** One conversation's thread as loaded. */
export interface Thread {
  status: "loading" | "ready" | "error";
  error?: string;
  messages: WireMessage[];
  visitor: VisitorJson | null;
  pending: PendingReply[];
}

/** Someone typing in a conversation, until `until` (ms) unless told otherwise. */
export interface Typing {
  from: AuthorKind;
  name?: string;
  until: number;
}

/** Everything a staff chat island knows of its conversations. */
export interface ChatState {
  conversations: Record<string, WireConversation>;
  threads: Record<string, Thread>;
  typing: Record<string, Typing>;
}

/** What changes the state. */
export type ChatAction =
  | { type: "frame"; frame: ServerFrame; now: number }
  | { type: "conversations"; conversations: WireConversation[] }
  | { type: "thread.loading"; conversationId: string }
  | {
    type: "thread.loaded";
    conversation: WireConversation;
    messages: WireMessage[];
    visitor: VisitorJson;
  }
  | { type: "thread.failed"; conversationId: string; error: string }
  | { type: "thread.drop"; conversationId: string }
  | { type: "reply.sending"; reply: PendingReply }
  | { type: "reply.failed"; clientId: string; error: string }
  | { type: "reply.stored"; message: WireMessage }
  | { type: "read.local"; conversationId: string; seq: number }
  | { type: "typing.expire"; now: number };

/** How long a "typing" shows without news (the visitor's page may have closed mid-word). */
export const TYPING_TTL_MS = 6000;

/** An empty state, optionally with the conversations the server rendered. */
export function initialState(conversations: WireConversation[] = []): ChatState {
  return { conversations: mergeConversations({}, conversations), threads: {}, typing: {} };
}

/**
 * When `incoming` skips seqs after what the loaded thread holds, the seq to
 * ask the server to resend after (`sync`); null when there is no gap.
 */
export function gapBefore(thread: Thread | undefined, incoming: WireMessage): number | null {
  if (!thread || thread.status !== "ready") return null;
  if (thread.messages.some((m) => m.id === incoming.id)) return null;
  const have = maxSeq(thread.messages);
  return incoming.seq > have + 1 ? have : null;
}

function withThread(state: ChatState, id: string, fn: (t: Thread) => Thread): ChatState {
  const t = state.threads[id];
  return t ? { ...state, threads: { ...state.threads, [id]: fn(t) } } : state;
}

/** Stores messages into their (loaded) thread and settles the replies they answer. */
function addMessages(state: ChatState, messages: WireMessage[], authoritative = false): ChatState {
  let next = state;
  for (const m of messages) {
    next = withThread(next, m.conversationId, (t) => ({
      ...t,
      messages: mergeMessages(t.messages, [m], authoritative),
      pending: m.clientId ? t.pending.filter((p) => p.clientId !== m.clientId) : t.pending,
    }));
    const c = next.conversations[m.conversationId];
    const latest = c && withLatest(c, m);
    if (latest && latest !== c) next = { ...next, conversations: { ...next.conversations, [c.id]: latest } };
    // Whoever wrote a message has stopped typing it.
    const typing = next.typing[m.conversationId];
    if (typing && typing.from === m.author.kind) next = clearTyping(next, m.conversationId);
  }
  return next;
}

function clearTyping(state: ChatState, id: string): ChatState {
  if (!state.typing[id]) return state;
  const typing = { ...state.typing };
  delete typing[id];
  return { ...state, typing };
}

function applyFrame(state: ChatState, f: ServerFrame, now: number): ChatState {
  switch (f.type) {
    case "welcome":
      return { ...state, conversations: mergeConversations(state.conversations, f.conversations) };
    case "conversation":
      return { ...state, conversations: upsertConversation(state.conversations, f.conversation) };
    case "ack":
    case "message":
      return addMessages(state, [f.message]);
    case "message.updated":
      return addMessages(state, [f.message], true);
    case "ai.token":
      return withThread(state, f.conversationId, (t) => ({
        ...t,
        messages: t.messages.map((m) =>
          m.id === f.messageId && m.status === "streaming" ? { ...m, text: m.text + f.text } : m
        ),
      }));
    case "typing":
      return f.on
        ? {
          ...state,
          typing: { ...state.typing, [f.conversationId]: { from: f.from, name: f.name, until: now + TYPING_TTL_MS } },
        }
        : clearTyping(state, f.conversationId);
    case "read": {
      const c = state.conversations[f.conversationId];
      if (!c) return state;
      const key = f.by === "visitor" ? "visitorReadSeq" : "staffReadSeq";
      return { ...state, conversations: { ...state.conversations, [c.id]: { ...c, [key]: Math.max(c[key], f.seq) } } };
    }
    case "error":
      if (!f.clientId) return state;
      return failReply(state, f.clientId, f.message);
    default:
      return state;
  }
}

function failReply(state: ChatState, clientId: string, error: string): ChatState {
  const id = Object.keys(state.threads).find((k) => state.threads[k].pending.some((p) => p.clientId === clientId));
  if (!id) return state;
  return withThread(state, id, (t) => ({
    ...t,
    pending: t.pending.map((p) => (p.clientId === clientId ? { ...p, state: "failed", error } : p)),
  }));
}

/** The reducer. */
export function chatReducer(state: ChatState, a: ChatAction): ChatState {
  switch (a.type) {
    case "frame":
      return applyFrame(state, a.frame, a.now);
    case "conversations":
      return { ...state, conversations: mergeConversations(state.conversations, a.conversations) };
    case "thread.loading": {
      const old = state.threads[a.conversationId];
      const thread: Thread = old
        ? { ...old, status: old.status === "ready" ? "ready" : "loading", error: undefined }
        : { status: "loading", messages: [], visitor: null, pending: [] };
      return { ...state, threads: { ...state.threads, [a.conversationId]: thread } };
    }
    case "thread.loaded": {
      const id = a.conversation.id;
      const old = state.threads[id] ?? { status: "loading", messages: [], visitor: null, pending: [] };
      const loaded: ChatState = {
        ...state,
        conversations: upsertConversation(state.conversations, a.conversation),
        threads: { ...state.threads, [id]: { ...old, status: "ready", error: undefined, visitor: a.visitor } },
      };
      return addMessages(loaded, a.messages);
    }
    case "thread.failed":
      return withThread(state, a.conversationId, (t) => ({ ...t, status: "error", error: a.error }));
    case "thread.drop": {
      if (!state.threads[a.conversationId]) return state;
      const threads = { ...state.threads };
      delete threads[a.conversationId];
      return { ...state, threads };
    }
    case "reply.sending":
      return withThread(state, a.reply.conversationId, (t) => ({
        ...t,
        pending: [...t.pending.filter((p) => p.clientId !== a.reply.clientId), a.reply],
      }));
    case "reply.failed":
      return failReply(state, a.clientId, a.error);
    case "reply.stored":
      return addMessages(state, [a.message]);
    case "read.local": {
      const c = state.conversations[a.conversationId];
      if (!c || c.staffReadSeq >= a.seq) return state;
      return { ...state, conversations: { ...state.conversations, [c.id]: { ...c, staffReadSeq: a.seq } } };
    }
    case "typing.expire": {
      const typing = Object.fromEntries(Object.entries(state.typing).filter(([, t]) => t.until > a.now));
      return Object.keys(typing).length === Object.keys(state.typing).length ? state : { ...state, typing };
    }
  }
}
