import assert from "node:assert/strict";
import { plainDeps, tinyApp } from "../tests/fakes/http_kit.ts";
import { type SocketEnd, socketRoute } from "./socket_route.ts";

/** Serves an app whose `/api/ws` echoes frames upper-cased and records when its session ends. */
async function serve(opts: { ownOriginOnly?: string } = {}) {
  const ended = Promise.withResolvers<void>();
  const ac = new AbortController();
  const listening = Promise.withResolvers<number>();
  const server = Deno.serve({
    port: 0,
    hostname: "127.0.0.1",
    signal: ac.signal,
    onListen: ({ port }) => listening.resolve(port),
  }, (req) => app.fetch(req));
  const port = await listening.promise;
  const url = `http://127.0.0.1:${port}`;
  const app = tinyApp(plainDeps({ APP_URL: url }));
  app.get(
    "/api/ws",
    socketRoute((c) => (end: SocketEnd) => ({
      receive: (data) => end.send(`${c.req.path}:${String(data).toUpperCase()}`),
      close: () => ended.resolve(),
    }), opts),
  );
  return {
    url,
    ended: ended.promise,
    async close() {
      ac.abort();
      await server.finished;
    },
  };
}

Deno.test("a socket route feeds the session each frame and tells it when the socket ends", async () => {
  const s = await serve();
  const ws = new WebSocket(`${s.url.replace("http", "ws")}/api/ws`);
  const reply = new Promise<string>((resolve) => ws.onmessage = (e) => resolve(e.data));
  await new Promise((resolve) => ws.onopen = resolve);
  ws.send("hello");
  assert.equal(await reply, "/api/ws:HELLO");
  ws.close();
  await s.ended;
  await s.close();
});

Deno.test("with ownOriginOnly, a foreign or missing Origin answers 403 bad_origin before any upgrade", async () => {
  const s = await serve({ ownOriginOnly: "Own origin only." });
  for (const headers of [{ origin: "https://evil.example" }, {} as Record<string, string>]) {
    const res = await fetch(`${s.url}/api/ws`, { headers });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error: { code: "bad_origin", message: "Own origin only." } });
  }
  await s.close();
});

Deno.test("a plain GET (no upgrade) falls through to the next handler", async () => {
  const s = await serve();
  const res = await fetch(`${s.url}/api/ws`);
  assert.equal(res.status, 404);
  await res.body?.cancel();
  await s.close();
});
