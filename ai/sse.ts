/**
 * Server-sent events, read the way the WHATWG spec describes (CRLF, CR or LF
 * line ends, multi-line `data`, `:` comments, one optional space after the
 * colon), with the body split into chunks anywhere, even inside a CRLF or a
 * UTF-8 sequence. `readSse` adds what the adapters need on top: a limit on
 * silence, the caller's abort, and a connection that drops mid-stream
 * reported as `stream_cut`.
 *
 * We parse the bytes ourselves rather than through the SDKs' iterators
 * because those end quietly when the body stops early or is aborted, which
 * would turn a cut answer into a short "successful" one.
 *
 * @module
 */
import { ProviderError } from "../models/ports/ai_provider.ts";
import { abortReason, timeoutError } from "./errors.ts";

/** One dispatched event. */
export interface SseEvent {
  /** The `event:` field, "message" when absent. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  id?: string;
}

/** Parser switches for servers that bend the format. */
export interface SseParserOptions {
  /**
   * A line without a colon counts as one event of its own whose data is the
   * whole line (Lyzr's plain-text streams send a bare `[DONE]`). Off by
   * default, as the spec reads such a line as an empty field and drops it.
   */
  bareLines?: boolean;
}

const FIELDS = new Set(["data", "event", "id", "retry"]);

/** An incremental SSE parser: `push` text as it arrives, `end` once the body is over. */
export class SseParser {
  #buf = "";
  #data: string[] = [];
  #event = "";
  #id: string | undefined;
  #started = false;
  readonly #bareLines: boolean;

  constructor(opts: SseParserOptions = {}) {
    this.#bareLines = opts.bareLines ?? false;
  }

  /** Feeds decoded text; returns the events completed by it. */
  push(text: string): SseEvent[] {
    if (!this.#started && text) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const buf = this.#buf + text;
    const out: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const lf = buf.indexOf("\n", start);
      const cr = buf.indexOf("\r", start);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      if (end === -1) break;
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (end === cr && cr === buf.length - 1) break;
      this.#line(buf.slice(start, end), out);
      start = end === cr && buf[cr + 1] === "\n" ? cr + 2 : end + 1;
    }
    this.#buf = buf.slice(start);
    return out;
  }

  /** Flushes what is left: a last line without its newline, an event without its blank line. */
  end(): SseEvent[] {
    const out: SseEvent[] = [];
    const rest = this.#buf.replace(/\r$/, "");
    this.#buf = "";
    if (rest) this.#line(rest, out);
    this.#dispatch(out);
    return out;
  }

  #line(line: string, out: SseEvent[]): void {
    if (line === "") return this.#dispatch(out);
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    if (colon === -1 && this.#bareLines && !FIELDS.has(line)) {
      this.#dispatch(out);
      out.push({ event: "message", data: line, id: this.#id });
      return;
    }
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.#data.push(value);
    else if (field === "event") this.#event = value;
    else if (field === "id" && !value.includes("\0")) this.#id = value;
  }

  #dispatch(out: SseEvent[]): void {
    if (this.#data.length) out.push({ event: this.#event || "message", data: this.#data.join("\n"), id: this.#id });
    this.#data = [];
    this.#event = "";
  }
}

/** How `readSse` watches the stream. */
export interface ReadSseOptions extends SseParserOptions, ReadOptions {}

/** How `readText` watches a body. */
export interface ReadOptions {
  /** Longest silence between two chunks (and before the first), in ms. */
  idleTimeoutMs: number;
  /** The caller's signal: aborting it cancels the body and rejects with its reason. */
  signal?: AbortSignal;
  /** Provider name used in error messages. */
  label: string;
}

/**
 * The events of an SSE body. Throws `timeout` after `idleTimeoutMs` of
 * silence, `stream_cut` when the connection fails mid-body, and the abort
 * reason when `signal` fires. Leaving the loop early cancels the body, which
 * closes the connection. A body that simply ends is not an error here: the
 * caller knows which terminator it expected.
 */
export async function* readSse(body: ReadableStream<Uint8Array>, opts: ReadSseOptions): AsyncGenerator<SseEvent> {
  const parser = new SseParser(opts);
  for await (const text of readText(body, opts)) yield* parser.push(text);
  yield* parser.end();
}

/** The body as decoded text pieces, watched like `readSse` (same errors, same cancellation). */
export async function* readText(body: ReadableStream<Uint8Array>, opts: ReadOptions): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let finished = false;
  try {
    for (;;) {
      const next = await nextChunk(reader, opts.idleTimeoutMs, opts.signal);
      if (next === "idle") throw timeoutError(opts.label, opts.idleTimeoutMs, "stream silent, nothing");
      if (next === "aborted") throw abortReason(opts.signal!);
      if (next instanceof Error) {
        if (opts.signal?.aborted) throw abortReason(opts.signal);
        throw new ProviderError("stream_cut", `${opts.label}: connection lost mid-stream (${next.message})`);
      }
      if (next.done) break;
      const text = decoder.decode(next.value, { stream: true });
      if (text) yield text;
    }
    finished = true;
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The whole body as text, watched like `readSse`. */
export async function readAll(body: ReadableStream<Uint8Array>, opts: ReadOptions): Promise<string> {
  let text = "";
  for await (const piece of readText(body, opts)) text += piece;
  return text;
}

type Chunk = ReadableStreamReadResult<Uint8Array> | "idle" | "aborted" | Error;

/** The next read, or why none came; never leaves a timer or listener behind. */
function nextChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number,
  signal?: AbortSignal,
): Promise<Chunk> {
  if (signal?.aborted) return Promise.resolve("aborted");
  return new Promise<Chunk>((resolve) => {
    const settle = (value: Chunk) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    };
    const onAbort = () => settle("aborted");
    const timer = setTimeout(() => settle("idle"), idleMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    reader.read().then(settle, (err) => settle(err instanceof Error ? err : new Error(String(err))));
  });
}
