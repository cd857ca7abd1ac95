import assert from "node:assert/strict";
import { readEventStream, type SseMessage, SseReader } from "./sse.ts";

Deno.test("SseReader joins data lines, names events and skips comments", () => {
  const r = new SseReader();
  const events = r.push(': hi\nevent: token\ndata: {"text":"a"}\n\ndata: one\ndata: two\n\n');
  assert.deepEqual(events, [{ event: "token", data: '{"text":"a"}' }, { event: "message", data: "one\ntwo" }]);
});

Deno.test("SseReader handles chunks split anywhere, CRLF split across chunks and bare CR", () => {
  const text = "event: token\r\ndata: x\r\n\r\nevent: done\rdata:y\r\r";
  for (let cut = 0; cut <= text.length; cut++) {
    const r = new SseReader();
    const events = [...r.push(text.slice(0, cut)), ...r.push(text.slice(cut))];
    assert.deepEqual(events, [{ event: "token", data: "x" }, { event: "done", data: "y" }], `cut at ${cut}`);
  }
});

Deno.test("readEventStream decodes UTF-8 split between chunks and delivers every event", async () => {
  const bytes = new TextEncoder().encode('event: token\ndata: {"text":"café ✓"}\n\nevent: done\ndata: {}\n\n');
  const body = new ReadableStream<Uint8Array>({
    start(ctl) {
      for (let i = 0; i < bytes.length; i += 7) ctl.enqueue(bytes.slice(i, i + 7));
      ctl.close();
    },
  });
  const seen: SseMessage[] = [];
  await readEventStream(body, (e) => seen.push(e));
  assert.deepEqual(seen, [{ event: "token", data: '{"text":"café ✓"}' }, { event: "done", data: "{}" }]);
});
