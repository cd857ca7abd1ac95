/**
 * A small server-sent events reader for the browser: `EventSource` only
 * does GET, and the playground POSTs its question, so the islands read the
 * `text/event-stream` body themselves. Handles LF, CR and CRLF line ends,
 * multi-line `data`, `:` comments and chunks split anywhere.
 *
 * @module
 */

/** One event: its name ("message" when unnamed) and its data lines joined by "\n". */
export interface SseMessage {
  event: string;
  data: string;
}

/** Incremental parser: `push` decoded text, get the events it completed. */
export class SseReader {
  #buf = "";
  #event = "";
  #data: string[] = [];
  #pendingCr = false;

  /** Feeds text; returns the events completed by it. */
  push(text: string): SseMessage[] {
    // A CR at the end of the last chunk may be the first half of a CRLF.
    if (this.#pendingCr && text.startsWith("\n")) text = text.slice(1);
    this.#pendingCr = text.endsWith("\r");
    this.#buf += text;
    const out: SseMessage[] = [];
    const lines = this.#buf.split(/\r\n|\r|\n/);
    this.#buf = lines.pop() ?? "";
    for (const line of lines) this.#line(line, out);
    return out;
  }

  /** Ends the stream; an event without its closing blank line is dropped, as the spec says. */
  end(): SseMessage[] {
    this.#buf = "";
    this.#data = [];
    this.#event = "";
    return [];
  }

  #line(line: string, out: SseMessage[]) {
    if (line === "") {
      if (this.#data.length) out.push({ event: this.#event || "message", data: this.#data.join("\n") });
      this.#data = [];
      this.#event = "";
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.#data.push(value);
    else if (field === "event") this.#event = value;
  }
}

/** Reads a `text/event-stream` body to its end, calling `onEvent` for each event. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: SseMessage) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const sse = new SseReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const e of sse.push(decoder.decode(value, { stream: true }))) onEvent(e);
    }
    for (const e of sse.push(decoder.decode() + "\n")) onEvent(e);
  } finally {
    reader.releaseLock();
  }
}
