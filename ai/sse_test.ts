import assert from "node:assert/strict";
import { ProviderError } from "../models/ports/ai_provider.ts";
import { readSse, type SseEvent, SseParser } from "./sse.ts";

const enc = new TextEncoder();

function parseAll(text: string, bareLines = false): SseEvent[] {
  const p = new SseParser({ bareLines });
  return [...p.push(text), ...p.end()];
}

function bodyOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>, idleTimeoutMs = 1000, signal?: AbortSignal) {
  const out: SseEvent[] = [];
  for await (const ev of readSse(body, { idleTimeoutMs, signal, label: "Test" })) out.push(ev);
  return out;
}

const SAMPLE = ": comment, ignored\n" +
  "event: first\ndata: line one\ndata:line two\nid: 7\n\n" +
  "data:  two spaces keep one\n\n" +
  'data: {"text":"héllo 👋"}\n\n' +
  "retry: 1000\nunknown: field\n\n" +
  "data: [DONE]\n\n";

const EXPECTED: SseEvent[] = [
  { event: "first", data: "line one\nline two", id: "7" },
  { event: "message", data: " two spaces keep one", id: "7" },
  { event: "message", data: '{"text":"héllo 👋"}', id: "7" },
  { event: "message", data: "[DONE]", id: "7" },
];

Deno.test("SseParser reads events, multi-line data, comments and the one optional space", () => {
  assert.deepEqual(parseAll(SAMPLE), EXPECTED);
});

Deno.test("SseParser treats CRLF, CR and LF line ends alike", () => {
  assert.deepEqual(parseAll(SAMPLE.replaceAll("\n", "\r\n")), EXPECTED);
  assert.deepEqual(parseAll(SAMPLE.replaceAll("\n", "\r")), EXPECTED);
});

Deno.test("SseParser flushes a last event that lacks its blank line", () => {
  assert.deepEqual(parseAll("data: a\n\ndata: b"), [
    { event: "message", data: "a", id: undefined },
    { event: "message", data: "b", id: undefined },
  ]);
  assert.deepEqual(parseAll("data: [DONE]\r"), [{ event: "message", data: "[DONE]", id: undefined }]);
});

Deno.test("SseParser ignores a leading byte-order mark", () => {
  assert.deepEqual(parseAll("\uFEFFdata: x\n\n"), [{ event: "message", data: "x", id: undefined }]);
});

Deno.test("SseParser with bareLines makes a colon-less line its own event", () => {
  assert.deepEqual(parseAll("data: Hi\n\n[DONE]\n", true).map((e) => e.data), ["Hi", "[DONE]"]);
  assert.deepEqual(parseAll("[DONE]\n").map((e) => e.data), []);
});

Deno.test("readSse gives the same events whatever the chunk boundaries (bytes, CRLF and UTF-8 split)", async () => {
  for (const text of [SAMPLE, SAMPLE.replaceAll("\n", "\r\n")]) {
    const bytes = enc.encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const got = await collect(bodyOf([bytes.slice(0, cut), bytes.slice(cut)]));
      assert.deepEqual(got, EXPECTED, `split at byte ${cut}`);
    }
    const oneByOne = await collect(bodyOf([...bytes].map((b) => new Uint8Array([b]))));
    assert.deepEqual(oneByOne, EXPECTED);
  }
});

Deno.test("readSse throws timeout when the body goes silent", async () => {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(enc.encode("data: a\n\n"));
    },
    cancel() {
      cancelled = true;
    },
  });
  const seen: string[] = [];
  await assert.rejects(
    async () => {
      for await (const ev of readSse(body, { idleTimeoutMs: 50, label: "Test" })) seen.push(ev.data);
    },
    (err) => err instanceof ProviderError && err.kind === "timeout",
  );
  assert.deepEqual(seen, ["a"]);
  assert.equal(cancelled, true);
});

Deno.test("readSse rejects with the abort reason and cancels the body", async () => {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(enc.encode("data: a\n\n"));
    },
    cancel() {
      cancelled = true;
    },
  });
  const ctl = new AbortController();
  await assert.rejects(
    async () => {
      for await (const _ of readSse(body, { idleTimeoutMs: 5000, signal: ctl.signal, label: "Test" })) {
        setTimeout(() => ctl.abort(), 10);
      }
    },
    (err) => err instanceof DOMException && err.name === "AbortError",
  );
  assert.equal(cancelled, true);
});

Deno.test("readSse reports a connection lost mid-body as stream_cut", async () => {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(enc.encode("data: a\n\n"));
      c.error(new TypeError("connection reset"));
    },
  });
  await assert.rejects(
    () => collect(body),
    (err) => err instanceof ProviderError && err.kind === "stream_cut",
  );
});
