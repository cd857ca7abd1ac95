/**
 * What visitor and staff sessions share: sending frames, the heartbeat
 * watchdog, topic subscriptions released on close, and turning domain errors
 * into error frames.
 *
 * @module
 */
import { AppError } from "../lib/errors.ts";
import type { Deps } from "../models/ports/deps.ts";
import type { ChatEvent } from "../models/ports/live_bus.ts";
import type { Conversation, Message } from "../models/chat/conversation.ts";
import type { ErrorCode, ServerFrame } from "./protocol.ts";
import { LIMITS } from "./protocol.ts";
import { messageFrame } from "./wire.ts";

/** Where a client resumes one conversation: after the last seq it holds. */
export type ResumePoint = { conversationId: string; afterSeq: number };

/** The transport a session writes to (a WebSocket, or a fake in tests). */
export interface Transport {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  readonly open: boolean;
}

/** A value now, or later when shaping it takes a lookup (attachments, visitors). */
type Made<T> = T | Promise<T>;
type MakeFrame = () => Made<ServerFrame | null>;

const serialise = (frame: ServerFrame | null) => frame && JSON.stringify(frame);
const serialised = (frame: Made<ServerFrame | null>): Made<string | null> =>
  frame instanceof Promise ? frame.then(serialise) : serialise(frame);

/**
 * Frames shaped from one event, serialised once however many sockets send
 * them (a workspace's staff tabs, a visitor's tabs), per view.
 */
const shared = new WeakMap<object, Map<string, Made<string | null>>>();

function sharedFrame(event: object, view: string, make: MakeFrame): Made<string | null> {
  let views = shared.get(event);
  if (!views) shared.set(event, views = new Map());
  let json = views.get(view);
  if (json === undefined) {
    json = serialised(make());
    views.set(view, json);
  }
  return json;
}

/** Every open session, per app (its `deps`): what a graceful shutdown tells to reconnect elsewhere. */
const sessions = new WeakMap<Deps, Set<SocketSession>>();

/**
 * The close code that tells a client "this server is going away, reconnect now" (RFC 6455's 1012, service
 * restart): the widget and the dashboards reconnect at once on it, without their backoff, and a load
 * balancer sends them to an instance that is still serving.
 */
export const RESTART_CLOSE_CODE = 1012;

/** Closes every open socket of the app built on `deps` with {@linkcode RESTART_CLOSE_CODE}; returns how many. */
export function closeAllSockets(deps: Deps, reason = "service restart"): number {
  const open = [...(sessions.get(deps) ?? [])];
  for (const s of open) s.close(RESTART_CLOSE_CODE, reason);
  return open.length;
}

/** Base of a socket session. */
export abstract class SocketSession {
  protected subscriptions = new Map<string, () => void>();
  #watchdog: ReturnType<typeof setInterval>;
  #lastHeard = performance.now();
  #closed = false;
  /** Frames are handled one at a time, in arrival order. */
  #queue: Promise<void> = Promise.resolve();
  /** Outgoing frames keep the order they were emitted in, even when one takes a lookup to shape. */
  #out: Promise<void> = Promise.resolve();
  /** Frames queued on `#out` and not sent yet. */
  #pending = 0;

  constructor(
    protected deps: Deps,
    protected transport: Transport,
    protected heartbeatMs: number = LIMITS.heartbeatMs,
  ) {
    let mine = sessions.get(deps);
    if (!mine) sessions.set(deps, mine = new Set());
    mine.add(this);
    // One timer per socket for its whole life (re-arming a timer on every frame costs more than the frame).
    this.#watchdog = setInterval(() => {
      if (performance.now() - this.#lastHeard > this.heartbeatMs * 2.5) this.close(4000, "heartbeat timeout");
    }, Math.max(10, this.heartbeatMs / 2));
  }

  /** Sends a frame (dropped silently once closed). */
  send(frame: ServerFrame): void {
    this.#sendJson(JSON.stringify(frame));
  }

  #sendJson(json: string): void {
    if (!this.#closed && this.transport.open) this.transport.send(json);
  }

  /**
   * Sends a frame in emitting order: at once when nothing is queued and it is ready, else behind the
   * frames still being shaped (then shaped in its turn, seeing what they changed).
   */
  protected emit(make: MakeFrame): void {
    if (this.#pending) return this.#enqueue(this.#out.then(make).then(serialise));
    let json: Made<string | null>;
    try {
      json = serialised(make());
    } catch (err) {
      json = Promise.reject(err);
    }
    this.#enqueue(json);
  }

  /**
   * Like `emit`, for a frame every socket shares that shapes `event` the same way: `view` names both the
   * frame and who it is for ("staff:message", "visitor:message"), as one event makes several frames.
   */
  protected emitShared(event: object, view: string, make: MakeFrame): void {
    this.#enqueue(sharedFrame(event, view, make));
  }

  #enqueue(json: Made<string | null>): void {
    if (!this.#pending && !(json instanceof Promise)) {
      if (json) this.#sendJson(json);
      return;
    }
    this.#pending++;
    this.#out = this.#out.then(() => json).then((data) => {
      if (data) this.#sendJson(data);
    }).catch((err) => this.deps.log.error("socket frame failed", { err })).finally(() => this.#pending--);
  }

  /** Sends an error frame. */
  fail(code: ErrorCode, message: string, clientId?: string): void {
    this.send({ type: "error", code, message, ...(clientId ? { clientId } : {}) });
  }

  /** Feeds the watchdog: a socket silent for 2.5 heartbeats is closed. */
  protected alive(): void {
    this.#lastHeard = performance.now();
  }

  protected subscribe(topic: string, handler: (event: ChatEvent) => void): void {
    if (this.subscriptions.has(topic)) return;
    this.subscriptions.set(topic, this.deps.bus.subscribe(topic, handler));
  }

  protected unsubscribe(topic: string): void {
    this.subscriptions.get(topic)?.();
    this.subscriptions.delete(topic);
  }

  /** Queues one raw frame for handling. */
  receive(data: unknown): void {
    this.alive();
    this.#queue = this.#queue.then(() => this.handle(data)).catch((err) => this.report(err));
  }

  /** Turns an error into an error frame (unknown errors are logged, not shown). */
  protected report(err: unknown, clientId?: string): void {
    if (err instanceof AppError) {
      const code: ErrorCode = err.status === 404
        ? "not_found"
        : err.status === 401
        ? "unauthorized"
        : err.status === 403
        ? "forbidden"
        : err.status === 429
        ? "rate_limited"
        : err.code === "too_large"
        ? "too_large"
        : "invalid_frame";
      this.fail(code, err.message, clientId);
      return;
    }
    this.deps.log.error("socket frame failed", { err });
    this.fail("internal_error", "Something went wrong.", clientId);
  }

  protected abstract handle(data: unknown): Promise<void>;

  /**
   * Sends what the client missed after each given seq: `open` finds (and authorises, and watches) the
   * conversation, `history` reads what came after. A conversation that fails says so and the rest go on.
   */
  protected async resumeEach(
    resume: ResumePoint[],
    view: "staff" | "visitor",
    open: (conversationId: string) => Promise<Conversation>,
    history: (conv: Conversation, afterSeq: number) => Promise<Message[]>,
  ): Promise<void> {
    for (const { conversationId, afterSeq } of resume) {
      try {
        const conv = await open(conversationId);
        for (const m of await history(conv, afterSeq)) {
          this.emit(() => messageFrame(this.deps, m, view, { type: "message" }));
        }
      } catch (err) {
        this.report(err);
      }
    }
  }

  /** Closes the socket and releases everything it held. */
  close(code = 1000, reason = ""): void {
    if (this.#closed) return;
    this.#closed = true;
    sessions.get(this.deps)?.delete(this);
    clearInterval(this.#watchdog);
    for (const off of this.subscriptions.values()) off();
    this.subscriptions.clear();
    if (this.transport.open) this.transport.close(code, reason);
  }

  /** True once closed. */
  get closed(): boolean {
    return this.#closed;
  }
}
