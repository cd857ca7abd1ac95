import assert from "node:assert/strict";
import { askAgent, type AskEvent } from "./ask.ts";

function withFetch(handler: (req: Request) => Response, fn: () => Promise<void>) {
  const original = globalThis.fetch;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    Promise.resolve(handler(new Request(new URL(String(input), "http://app.test"), init)));
  return fn().finally(() => (globalThis.fetch = original));
}

function sse(text: string) {
  return new Response(text, { headers: { "content-type": "text/event-stream; charset=utf-8" } });
}

Deno.test("askAgent posts the question and turns the stream into token, reset and done events", async () => {
  const seen: AskEvent[] = [];
  let sent: unknown;
  await withFetch(
    (req) => {
      assert.equal(req.method, "POST");
      assert.equal(new URL(req.url).pathname, "/api/agents/a1/ask");
      req.json().then((b) => (sent = b));
      return sse(
        'event: token\ndata: {"text":"Hel"}\n\nevent: reset\ndata: {}\n\nevent: token\ndata: {"text":"Hi"}\n\n' +
          'event: done\ndata: {"text":"Hi","html":"<p>Hi</p>","citations":[],"confidence":0.9,"handoff":null,"provider":"local"}\n\n',
      );
    },
    () => askAgent("a1", { message: "hello", sessionId: "s-1" }, (e) => seen.push(e)),
  );
  assert.deepEqual(sent, { message: "hello", sessionId: "s-1" });
  assert.deepEqual(seen.map((e) => e.type), ["token", "reset", "token", "done"]);
  assert.equal(seen[3].type === "done" && seen[3].answer.html, "<p>Hi</p>");
});

Deno.test("askAgent reports an API rejection, an error event and a cut stream as one error each", async () => {
  const cases: [Response, string][] = [
    [Response.json({ error: { code: "admin_only", message: "Nope." } }, { status: 403 }), "admin_only"],
    [
      sse('event: error\ndata: {"code":"provider_failed","message":"Down."}\n\nevent: done\ndata: {}\n\n'),
      "provider_failed",
    ],
    [sse('event: token\ndata: {"text":"Half"}\n\n'), "stream_cut"],
  ];
  for (const [res, code] of cases) {
    const seen: AskEvent[] = [];
    await withFetch(() => res, () => askAgent("a1", { message: "x" }, (e) => seen.push(e)));
    const errors = seen.filter((e) => e.type === "error" || e.type === "done");
    assert.equal(errors.length, 1, code);
    assert.equal(errors[0].type === "error" && errors[0].code, code);
  }
});
