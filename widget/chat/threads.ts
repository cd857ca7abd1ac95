/**
 * What the widget holds of the visitor's conversations: each one's latest
 * state and its transcript, merged from whatever frames arrive (in any
 * order, any number of times). Says when a message reveals a gap in `seq`
 * (once per position) and when a support answer is new enough to announce.
 *
 * @module
 */
import type { WireConversation, WireMessage } from "../../realtime/protocol.ts";
import { appendToken, contiguousSeq, upsert } from "./transcript.ts";

/** What adding a message asks of the client. */
export interface Added {
  /** Ask for a `sync` after this seq: the message skipped some. */
  syncAfter: number | null;
  /** A complete support answer the visitor has not been told about. */
  announce: boolean;
}

/** The conversations and transcripts of one visitor. */
export class Threads {
  #convs = new Map<string, WireConversation>();
  #msgs = new Map<string, WireMessage[]>();
  /** Per conversation, the seq up to which support answers were announced. */
  #announced = new Map<string, number>();
  /** Per conversation, where the last `sync` was asked from. */
  #synced = new Map<string, number>();

  constructor(private readonly owner: { agentId: string; visitorId: string }) {}

  conversation(id: string | null): WireConversation | undefined {
    return id ? this.#convs.get(id) : undefined;
  }

  conversations(): WireConversation[] {
    return [...this.#convs.values()];
  }

  /** What a `hello` resumes: the open conversations and the shown one, each after what it needs. */
  resume(current: string | null): Array<{ conversationId: string; afterSeq: number }> {
    return this.conversations()
      .filter((c) => c.status === "open" || c.id === current)
      .map((c) => ({
        conversationId: c.id,
        // The shown conversation resumes from what the widget holds (0: its whole history);
        // others only from where the session left them (the widget shows them only if they move).
        afterSeq: this.loaded(c.id) || c.id === current ? this.held(c.id) : c.lastSeq,
      }))
      .slice(-50); // the server takes at most 50
  }

  messages(id: string | null | undefined): WireMessage[] {
    return (id && this.#msgs.get(id)) || [];
  }

  /** Whether this conversation's transcript was ever loaded here. */
  loaded(id: string): boolean {
    return this.#msgs.has(id);
  }

  /** The last seq held with nothing missing before it (where a resume or sync starts). */
  held(id: string): number {
    return contiguousSeq(this.messages(id));
  }

  /** Merges a conversation; the session's own list counts as already announced. */
  setConversation(c: WireConversation, fromSession = false): void {
    const old = this.#convs.get(c.id);
    this.#convs.set(c.id, old ? { ...old, ...c } : c);
    if (!this.#announced.has(c.id)) this.#announced.set(c.id, fromSession ? c.lastSeq : 0);
  }

  /** Adds (or with `replace`, updates) a message. */
  add(m: WireMessage, replace = false): Added {
    const id = m.conversationId;
    if (!this.#convs.has(id)) {
      // A conversation this page started: its `ack` may come before any `conversation` frame.
      this.setConversation({
        id,
        agentId: this.owner.agentId,
        visitorId: this.owner.visitorId,
        status: "open",
        handledBy: "ai",
        lastSeq: 0,
        lastMessageAt: m.createdAt,
        lastMessagePreview: "",
        visitorReadSeq: 0,
        staffReadSeq: 0,
        createdAt: m.createdAt,
      });
    }
    const before = this.messages(id);
    const have = contiguousSeq(before);
    this.#msgs.set(id, upsert(before, m, replace));
    const c = this.#convs.get(id)!;
    if (Number.isInteger(m.seq) && m.seq > c.lastSeq) {
      this.#convs.set(id, { ...c, lastSeq: m.seq, lastMessageAt: m.createdAt });
    }
    let syncAfter: number | null = null;
    if (Number.isInteger(m.seq) && m.seq > have + 1 && this.#synced.get(id) !== have) {
      this.#synced.set(id, have);
      syncAfter = have;
    }
    const announce = m.sender === "agent" && m.status === "complete" && m.seq > (this.#announced.get(id) ?? 0);
    if (announce) this.#announced.set(id, m.seq);
    return { syncAfter, announce };
  }

  /** A streamed piece of an AI answer. */
  token(conversationId: string, messageId: string, text: string): void {
    this.#msgs.set(conversationId, appendToken(this.messages(conversationId), conversationId, messageId, text));
  }

  /** A read marker from the server (never moves back). */
  read(conversationId: string, by: "staff" | "visitor", seq: number): void {
    const c = this.#convs.get(conversationId);
    if (!c) return;
    const key = by === "staff" ? "staffReadSeq" : "visitorReadSeq";
    this.#convs.set(c.id, { ...c, [key]: Math.max(c[key] ?? 0, seq) });
  }

  /** Records a `sync` asked after `seq`, so a gap is not asked about twice. */
  syncing(conversationId: string, seq: number): void {
    this.#synced.set(conversationId, seq);
  }
}

/** The conversation to show: the most recent open one. */
export function pickCurrent(conversations: WireConversation[]): string | null {
  const open = conversations.filter((c) => c.status === "open");
  open.sort((a, b) => (b.lastMessageAt ?? "").localeCompare(a.lastMessageAt ?? ""));
  return open[0]?.id ?? null;
}
