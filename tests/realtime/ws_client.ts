/**
 * A test WebSocket client: collects frames and waits for the one a test
 * expects. Deno's WebSocket accepts headers (Cookie, Origin) for staff sockets.
 *
 * @module
 */
import type { ClientFrame, ServerFrame } from "../../realtime/protocol.ts";

/** A connected test client. */
export interface TestSocket {
  frames: ServerFrame[];
  send(frame: ClientFrame | Record<string, unknown> | string): void;
  /** Resolves with the first frame (seen or future) matching `match`, from `from` on. */
  next<T extends ServerFrame>(match: (f: ServerFrame) => f is T, timeoutMs?: number): Promise<T>;
  waitFor(match: (f: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** Opens a socket to `url` (http(s) URLs are turned into ws(s)). */
export function connect(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const ws = new WebSocket(url.replace(/^http/, "ws"), { headers } as unknown as string[]);
  const frames: ServerFrame[] = [];
  const waiters: Array<{ match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }> = [];
  let onClosed!: (v: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((r) => (onClosed = r));
  ws.onmessage = (e) => {
    const frame = JSON.parse(e.data) as ServerFrame;
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.match(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  };
  ws.onclose = (e) => onClosed({ code: e.code, reason: e.reason });
  const socket: TestSocket = {
    frames,
    send: (f) => ws.send(typeof f === "string" ? f : JSON.stringify(f)),
    next: (match, timeoutMs) => socket.waitFor(match, timeoutMs) as never,
    waitFor(match, timeoutMs = 5000) {
      const seen = frames.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`timed out; frames: ${JSON.stringify(frames).slice(-1500)}`)),
          timeoutMs,
        );
        waiters.push({ match, resolve: (f) => (clearTimeout(t), resolve(f)) });
      });
    },
    closed,
    async close() {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
      await closed;
    },
  };
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve(socket);
    ws.onerror = (e) => reject(new Error(`websocket error: ${(e as ErrorEvent).message ?? e.type}`));
  });
}
