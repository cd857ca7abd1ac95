/**
 * Messages the visitor sent that the server has not acknowledged yet. Each
 * keeps its `clientId`, so a resend after a reconnect is idempotent (the
 * server returns the original message). While no conversation exists only the
 * first message may be in flight: its `ack` names the new conversation, and
 * the others follow into it instead of each starting one.
 *
 * @module
 */
import type { ClientFrame, WireAttachment } from "../../realtime/protocol.ts";

/** One unacknowledged message. */
export interface Outgoing {
  clientId: string;
  conversationId?: string;
  text: string;
  attachments: WireAttachment[];
  pageUrl?: string;
  /** `sent` once written on the current socket; `failed` when the server refused it for good. */
  state: "queued" | "sent" | "failed";
}

/** The queue of unacknowledged messages, oldest first. */
export class Outbox {
  items: Outgoing[] = [];

  /** Queues a new message. */
  add(item: Omit<Outgoing, "state">): Outgoing {
    const out: Outgoing = { ...item, state: "queued" };
    this.items.push(out);
    return out;
  }

  /** Forgets an acknowledged message; fills in the conversation for the ones waiting on it. */
  ack(clientId: string, conversationId: string): void {
    this.items = this.items.filter((i) => i.clientId !== clientId);
    for (const i of this.items) i.conversationId ??= conversationId;
  }

  /** Marks a message refused for good (too large, forbidden): it stays visible, with Retry. */
  fail(clientId: string): void {
    const item = this.items.find((i) => i.clientId === clientId);
    if (item) item.state = "failed";
  }

  /** Queues a message again: after a transient refusal, or the visitor's Retry. */
  requeue(clientId: string): void {
    const item = this.items.find((i) => i.clientId === clientId);
    if (item) item.state = "queued";
  }

  /** A new socket: whatever was written on the old one is sent again. */
  reset(): void {
    for (const i of this.items) if (i.state === "sent") i.state = "queued";
  }

  /**
   * The frames to write now (each marked `sent`), in order. Without a
   * conversation only the first message goes, and only when nothing is in flight.
   */
  drain(): ClientFrame[] {
    const frames: ClientFrame[] = [];
    for (const i of this.items) {
      if (i.state === "failed") continue;
      if (i.state === "queued") {
        i.state = "sent";
        frames.push({
          type: "send",
          clientId: i.clientId,
          text: i.text,
          ...(i.conversationId ? { conversationId: i.conversationId } : { pageUrl: i.pageUrl }),
          ...(i.attachments.length ? { attachments: i.attachments.map((a) => a.id) } : {}),
        });
      }
      if (!i.conversationId) break; // the rest wait for this one's ack
    }
    return frames;
  }
}
