/**
 * The chat's state and its conversation with the server: one socket
 * ({@linkcode Connection}), the unacknowledged messages ({@linkcode Outbox}),
 * and each conversation's transcript. The panel renders `state` and calls the
 * methods; nothing here touches the DOM.
 *
 * Delivery rules: every socket starts with `hello` resuming each open
 * conversation after the last contiguous `seq` the widget holds (0 on a fresh
 * page: the history comes back); everything unacknowledged is re-sent with
 * its original `clientId`; a gap in `seq` asks for a `sync`.
 *
 * @module
 */
import type {
  AuthorKind,
  ServerFrame,
  WireAttachment,
  WireConversation,
  WireMessage,
} from "../../realtime/protocol.ts";
import { fetchSession } from "../session.ts";
import type { IdentifyInput, VisitorInfo, WidgetSession } from "../types.ts";
import { Connection, type ConnState } from "./connection.ts";
import { BrowserFlags } from "./flags.ts";
import { identifyVisitor, newId, rateConversation, uploadFile } from "./http.ts";
import { Outbox } from "./outbox.ts";
import { pickCurrent, Threads } from "./threads.ts";
import { unreadCount, type ViewItem, viewItems } from "./transcript.ts";
import { TypingSignal } from "./typing.ts";

/** A short notice the panel shows (a key of the strings). */
export type Notice = "rate_limited" | "too_large" | "upload_failed" | "error";

/** Everything the panel shows. Replaced (never mutated) on each change. */
export interface ChatState {
  connection: ConnState;
  conversation: WireConversation | null;
  items: ViewItem[];
  typing: { from: AuthorKind; name?: string } | null;
  /** A person will follow up: asked for, or the conversation is handled by staff. */
  handoff: boolean;
  notice: Notice | null;
  /** The visitor's email, when known. */
  email?: string;
  /** Support-side messages the visitor has not seen. */
  unread: number;
}

/** Options of {@linkcode ChatClient}. */
export interface ClientOptions {
  origin: string;
  agentId: string;
  session: WidgetSession;
  pageUrl(): string;
  /** A new message from the support side arrived (for the host page's `message` event). */
  onSupportMessage?(message: WireMessage): void;
  WebSocket?: typeof WebSocket;
  random?: () => number;
  baseMs?: number;
}

const NOTICES: Record<string, Notice> = { rate_limited: "rate_limited", too_large: "too_large" };

/** The widget's chat session. */
export class ChatClient {
  state: ChatState;
  /** True while the panel is open (messages then count as read). */
  visible = false;
  #o: ClientOptions;
  #token: string;
  #listeners = new Set<() => void>();
  #threads: Threads;
  #current: string | null = null;
  #outbox = new Outbox();
  #conn: Connection;
  #readSent = new Map<string, number>();
  #handoffAsked = false;
  #handoffPending = false;
  #handoffAfter: string | undefined;
  #typing: { from: AuthorKind; name?: string } | null = null;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #notice: Notice | null = null;
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #email: string | undefined;
  #refreshedAt = 0;
  #retries = new Set<ReturnType<typeof setTimeout>>();
  #mine: TypingSignal;
  #flags: BrowserFlags;

  constructor(o: ClientOptions) {
    this.#o = o;
    this.#token = o.session.token;
    this.#flags = new BrowserFlags(o.agentId);
    this.#threads = new Threads({ agentId: o.agentId, visitorId: o.session.visitorId });
    for (const c of o.session.conversations ?? []) this.#setConversation(c, true);
    this.#current = pickCurrent(this.#threads.conversations());
    this.#conn = new Connection({
      url: `${o.origin.replace(/^http/, "ws")}/api/widget/ws`,
      heartbeatMs: o.session.heartbeatMs,
      hello: () => this.#hello(),
      onFrame: (f) => this.#onFrame(f),
      onState: () => this.#update(),
      WebSocket: o.WebSocket,
      random: o.random,
      baseMs: o.baseMs,
    });
    this.#mine = new TypingSignal((on) => {
      if (this.#current) this.#conn.send({ type: "typing", conversationId: this.#current, on });
    });
    this.state = this.#snapshot();
  }

  /** Calls `fn` after every change; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Connects. */
  start(): void {
    this.#conn.start();
  }

  /** Disconnects for good. */
  stop(): void {
    this.#conn.stop();
    this.#mine.stop();
    clearTimeout(this.#typingTimer);
    clearTimeout(this.#noticeTimer);
    for (const t of this.#retries) clearTimeout(t);
  }

  /** Sends a message (queued while offline, re-sent until acknowledged). */
  send(text: string, attachments: WireAttachment[] = []): void {
    text = text.trim();
    if (!text && !attachments.length) return;
    const conv = this.#threads.conversation(this.#current);
    this.#outbox.add({
      clientId: newId(),
      conversationId: conv && conv.status === "open" ? conv.id : undefined,
      text,
      attachments,
      pageUrl: this.#o.pageUrl(),
    });
    this.#mine.stop();
    this.#flush();
  }

  /** Sends a message the server refused again (same `clientId`). */
  retry(clientId: string): void {
    this.#outbox.requeue(clientId);
    this.#flush();
  }

  /** "Talk to a human": hands the conversation off, starting one with `text` if there is none yet. */
  requestHuman(text: string): void {
    this.#handoffAsked = true;
    const conv = this.#threads.conversation(this.#current);
    if (conv && conv.status === "open") {
      this.#handoffPending = true;
      this.#flush();
    } else {
      this.send(text);
      this.#handoffAfter = this.#outbox.items.at(-1)?.clientId;
    }
    this.#update();
  }

  /** The visitor typed in the composer. */
  typed(): void {
    this.#mine.input();
  }

  /** The panel opened or closed. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.#markRead();
    this.#update();
  }

  /** Uploads a file for the next message. */
  upload(file: Blob & { name?: string }): Promise<WireAttachment> {
    return uploadFile(this.#o.origin, this.#token, file);
  }

  /**
   * Shows one of the visitor's conversations (an emailed link points at it),
   * fetching what the widget does not hold yet. False when it is not theirs.
   */
  show(conversationId: string): boolean {
    const conv = this.#threads.conversation(conversationId);
    if (!conv) return false;
    this.#current = conv.id;
    const have = this.#threads.held(conv.id);
    if (!this.#threads.loaded(conv.id) || have < conv.lastSeq) {
      // Online: ask now. Offline: the next `hello` resumes the shown conversation from what is held.
      if (this.#conn.send({ type: "sync", conversationId: conv.id, afterSeq: have })) {
        this.#threads.syncing(conv.id, have);
      }
    }
    this.#markRead();
    this.#update();
    return true;
  }

  /** Whether the visitor already rated this ticket (remembered on this browser). */
  rated(ticketId: string): boolean {
    return this.#flags.has("rated", ticketId);
  }

  /** Rates the ticket of a resolved conversation; remembered so the card is not shown again. */
  async rate(conversationId: string, ticketId: string, score: number, comment?: string): Promise<void> {
    await rateConversation(this.#o.origin, this.#token, conversationId, { score, ...(comment ? { comment } : {}) });
    this.#flags.set("rated", ticketId, String(score));
    this.#update();
  }

  /** Whether the visitor declined to leave an email for this request ("No thanks"). */
  declined(requestId: string): boolean {
    return this.#flags.has("noemail", requestId);
  }

  /** "No thanks" to an email request. */
  decline(requestId: string): void {
    this.#flags.set("noemail", requestId, "1");
    this.#update();
  }

  /** Identifies the visitor (email, name, verification hash). */
  async identify(input: IdentifyInput): Promise<VisitorInfo> {
    const visitor = await identifyVisitor(this.#o.origin, this.#token, input);
    if (visitor.email) this.#email = visitor.email;
    this.#update();
    return visitor;
  }

  /** Shows a notice for a few seconds. */
  notify(notice: Notice): void {
    this.#notice = notice;
    clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => {
      this.#notice = null;
      this.#update();
    }, 6000);
    this.#update();
  }

  #hello() {
    const resume = this.#threads.conversations()
      .filter((c) => c.status === "open" || c.id === this.#current)
      .map((c) => ({
        conversationId: c.id,
        // The shown conversation resumes from what the widget holds (0: its whole history);
        // others only from where the session left them (the widget shows them only if they move).
        afterSeq: this.#threads.loaded(c.id) || c.id === this.#current ? this.#threads.held(c.id) : c.lastSeq,
      }))
      .slice(-50); // the server takes at most 50
    return { type: "hello" as const, token: this.#token, resume };
  }

  #onFrame(f: ServerFrame): void {
    switch (f.type) {
      case "welcome":
        for (const c of f.conversations ?? []) this.#setConversation(c);
        this.#current ??= pickCurrent(this.#threads.conversations());
        this.#outbox.reset();
        this.#flush();
        this.#markRead();
        break;
      case "ack": {
        const m = f.message;
        this.#outbox.ack(f.clientId, m.conversationId);
        this.#current = m.conversationId; // a first message starts the conversation shown
        this.#addMessage(m);
        if (this.#handoffAfter === f.clientId) {
          this.#handoffAfter = undefined;
          this.#handoffPending = true;
        }
        this.#flush();
        break;
      }
      case "message":
      case "message.updated":
        this.#addMessage(f.message, f.type === "message.updated");
        if (f.message.sender === "agent" && f.message.author.kind === this.#typing?.from) this.#setTyping(null);
        break;
      case "ai.token":
        this.#threads.token(f.conversationId, f.messageId, f.text);
        if (this.#typing?.from === "ai") this.#setTyping(null);
        break;
      case "typing":
        if (f.from !== "visitor" && f.conversationId === this.#current) {
          this.#setTyping(f.on ? { from: f.from, name: f.name } : null);
        }
        break;
      case "read":
        this.#threads.read(f.conversationId, f.by, f.seq);
        break;
      case "conversation":
        this.#setConversation(f.conversation);
        break;
      case "error":
        this.#onError(f.code, f.clientId);
        break;
    }
    this.#update();
  }

  #onError(code: string, clientId?: string): void {
    if (code === "unauthorized" && !clientId) return void this.#refreshSession();
    if (clientId && this.#outbox.items.some((i) => i.clientId === clientId)) {
      if (code === "rate_limited" || code === "internal_error") {
        // Transient: the same message goes again in a moment.
        this.#outbox.fail(clientId);
        this.#retries.add(setTimeout(() => this.retry(clientId), 4000));
      } else {
        this.#outbox.fail(clientId);
      }
    }
    this.notify(NOTICES[code] ?? "error");
  }

  async #refreshSession(): Promise<void> {
    if (Date.now() - this.#refreshedAt < 30_000) return;
    this.#refreshedAt = Date.now();
    try {
      const session = await fetchSession(this.#o.origin, this.#o.agentId, this.#o.pageUrl(), { fresh: true });
      if (!session) return this.stop();
      this.#token = session.token;
      this.#conn.restart();
    } catch {
      this.notify("error");
    }
  }

  #setConversation(c: WireConversation, fromSession = false): void {
    this.#threads.setConversation(c, fromSession);
    if (c.visitorEmail) this.#email ??= c.visitorEmail;
  }

  #addMessage(m: WireMessage, replace = false): void {
    const id = m.conversationId;
    if (m.sender === "user" && m.clientId) this.#outbox.ack(m.clientId, id);
    // A message for a conversation not shown: show it if it is a reply newer than the current one.
    if (id !== this.#current && (this.#current === null || m.sender === "agent")) this.#current = id;
    const { syncAfter, announce } = this.#threads.add(m, replace);
    if (syncAfter !== null) this.#conn.send({ type: "sync", conversationId: id, afterSeq: syncAfter });
    if (announce) this.#o.onSupportMessage?.(m);
    this.#markRead();
  }

  #setTyping(t: ChatState["typing"]): void {
    this.#typing = t;
    clearTimeout(this.#typingTimer);
    // The other side's indicator expires if its `off` never comes.
    if (t) {
      this.#typingTimer = setTimeout(() => {
        this.#typing = null;
        this.#update();
      }, 8000);
    }
  }

  #markRead(): void {
    if (!this.visible || !this.#current || (globalThis.document && document.visibilityState === "hidden")) return;
    const id = this.#current;
    const seq = Math.floor(this.#threads.messages(id).findLast((m) => Number.isInteger(m.seq))?.seq ?? 0);
    if (seq <= (this.#readSent.get(id) ?? 0)) return;
    if (this.#conn.send({ type: "read", conversationId: id, seq })) this.#readSent.set(id, seq);
  }

  #flush(): void {
    if (this.#conn.state !== "online") return this.#update();
    for (const frame of this.#outbox.drain()) this.#conn.send(frame);
    if (this.#handoffPending && this.#current) {
      if (this.#conn.send({ type: "handoff", conversationId: this.#current })) this.#handoffPending = false;
    }
    this.#update();
  }

  #snapshot(): ChatState {
    const conv = this.#threads.conversation(this.#current) ?? null;
    const list = this.#threads.messages(conv?.id);
    const pending = this.#outbox.items.filter((i) => !i.conversationId || i.conversationId === conv?.id);
    const readSeq = Math.max(conv?.visitorReadSeq ?? 0, this.#readSent.get(conv?.id ?? "") ?? 0);
    return {
      connection: this.#conn.state,
      conversation: conv,
      items: viewItems(list, pending, conv?.staffReadSeq ?? 0),
      typing: this.#typing,
      handoff: this.#handoffAsked || conv?.handledBy === "human",
      notice: this.#notice,
      email: this.#email,
      unread: this.visible ? 0 : unreadCount(list, readSeq),
    };
  }

  #update(): void {
    this.state = this.#snapshot();
    for (const fn of [...this.#listeners]) fn();
  }
}
