/**
 * A staff member's socket (one per dashboard tab): the workspace's inbox
 * changes, and the messages, AI tokens, typing and read markers of the
 * conversations it subscribes to. It closes at once when its user's sessions
 * end (removed from the workspace, logged out, password changed: the
 * `sessions.ended` signal on the live bus, from whichever instance made the
 * change); as a safety net its session is also re-checked every 15 s and
 * before each write.
 *
 * @module
 */
import * as chat from "../models/chat/chat.ts";
import { markRead, typing } from "../models/chat/signals.ts";
import { listConversations, staffHistory } from "../models/chat/history.ts";
import type { Conversation, Visitor } from "../models/chat/conversation.ts";
import { conversationVisitor } from "../models/chat/finders.ts";
import type { Deps } from "../models/ports/deps.ts";
import {
  type ChatEvent,
  conversationTopic,
  type SessionEndReason,
  userTopic,
  workspaceTopic,
} from "../models/ports/live_bus.ts";
import { authenticate } from "../models/accounts/session.ts";
import type { User } from "../models/accounts/user.ts";
import { parseFrame } from "./frames.ts";
import type { ServerFrame } from "./protocol.ts";
import { type ResumePoint, SocketSession, type Transport } from "./socket.ts";
import { messageFrame, wireConversation, wireConversations } from "./wire.ts";
import { wireTicket } from "../models/tickets/wire.ts";

const RECHECK_MS = 15_000;

/** What a socket closed by a `sessions.ended` signal says: always 4401 (the session ended), and why. */
const ENDED: Record<SessionEndReason, { reason: string; message: string }> = {
  removed: { reason: "account removed", message: "You were removed from this workspace." },
  signed_out: { reason: "signed out", message: "You signed out. Sign in again." },
  password_changed: { reason: "password changed", message: "Your password was changed. Sign in again." },
};

/**
 * Visitors' names for the inbox, read once per visitor rather than on every message: a
 * `conversation.updated` (which identifying a visitor publishes) reads it afresh.
 */
const visitorNames = new WeakMap<Deps, Map<string, Visitor | null>>();
const VISITOR_CACHE_MAX = 10_000;

function conversationFrame(deps: Deps, c: Conversation, why: ChatEvent["type"]): ServerFrame | Promise<ServerFrame> {
  let cache = visitorNames.get(deps);
  if (!cache) visitorNames.set(deps, cache = new Map());
  const key = `${c.workspaceId}/${c.visitorId}`;
  const known = why === "message.created" ? cache.get(key) : undefined;
  if (known !== undefined) return { type: "conversation", conversation: wireConversation(c, known) };
  return conversationVisitor(deps, c).then((visitor) => {
    if (cache.size >= VISITOR_CACHE_MAX) cache.clear();
    cache.set(key, visitor);
    return { type: "conversation", conversation: wireConversation(c, visitor) };
  });
}

/** One staff connection. */
export class StaffSession extends SocketSession {
  #recheck: ReturnType<typeof setInterval>;
  #greeted = false;

  constructor(deps: Deps, transport: Transport, private user: User, private token: string, heartbeatMs?: number) {
    super(deps, transport, heartbeatMs);
    this.#recheck = setInterval(() => this.#stillSignedIn().catch(() => {}), RECHECK_MS);
    this.subscribe(userTopic(user.id), this.#onSessionsEnded);
  }

  /** Closes at once when this socket's token stopped working: before another frame can go out. */
  #onSessionsEnded = (event: ChatEvent) => {
    if (event.type !== "sessions.ended" || event.userId !== this.user.id) return;
    // This socket's user was authenticated with its token, so its token version is the user's.
    if (event.reason !== "removed" && (event.tokenVersion ?? Infinity) <= this.user.tokenVersion) return;
    const { reason, message } = ENDED[event.reason];
    this.fail("unauthorized", message);
    this.close(4401, reason);
  };

  async #stillSignedIn(): Promise<boolean> {
    try {
      this.user = await authenticate(this.deps, this.token);
      return true;
    } catch {
      this.fail("unauthorized", "Your session has ended. Sign in again.");
      this.close(4401, "session ended");
      return false;
    }
  }

  #onWorkspace = (event: ChatEvent) => {
    // A socket watching the conversation gets the message itself, which moves the inbox row as well
    // (seq, time, preview): the row's frame would say nothing new.
    if (event.type === "message.created" && this.subscriptions.has(conversationTopic(event.conversation.id))) return;
    if (event.type === "message.created" || event.type === "conversation.updated") {
      this.emitShared(event, "staff:conversation", () => conversationFrame(this.deps, event.conversation, event.type));
    } else if (event.type === "ticket.updated") {
      this.emitShared(event, "staff:ticket", () => ({ type: "ticket", ticket: wireTicket(event.ticket) }));
    }
  };

  #onConversation = (event: ChatEvent) => {
    switch (event.type) {
      case "message.created":
      case "message.updated":
        this.emitShared(event, "staff:message", () =>
          messageFrame(this.deps, event.message, "staff", {
            type: event.type === "message.created" ? "message" : "message.updated",
          }));
        return;
      case "ai.token":
      case "read":
        this.emitShared(event, "staff:event", () => event);
        return;
      case "typing":
        if (event.actorId !== this.user.id) {
          this.emit(() => ({
            type: "typing",
            conversationId: event.conversationId,
            from: event.from,
            on: event.on,
            ...(event.name ? { name: event.name } : {}),
          }));
        }
    }
  };

  protected async handle(data: unknown): Promise<void> {
    const parsed = parseFrame(data);
    if (!parsed.ok) return this.fail(parsed.code, parsed.message, parsed.clientId);
    const frame = parsed.frame;
    const clientId = frame.type === "send" ? frame.clientId : undefined;
    try {
      if (frame.type === "ping") return this.emit(() => ({ type: "pong" }));
      if (frame.type !== "hello" && !this.#greeted) return this.fail("unauthorized", "Send hello first.");
      switch (frame.type) {
        case "hello":
          return await this.#hello(frame.resume ?? []);
        case "subscribe": {
          const conv = await chat.staffConversation(this.deps, this.user, frame.conversationId);
          this.subscribe(conversationTopic(conv.id), this.#onConversation);
          return;
        }
        case "unsubscribe":
          return this.unsubscribe(conversationTopic(frame.conversationId));
        case "send": {
          if (!(await this.#stillSignedIn())) return;
          const { message } = await chat.staffSend(this.deps, this.user, frame.conversationId ?? "", frame);
          this.emit(() => messageFrame(this.deps, message, "staff", { type: "ack", clientId: frame.clientId }));
          return;
        }
        case "typing":
          typing(
            this.deps,
            await chat.staffConversation(this.deps, this.user, frame.conversationId),
            "staff",
            frame.on,
            this.user,
          );
          return;
        case "read":
          await markRead(
            this.deps,
            await chat.staffConversation(this.deps, this.user, frame.conversationId),
            "staff",
            frame.seq,
          );
          return;
        case "sync":
          return await this.#resume([frame]);
        default:
          this.fail("forbidden", "Staff sockets cannot do that.");
      }
    } catch (err) {
      this.report(err, clientId);
    }
  }

  async #hello(resume: ResumePoint[]) {
    this.#greeted = true;
    this.subscribe(workspaceTopic(this.user.workspaceId), this.#onWorkspace);
    const recent = await listConversations(this.deps, this.user, { limit: 50 });
    this.emit(async () => ({
      type: "welcome",
      userId: this.user.id,
      heartbeatMs: this.heartbeatMs,
      conversations: await wireConversations(this.deps, recent),
    }));
    await this.#resume(resume);
  }

  #resume(resume: ResumePoint[]) {
    return this.resumeEach(resume, "staff", async (id) => {
      const conv = await chat.staffConversation(this.deps, this.user, id);
      this.subscribe(conversationTopic(conv.id), this.#onConversation);
      return conv;
    }, (conv, afterSeq) => staffHistory(this.deps, this.user, conv, afterSeq));
  }

  override close(code?: number, reason?: string): void {
    clearInterval(this.#recheck);
    super.close(code, reason);
  }
}
