/**
 * A visitor's socket: authenticated by the token in its `hello` frame,
 * limited in size and rate, and given only its own conversations. Internal
 * notes never pass (`visibleToVisitor`). Outgoing frames keep event order.
 *
 * @module
 */
import * as chat from "../models/chat/chat.ts";
import { markRead, typing } from "../models/chat/signals.ts";
import { visitorHistory } from "../models/chat/history.ts";
import type { Visitor } from "../models/chat/conversation.ts";
import { publicSeqOf, seqOfPublicSeq, visitorConversations } from "../models/chat/finders.ts";
import type { Deps } from "../models/ports/deps.ts";
import { type ChatEvent, conversationTopic, visitorTopic } from "../models/ports/live_bus.ts";
import { handOffToTeam } from "../models/tickets/handoff.ts";
import { authenticateVisitor } from "../models/chat/visitors.ts";
import { parseFrame } from "./frames.ts";
import type { ClientFrame } from "./protocol.ts";
import { LIMITS } from "./protocol.ts";
import { type ResumePoint, SocketSession, type Transport } from "./socket.ts";
import { messageFrame, wireConversationForVisitor, wireConversationsForVisitor } from "./wire.ts";

const HELLO_TIMEOUT_MS = 10_000;

/** One visitor connection. */
export class VisitorSession extends SocketSession {
  #visitor: Visitor | null = null;
  /** Conversations known to be this visitor's (checked once, not on every message). */
  #own = new Set<string>();
  /** Client ids this socket is sending: their `message.created` comes back as the ack instead. */
  #sending = new Set<string>();
  #strikes = 0;
  #helloTimer: ReturnType<typeof setTimeout>;

  constructor(deps: Deps, transport: Transport, heartbeatMs?: number) {
    super(deps, transport, heartbeatMs);
    this.#helloTimer = setTimeout(() => this.close(4401, "no hello"), HELLO_TIMEOUT_MS);
  }

  #onEvent = (event: ChatEvent) => {
    switch (event.type) {
      case "message.created":
      case "message.updated":
        if (!chat.visibleToVisitor(event.message) || (event.type === "message.updated" && event.staffOnly)) return;
        if (event.type === "message.created" && this.#sending.has(event.message.clientId ?? "")) return;
        this.emitShared(event, "visitor:message", () =>
          messageFrame(this.deps, event.message, "visitor", {
            type: event.type === "message.created" ? "message" : "message.updated",
          }));
        return;
      case "ai.token":
        this.emit(() => event);
        return;
      case "typing":
        if (event.from !== "visitor") {
          this.emit(() => ({
            type: "typing",
            conversationId: event.conversationId,
            from: event.from,
            on: event.on,
            ...(event.name ? { name: event.name.split(" ")[0] } : {}),
          }));
        }
        return;
      case "read":
        if (event.by === "staff") {
          this.emit(async () => ({
            ...event,
            seq: await publicSeqOf(this.deps, this.#visitor!.workspaceId, event.conversationId, event.seq),
          }));
        }
        return;
      case "conversation.updated":
        this.emit(async () => ({
          type: "conversation",
          conversation: await wireConversationForVisitor(this.deps, event.conversation, this.#visitor!),
        }));
    }
  };

  #watch(conversationId: string) {
    this.#own.add(conversationId);
    this.subscribe(conversationTopic(conversationId), this.#onEvent);
  }

  #limited(frame: ClientFrame): boolean {
    const id = this.#visitor!.id;
    const over = !this.deps.limiter.hit(`ws:frames:${id}`, LIMITS.visitorFrames).ok ||
      (frame.type === "send" && !this.deps.limiter.hit(`ws:sends:${id}`, LIMITS.visitorSends).ok);
    if (!over) return false;
    this.fail(
      "rate_limited",
      "Too many messages; slow down a little.",
      frame.type === "send" ? frame.clientId : undefined,
    );
    if (++this.#strikes >= 20) this.close(1008, "flood");
    return true;
  }

  protected async handle(data: unknown): Promise<void> {
    const parsed = parseFrame(data);
    if (!parsed.ok) {
      this.fail(parsed.code, parsed.message, parsed.clientId);
      if (++this.#strikes >= 20) this.close(1008, "too many bad frames");
      return;
    }
    const frame = parsed.frame;
    if (!this.#visitor) {
      if (frame.type !== "hello" || !frame.token) {
        this.fail("unauthorized", "Send hello with your token first.");
        return;
      }
      return await this.#hello(frame.token, frame.resume ?? []);
    }
    if (this.#limited(frame)) return;
    const visitor = this.#visitor;
    const clientId = frame.type === "send" ? frame.clientId : undefined;
    try {
      switch (frame.type) {
        case "hello":
          return await this.#resume(frame.resume ?? []);
        case "ping":
          this.emit(() => ({ type: "pong" }));
          return;
        case "send": {
          this.#sending.add(frame.clientId);
          try {
            const { message, conversation } = await chat.visitorSend(this.deps, visitor, frame, this.#own);
            this.#watch(conversation.id);
            this.emit(() => messageFrame(this.deps, message, "visitor", { type: "ack", clientId: frame.clientId }));
          } finally {
            this.#sending.delete(frame.clientId);
          }
          return;
        }
        case "typing":
          typing(
            this.deps,
            await chat.visitorConversation(this.deps, visitor, frame.conversationId),
            "visitor",
            frame.on,
          );
          return;
        case "read": {
          // Visitors count in public seqs; read markers are kept in seqs.
          const conv = await chat.visitorConversation(this.deps, visitor, frame.conversationId);
          const seq = await seqOfPublicSeq(this.deps, conv, frame.seq);
          await markRead(this.deps, conv, "visitor", seq);
          return;
        }
        case "handoff":
          await handOffToTeam(
            this.deps,
            await chat.visitorConversation(this.deps, visitor, frame.conversationId),
            "asked_for_human",
          );
          return;
        case "sync":
          return await this.#resume([frame]);
        default:
          this.fail("forbidden", "Visitors cannot do that.");
      }
    } catch (err) {
      this.report(err, clientId);
    }
  }

  async #hello(token: string, resume: ResumePoint[]) {
    try {
      this.#visitor = await authenticateVisitor(this.deps, token);
    } catch (err) {
      this.report(err);
      this.close(4401, "unauthorized");
      return;
    }
    clearTimeout(this.#helloTimer);
    this.deps.presence.join(this.#visitor.id);
    // An identify (over HTTP, maybe on another instance) changes the name this socket writes messages under.
    this.subscribe(visitorTopic(this.#visitor.id), (event) => {
      if (event.type === "visitor.updated" && event.visitor.id === this.#visitor?.id) this.#visitor = event.visitor;
    });
    const conversations = await visitorConversations(this.deps, this.#visitor);
    for (const c of conversations) this.#watch(c.id);
    this.emit(async () => ({
      type: "welcome",
      visitorId: this.#visitor!.id,
      heartbeatMs: this.heartbeatMs,
      conversations: await wireConversationsForVisitor(this.deps, conversations, this.#visitor!),
    }));
    await this.#resume(resume);
  }

  /** Sends what the visitor missed after each given seq (own conversations only). */
  #resume(resume: ResumePoint[]) {
    return this.resumeEach(resume, "visitor", async (id) => {
      const conv = await chat.visitorConversation(this.deps, this.#visitor!, id);
      this.#watch(conv.id);
      return conv;
    }, (conv, afterSeq) => visitorHistory(this.deps, conv, afterSeq));
  }

  override close(code?: number, reason?: string): void {
    clearTimeout(this.#helloTimer);
    if (!this.closed && this.#visitor) this.deps.presence.leave(this.#visitor.id);
    super.close(code, reason);
  }
}
