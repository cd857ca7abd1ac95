/**
 * The Inbox's state and how every event changes it: a pure reducer over the
 * known conversations, the loaded threads (messages unique by id, in `seq`
 * order, plus replies still being sent) and who is typing. Server frames go
 * in as they are; the reducer dedupes, so a frame seen twice (a resume after
 * a reconnect, an `ack` and its broadcast) changes nothing the second time.
 *
 * @module
 */
import type { AuthorKind, InboxFilter, ServerFrame, VisitorJson, WireConversation, WireMessage } from "./types.ts";

/** A reply typed here and not yet stored by the server. */
export interface PendingReply {
  clientId: string;
  conversationId: string;
  text: string;
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

/** Everything the Inbox knows. */
export interface InboxState {
  conversations: Record<string, WireConversation>;
  threads: Record<string, Thread>;
  typing: Record<string, Typing>;
}

/** What changes the state. */
export type InboxAction =
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
export function initialState(conversations: WireConversation[] = []): InboxState {
  return { conversations: mergeConversations({}, conversations), threads: {}, typing: {} };
}

/**
 * Puts `c` into the map. A snapshot older than what is known (a lower
 * `lastSeq`, e.g. a REST page that raced a live frame) keeps the newer
 * message fields; read markers only ever go up; and the visitor's name and
 * email stay when an answer leaves them out (take over / hand back do).
 */
export function upsertConversation(
  map: Record<string, WireConversation>,
  c: WireConversation,
): Record<string, WireConversation> {
  const old = map[c.id];
  if (!old) return { ...map, [c.id]: c };
  const stale = c.lastSeq < old.lastSeq;
  const next: WireConversation = {
    ...(old.visitorName ? { visitorName: old.visitorName } : {}),
    ...(old.visitorEmail ? { visitorEmail: old.visitorEmail } : {}),
    ...c,
    ...(stale
      ? { lastSeq: old.lastSeq, lastMessageAt: old.lastMessageAt, lastMessagePreview: old.lastMessagePreview }
      : {}),
    visitorReadSeq: Math.max(old.visitorReadSeq, c.visitorReadSeq),
    staffReadSeq: Math.max(old.staffReadSeq, c.staffReadSeq),
  };
  return { ...map, [c.id]: next };
}

/** {@linkcode upsertConversation} for many. */
export function mergeConversations(
  map: Record<string, WireConversation>,
  list: WireConversation[],
): Record<string, WireConversation> {
  return list.reduce(upsertConversation, map);
}

/** Newest activity first (ties: newest id first, ids sort by creation time). */
export function byActivity(a: WireConversation, b: WireConversation): number {
  const d = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  return d !== 0 ? d : b.id < a.id ? -1 : b.id > a.id ? 1 : 0;
}

/** True when `c` passes the list's filters. */
export function matchesFilter(c: WireConversation, f: InboxFilter): boolean {
  return (f.handledBy === "all" || c.handledBy === f.handledBy) && (!f.agentId || c.agentId === f.agentId);
}

/** The conversations to list for `f`, newest activity first. */
export function listFor(map: Record<string, WireConversation>, f: InboxFilter): WireConversation[] {
  return Object.values(map).filter((c) => matchesFilter(c, f)).sort(byActivity);
}

/**
 * Merges messages into a thread: unique by id, ordered by seq. A replayed
 * copy (`authoritative` false: a resume, a sync, a REST load) never shortens
 * an answer that tokens already grew; `message.updated` is the server's
 * word and replaces (a provider retry resets the text).
 */
export function mergeMessages(list: WireMessage[], incoming: WireMessage[], authoritative = false): WireMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) {
    const old = byId.get(m.id);
    const grown = !authoritative && old?.status === "streaming" && m.status === "streaming" &&
      old.text.length > m.text.length;
    byId.set(m.id, grown ? { ...m, text: old.text } : m);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * A conversation as a message shows it to be: a message at or past its
 * `lastSeq` is its latest (the list's preview and time follow it, since an
 * AI answer finishing sends no `conversation` frame of its own).
 */
export function withLatest(c: WireConversation, m: WireMessage): WireConversation {
  if (m.seq < c.lastSeq) return c;
  const at = Date.parse(m.createdAt) > Date.parse(c.lastMessageAt) ? m.createdAt : c.lastMessageAt;
  // An answer that has not started yet keeps the previous preview.
  const preview = m.text.trim() ? m.text.slice(0, 140) : c.lastMessagePreview;
  if (m.seq === c.lastSeq && at === c.lastMessageAt && preview === c.lastMessagePreview) return c;
  return { ...c, lastSeq: m.seq, lastMessageAt: at, lastMessagePreview: preview };
}

/** The highest seq in a thread (0 when empty). */
export function maxSeq(messages: WireMessage[]): number {
  return messages.reduce((n, m) => Math.max(n, m.seq), 0);
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

/** The staff message the visitor has seen last: the newest staff message covered by `visitorReadSeq`, if it is the newest staff message. */
export function seenMessageId(messages: WireMessage[], visitorReadSeq: number): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.author.kind === "staff") return visitorReadSeq >= m.seq ? m.id : null;
  }
  return null;
}

function withThread(state: InboxState, id: string, fn: (t: Thread) => Thread): InboxState {
  const t = state.threads[id];
  return t ? { ...state, threads: { ...state.threads, [id]: fn(t) } } : state;
}

/** Stores messages into their (loaded) thread and settles the replies they answer. */
function addMessages(state: InboxState, messages: WireMessage[], authoritative = false): InboxState {
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

function clearTyping(state: InboxState, id: string): InboxState {
  if (!state.typing[id]) return state;
  const typing = { ...state.typing };
  delete typing[id];
  return { ...state, typing };
}

function applyFrame(state: InboxState, f: ServerFrame, now: number): InboxState {
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

function failReply(state: InboxState, clientId: string, error: string): InboxState {
  const id = Object.keys(state.threads).find((k) => state.threads[k].pending.some((p) => p.clientId === clientId));
  if (!id) return state;
  return withThread(state, id, (t) => ({
    ...t,
    pending: t.pending.map((p) => (p.clientId === clientId ? { ...p, state: "failed", error } : p)),
  }));
}

/** The reducer. */
export function inboxReducer(state: InboxState, a: InboxAction): InboxState {
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
      const loaded: InboxState = {
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
