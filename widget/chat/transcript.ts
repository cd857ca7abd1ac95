/**
 * One conversation's messages as the widget holds them: sorted by `seq`,
 * each id once, however often the server repeats it (resume after a
 * reconnect, an `ack` and a `message` for the same send, an AI answer's
 * `message`, tokens and `message.updated`). Pure functions returning new
 * arrays, so the UI re-renders on identity.
 *
 * @module
 */
import type { WireMessage } from "../../realtime/protocol.ts";
import type { Outgoing } from "./outbox.ts";

const bySeq = (a: WireMessage, b: WireMessage) => a.seq - b.seq;

function merge(old: WireMessage, next: WireMessage, replace: boolean): WireMessage {
  // A stale streaming copy (resume raced the final update) never undoes a finished answer.
  if (old.status !== "streaming" && next.status === "streaming") return old;
  // Two streaming copies of a `message` (resume snapshot vs. tokens seen): keep whichever holds
  // more. A streaming `message.updated` is a restart of the answer (`replace`): it wins.
  if (!replace && old.status === "streaming" && next.status === "streaming" && old.text.length > next.text.length) {
    return { ...next, text: old.text };
  }
  return next;
}

/**
 * `list` with `m` added or merged into its earlier copy (same id), sorted by
 * seq. `replace` is for `message.updated`, whose text is authoritative.
 */
export function upsert(list: readonly WireMessage[], m: WireMessage, replace = false): WireMessage[] {
  const i = list.findIndex((x) => x.id === m.id);
  if (i < 0) return [...list, m].sort(bySeq);
  const merged = merge(list[i], m, replace);
  if (merged === list[i]) return list as WireMessage[];
  const out = list.slice();
  out[i] = merged;
  return merged.seq === list[i].seq ? out : out.sort(bySeq);
}

/**
 * `list` with an AI token appended as text. A token for an answer the widget
 * has not seen yet starts a placeholder after the last message, replaced by
 * the real one (same id) when its `message` frame arrives.
 */
export function appendToken(
  list: readonly WireMessage[],
  conversationId: string,
  messageId: string,
  text: string,
  now = new Date(),
): WireMessage[] {
  const i = list.findIndex((x) => x.id === messageId);
  if (i >= 0) {
    if (list[i].status !== "streaming") return list as WireMessage[];
    const out = list.slice();
    out[i] = { ...list[i], text: list[i].text + text };
    return out;
  }
  const last = list.length ? list[list.length - 1].seq : 0;
  return [...list, {
    id: messageId,
    conversationId,
    seq: Math.floor(last) + 0.5,
    sender: "agent",
    author: { kind: "ai" },
    text,
    attachments: [],
    citations: [],
    status: "streaming",
    createdAt: now.toISOString(),
  }];
}

/**
 * The highest `n` such that seqs 1..n are all present and none is still
 * `streaming`: what to resume after (an answer held as streaming may have been
 * finished or interrupted meanwhile, so it is asked for again).
 */
export function contiguousSeq(list: readonly WireMessage[]): number {
  let n = 0;
  for (const m of list) {
    if (m.seq === n + 1 && m.status === "streaming") break;
    if (m.seq === n + 1) n++;
    else if (m.seq > n + 1 && Number.isInteger(m.seq)) break;
  }
  return n;
}

/** Support-side messages after `readSeq`: the launcher's unread count. */
export function unreadCount(list: readonly WireMessage[], readSeq: number): number {
  return list.filter((m) => m.sender === "agent" && m.seq > readSeq).length;
}

/** How a visitor message is doing. */
export type Receipt = "sending" | "failed" | "delivered" | "read";

/** A message as the panel shows it. */
export interface ViewItem {
  message: WireMessage;
  /** For visitor messages: pending ones, and the last acknowledged one. */
  receipt?: Receipt;
}

/**
 * The stored messages followed by the visitor's unacknowledged ones (unless
 * already stored: a `message` may beat its `ack`); the last stored visitor
 * message says Delivered, or Read once staff have read up to it.
 */
export function viewItems(
  list: readonly WireMessage[],
  pending: readonly Outgoing[],
  staffReadSeq: number,
): ViewItem[] {
  const items: ViewItem[] = list.map((message) => ({ message }));
  const lastOwn = items.findLast((i) => i.message.sender === "user");
  if (lastOwn) lastOwn.receipt = staffReadSeq >= lastOwn.message.seq ? "read" : "delivered";
  const stored = new Set(list.map((m) => m.clientId).filter(Boolean));
  for (const p of pending) {
    if (stored.has(p.clientId)) continue;
    items.push({
      message: {
        id: p.clientId,
        conversationId: p.conversationId ?? "",
        seq: Infinity,
        clientId: p.clientId,
        sender: "user",
        author: { kind: "visitor" },
        text: p.text,
        attachments: p.attachments,
        citations: [],
        status: "complete",
        createdAt: "",
      },
      receipt: p.state === "failed" ? "failed" : "sending",
    });
  }
  return items;
}

/**
 * The system messages the panel shows as cards, by id: per ticket, the first
 * `email_request` (the server may ask twice in a row, e.g. when an AI answer
 * that was still being written also hands off; the form already on screen
 * stays) and the last `rating_request` (a ticket resolved again asks again).
 * The others are spent and not shown at all.
 */
export function liveCards(list: readonly ViewItem[]): Set<string> {
  const email = new Map<string, string>();
  const rating = new Map<string, string>();
  for (const { message: m } of list) {
    if (m.sender !== "system") continue;
    const ticket = m.ticketId ?? m.conversationId;
    if (m.event === "email_request" && !email.has(ticket)) email.set(ticket, m.id);
    if (m.event === "rating_request") rating.set(ticket, m.id);
  }
  return new Set([...email.values(), ...rating.values()]);
}
