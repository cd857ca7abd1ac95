/**
 * The staff realtime connection: one WebSocket to `/api/realtime` that
 * reconnects by itself. Each (re)connection starts with a `hello` built at
 * that moment (so it carries the latest `resume` seqs) and counts as open
 * once the server's `welcome` arrives. While open it pings every
 * `heartbeatMs` and drops a connection that went silent. Retries back off
 * exponentially with jitter, capped at 15 s, and start over after a welcome.
 *
 * @module
 */
import type { ClientFrame, ServerFrame } from "../types.ts";

/** Where the connection stands. */
export type ConnectionState = "connecting" | "open" | "reconnecting" | "stopped";

/** First retry after about this long (ms). */
export const BACKOFF_BASE_MS = 500;
/** Retries never wait longer than this (ms). */
export const BACKOFF_CAP_MS = 15_000;

/**
 * Delay before retry number `attempt` (0-based): the capped exponential
 * step, of which a random half is taken off ("equal jitter"), so a server
 * restart is not met by every dashboard at the same instant.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * The close code of a server going away for a restart or deploy (RFC 6455's 1012, sent by
 * `realtime/socket.ts` on SIGTERM): reconnect at once (spread over `RESTART_SPREAD_MS`), not after the backoff.
 */
export const RESTART_CLOSE_CODE = 1012;
const RESTART_SPREAD_MS = 100;

/** The staff socket URL for a page at `origin`. */
export function realtimeUrl(origin: string): string {
  return `${origin.replace(/^http/, "ws")}/api/realtime`;
}

/** The parts of `WebSocket` used here (a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}

/** Options of {@linkcode RealtimeClient}. */
export interface RealtimeOptions {
  url: string;
  /** The first frame of each connection. */
  hello: () => ClientFrame;
  onFrame: (frame: ServerFrame) => void;
  /** `retryInMs` is set while waiting to reconnect. */
  onState: (state: ConnectionState, retryInMs?: number) => void;
  /** Makes the socket (default: the browser's WebSocket). */
  connect?: (url: string) => SocketLike;
  random?: () => number;
}

const OPEN = 1;

/** A self-healing WebSocket speaking the realtime protocol. */
export class RealtimeClient {
  #o: RealtimeOptions;
  #ws: SocketLike | null = null;
  #attempt = 0;
  #state: ConnectionState = "stopped";
  #retry: ReturnType<typeof setTimeout> | undefined;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #lastHeard = 0;

  constructor(options: RealtimeOptions) {
    this.#o = options;
  }

  /** The current state. */
  get state(): ConnectionState {
    return this.#state;
  }

  /** Connects (no-op when already connecting or open). */
  start(): void {
    if (this.#ws) return;
    clearTimeout(this.#retry);
    this.#set(this.#attempt === 0 ? "connecting" : "reconnecting");
    let ws: SocketLike;
    try {
      ws = (this.#o.connect ?? ((u) => new WebSocket(u)))(this.#o.url);
    } catch {
      return this.#scheduleRetry();
    }
    this.#ws = ws;
    ws.onopen = () => this.#raw(this.#o.hello());
    ws.onmessage = (ev) => this.#message(ev);
    ws.onclose = (ev) => this.#dropped(ws, ev?.code === RESTART_CLOSE_CODE);
    ws.onerror = () => {}; // `close` follows and handles it
  }

  /** Sends a frame when open; returns false (nothing sent) otherwise. */
  send(frame: ClientFrame): boolean {
    if (this.#state !== "open" || this.#ws?.readyState !== OPEN) return false;
    return this.#raw(frame);
  }

  /** Skips the wait before the next retry (back online, tab visible again). */
  retryNow(): void {
    if (this.#state === "reconnecting" && !this.#ws) {
      clearTimeout(this.#retry);
      this.start();
    }
  }

  /** Closes for good. */
  stop(): void {
    clearTimeout(this.#retry);
    clearInterval(this.#heartbeat);
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000, "bye");
    }
    this.#set("stopped");
  }

  #raw(frame: ClientFrame): boolean {
    try {
      this.#ws?.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  #message(ev: MessageEvent) {
    this.#lastHeard = Date.now();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(ev.data)) as ServerFrame;
    } catch {
      return;
    }
    if (!frame || typeof frame !== "object" || typeof frame.type !== "string") return;
    if (frame.type === "welcome") {
      this.#attempt = 0;
      this.#set("open");
      this.#beat(frame.heartbeatMs);
    }
    this.#o.onFrame(frame);
  }

  /** Pings on schedule; a connection that stays silent for over two beats is presumed dead. */
  #beat(ms: number) {
    clearInterval(this.#heartbeat);
    const every = Math.max(1000, Number.isFinite(ms) ? ms : 25_000);
    this.#heartbeat = setInterval(() => {
      if (Date.now() - this.#lastHeard > every * 2 + 1000) {
        const ws = this.#ws;
        ws?.close(4000, "heartbeat timeout");
        if (ws) this.#dropped(ws);
        return;
      }
      this.#raw({ type: "ping" });
    }, every);
  }

  #dropped(ws: SocketLike, restart = false) {
    if (this.#ws !== ws) return;
    ws.onclose = ws.onmessage = ws.onopen = null;
    this.#ws = null;
    clearInterval(this.#heartbeat);
    this.#scheduleRetry(restart);
  }

  #scheduleRetry(restart = false) {
    if (restart) this.#attempt = 0;
    const delay = restart
      ? Math.round((this.#o.random ?? Math.random)() * RESTART_SPREAD_MS)
      : backoffDelay(this.#attempt++, this.#o.random);
    this.#set("reconnecting", delay);
    this.#retry = setTimeout(() => this.start(), delay);
  }

  #set(state: ConnectionState, retryInMs?: number) {
    this.#state = state;
    this.#o.onState(state, retryInMs);
  }
}
