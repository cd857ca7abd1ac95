/**
 * The widget's WebSocket: sends `hello` first on every socket, pings every
 * `heartbeatMs`, treats a socket silent for two heartbeats as dead, and
 * reconnects with capped, jittered backoff (at once when the browser comes
 * back online). It is "online" only once the server's `welcome` arrives.
 *
 * @module
 */
import type { ClientFrame, ServerFrame } from "../../realtime/protocol.ts";
import { backoffDelay } from "./backoff.ts";

/**
 * The close code of a server going away for a restart or deploy (RFC 6455's 1012, sent by
 * `realtime/socket.ts` on SIGTERM): reconnect at once, not after the backoff; another instance serves.
 */
export const RESTART_CLOSE_CODE = 1012;
/** The spread of those immediate reconnects (ms), so a draining instance's widgets do not arrive in one instant. */
const RESTART_SPREAD_MS = 100;

/** What the visitor is told about the connection. */
export type ConnState = "connecting" | "online" | "reconnecting";

/** Options of {@linkcode Connection}. */
export interface ConnectionOptions {
  url: string;
  /** The first frame of each socket (built fresh: it carries the resume points). */
  hello(): ClientFrame;
  onFrame(frame: ServerFrame): void;
  onState(state: ConnState): void;
  heartbeatMs: number;
  /** Injectable for tests. */
  WebSocket?: typeof WebSocket;
  random?: () => number;
  baseMs?: number;
}

/** A self-healing socket. */
export class Connection {
  state: ConnState = "connecting";
  #ws: WebSocket | undefined;
  #attempt = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #beat: ReturnType<typeof setInterval> | undefined;
  #heard = 0;
  #stopped = false;
  #heartbeatMs: number;
  #online = () => this.reconnectNow();

  constructor(private o: ConnectionOptions) {
    this.#heartbeatMs = o.heartbeatMs > 0 ? o.heartbeatMs : 25_000;
  }

  /** Opens the first socket. */
  start(): void {
    globalThis.addEventListener?.("online", this.#online);
    this.#open();
  }

  /** Writes `frame` if the server has welcomed this socket; false otherwise (the caller keeps it). */
  send(frame: ClientFrame): boolean {
    const ws = this.#ws;
    if (this.state !== "online" || !ws || ws.readyState !== 1) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  /** Skips the wait of a pending reconnect (network back, tab visible again). */
  reconnectNow(): void {
    if (this.#stopped || this.#ws || this.#retry === undefined) return;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#open();
  }

  /** Drops the socket and opens a new one at once (e.g. with a new token). */
  restart(): void {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#drop();
    this.#attempt = 0;
    this.#open();
  }

  /** Closes for good. */
  stop(): void {
    this.#stopped = true;
    globalThis.removeEventListener?.("online", this.#online);
    clearTimeout(this.#retry);
    this.#drop();
  }

  #set(state: ConnState): void {
    if (state === this.state) return;
    this.state = state;
    this.o.onState(state);
  }

  #open(): void {
    this.#drop();
    const ws = new (this.o.WebSocket ?? WebSocket)(this.o.url);
    this.#ws = ws;
    ws.onopen = () => {
      this.#heard = Date.now();
      ws.send(JSON.stringify(this.o.hello()));
      this.#beat = setInterval(() => this.#heartbeat(), this.#heartbeatMs);
    };
    ws.onmessage = (e) => {
      if (ws !== this.#ws) return;
      this.#heard = Date.now();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (frame.type === "welcome") {
        this.#attempt = 0;
        if (frame.heartbeatMs > 0 && frame.heartbeatMs !== this.#heartbeatMs) {
          this.#heartbeatMs = frame.heartbeatMs;
          clearInterval(this.#beat);
          this.#beat = setInterval(() => this.#heartbeat(), this.#heartbeatMs);
        }
        this.#set("online");
      }
      this.o.onFrame(frame);
    };
    ws.onclose = (e) => {
      if (ws === this.#ws) this.#lost(e?.code === RESTART_CLOSE_CODE);
    };
  }

  #heartbeat(): void {
    if (Date.now() - this.#heard > 2 * this.#heartbeatMs) return this.#lost(); // a silent, dead socket
    if (this.#ws?.readyState === 1) this.#ws.send(JSON.stringify({ type: "ping" }));
  }

  #drop(): void {
    clearInterval(this.#beat);
    const ws = this.#ws;
    this.#ws = undefined;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    try {
      ws.close();
    } catch {
      // already closed
    }
  }

  #lost(restart = false): void {
    this.#drop();
    if (this.#stopped) return;
    this.#set(this.state === "connecting" ? "connecting" : "reconnecting");
    if (restart) this.#attempt = 0;
    const delay = restart
      ? Math.round((this.o.random ?? Math.random)() * RESTART_SPREAD_MS)
      : backoffDelay(this.#attempt++, { random: this.o.random, baseMs: this.o.baseMs });
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#open();
    }, delay);
  }
}
