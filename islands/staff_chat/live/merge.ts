/**
 * Pure merges behind the staff chat reducer: conversations into the known
 * map (never rolled back by a stale snapshot), messages into a thread
 * (unique by id, in seq order), and what a thread says about its
 * conversation.
 *
 * @module
 */
import type { WireConversation, WireMessage } from "../types.ts";

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
  // Like the server: what the team wrote itself is not unread for the team if it was caught up.
  const staffReadSeq = (m.author.kind === "staff" || m.internal) && c.staffReadSeq >= c.lastSeq && m.seq > c.lastSeq
    ? m.seq
    : c.staffReadSeq;
  // Like the server: an internal note takes a seq but is never the preview.
  if (m.internal) return m.seq > c.lastSeq ? { ...c, lastSeq: m.seq, staffReadSeq } : c;
  const at = Date.parse(m.createdAt) > Date.parse(c.lastMessageAt) ? m.createdAt : c.lastMessageAt;
  // An answer that has not started yet keeps the previous preview.
  const preview = m.text.trim() ? m.text.slice(0, 140) : c.lastMessagePreview;
  if (m.seq === c.lastSeq && at === c.lastMessageAt && preview === c.lastMessagePreview) return c;
  return { ...c, lastSeq: m.seq, lastMessageAt: at, lastMessagePreview: preview, staffReadSeq };
}

/** The highest seq in a thread (0 when empty). */
export function maxSeq(messages: WireMessage[]): number {
  return messages.reduce((n, m) => Math.max(n, m.seq), 0);
}

/**
 * What to resume after: the highest seq, but never past an answer still held
 * as `streaming` (it may have finished or been interrupted while away).
 */
export function resumeSeq(messages: WireMessage[]): number {
  const streaming = messages.filter((m) => m.status === "streaming").map((m) => m.seq);
  return streaming.length ? Math.min(maxSeq(messages), Math.min(...streaming) - 1) : maxSeq(messages);
}

/** The staff message the visitor has seen last: the newest staff message covered by `visitorReadSeq`, if it is the newest staff message. */
export function seenMessageId(messages: WireMessage[], visitorReadSeq: number): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.author.kind === "staff" && !m.internal) return visitorReadSeq >= m.seq ? m.id : null;
  }
  return null;
}
