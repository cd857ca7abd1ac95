/**
 * A scripted WebSocket for the widget's client tests: the test opens it,
 * feeds it frames and drops it; `all` lists every socket made (reset it in
 * each test's setup).
 *
 * @module
 */
import type { ClientFrame, ServerFrame } from "../../realtime/protocol.ts";

/** A WebSocket the test drives. */
export class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: ClientFrame[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e?: { code?: number; reason?: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  /** Delivers a frame (or raw text, to test bad frames). */
  push(frame: ServerFrame | string) {
    this.onmessage?.({ data: typeof frame === "string" ? frame : JSON.stringify(frame) });
  }
  /** The connection is lost. */
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  /** The `send` frames written so far. */
  sends() {
    return this.sent.filter((f) => f.type === "send");
  }
}
