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
import type { IdentifyInput, VisitorInfo, WidgetSession } from "../types.ts";
import { Connection } from "./connection.ts";
import { Expiring } from "./expiring.ts";
import { BrowserFlags } from "./flags.ts";
import { HandoffRequest } from "./handoff.ts";
import { newId, VisitorHttp } from "./http.ts";
import { Outbox } from "./outbox.ts";
import { pickCurrent, Threads } from "./threads.ts";
import { unreadCount, viewItems } from "./transcript.ts";
import { TypingSignal } from "./typing.ts";
import { type ChatState, type Notice, noticeOf } from "./state.ts";

/** Options of {@linkcode ChatClient}. */
export interface ClientOptions {
  origin: string;
  agentId: string;
  session: WidgetSession;
  /** The language the widget speaks, told to the server when a session is started again. */
  lang?: string;
  pageUrl(): string;
  /** A new message from the support side arrived (for the host page's `message` event). */
  onSupportMessage?(message: WireMessage): void;
  WebSocket?: typeof WebSocket;
  random?: () => number;
  baseMs?: number;
}

/** The widget's chat session. */
export class ChatClient {
  state: ChatState;
  /** True while the panel is open (messages then count as read). */
  visible = false;
  #o: ClientOptions;
  #http: VisitorHttp;
  #listeners = new Set<() => void>();
  #threads: Threads;
  #current: string | null = null;
  #outbox = new Outbox();
  #conn: Connection;
  #readSent = new Map<string, number>();
  #handoff = new HandoffRequest();
  /** The other side's typing indicator: it expires if its `off` never comes. */
  #typing = new Expiring<{ from: AuthorKind; name?: string }>(8000, () => this.#update());
  #notice = new Expiring<Notice>(6000, () => this.#update());
  #email: string | undefined;
  #retries = new Set<ReturnType<typeof setTimeout>>();
  #mine: TypingSignal;
  #flags: BrowserFlags;

  constructor(o: ClientOptions) {
    this.#o = o;
    this.#http = new VisitorHttp(o.session.token, o);
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
    this.#typing.stop();
    this.#notice.stop();
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
    const conv = this.#threads.conversation(this.#current);
    if (conv && conv.status === "open") {
      this.#handoff.askNow();
      this.#flush();
    } else {
      this.send(text);
      this.#handoff.askAfter(this.#outbox.items.at(-1)?.clientId);
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
    return this.#http.upload(file);
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
    await this.#http.rate(conversationId, { score, ...(comment ? { comment } : {}) });
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
    const visitor = await this.#http.identify(input);
    if (visitor.email) this.#email = visitor.email;
    this.#update();
    return visitor;
  }

  /** Shows a notice for a few seconds. */
  notify(notice: Notice): void {
    this.#notice.set(notice);
    this.#update();
  }

  #hello() {
    return { type: "hello" as const, token: this.#http.token, resume: this.#threads.resume(this.#current) };
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
        this.#handoff.acked(f.clientId);
        this.#flush();
        break;
      }
      case "message":
      case "message.updated":
        this.#addMessage(f.message, f.type === "message.updated");
        if (f.message.sender === "agent" && f.message.author.kind === this.#typing.value?.from) this.#typing.set(null);
        break;
      case "ai.token":
        this.#threads.token(f.conversationId, f.messageId, f.text);
        if (this.#typing.value?.from === "ai") this.#typing.set(null);
        break;
      case "typing":
        if (f.from !== "visitor" && f.conversationId === this.#current) {
          this.#typing.set(f.on ? { from: f.from, name: f.name } : null);
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
      this.#outbox.fail(clientId);
      // Transient: the same message goes again in a moment.
      if (code === "rate_limited" || code === "internal_error") {
        this.#retries.add(setTimeout(() => this.retry(clientId), 4000));
      }
    }
    this.notify(noticeOf(code));
  }

  async #refreshSession(): Promise<void> {
    const outcome = await this.#http.renew();
    if (outcome === "renewed") this.#conn.restart();
    else if (outcome === "gone") this.stop();
    else if (outcome === "failed") this.notify("error");
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
    if (this.#handoff.due && this.#current) {
      if (this.#conn.send({ type: "handoff", conversationId: this.#current })) this.#handoff.due = false;
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
      typing: this.#typing.value,
      handoff: this.#handoff.asked || conv?.handledBy === "human",
      notice: this.#notice.value,
      email: this.#email,
      unread: this.visible ? 0 : unreadCount(list, readSeq),
    };
  }

  #update(): void {
    this.state = this.#snapshot();
    for (const fn of [...this.#listeners]) fn();
  }
}
