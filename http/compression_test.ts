import assert from "node:assert/strict";
import { Hono } from "hono";
import { upgradeWebSocket } from "hono/deno";
import { streamSSE } from "hono/streaming";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { compression, pickEncoding } from "./compression.ts";

const PAGE = `<!doctype html><main>${"<p>Hello, support team.</p>".repeat(200)}</main>`;

function app() {
  const a = new Hono();
  a.use("*", compression());
  a.get("/page", (c) => c.html(PAGE));
  a.get("/small", (c) => c.json({ ok: true }));
  a.get("/data", (c) => c.json({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}` })) }));
  a.get("/image", (c) => c.body(new Uint8Array(4096).fill(1), 200, { "content-type": "image/png" }));
  a.get(
    "/download",
    (c) => c.body(PAGE, 200, { "content-type": "text/plain; charset=utf-8", "content-disposition": "attachment" }),
  );
  a.get("/sse", (c) =>
    streamSSE(c, async (stream) => {
      await stream.writeSSE({ event: "token", data: "x".repeat(2000) });
      await stream.sleep(300);
      await stream.writeSSE({ event: "done", data: "{}" });
    }));
  return a;
}

const get = (path: string, acceptEncoding?: string) =>
  app().request(path, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });

Deno.test("a page is sent as brotli to a browser that takes it, with Vary and the compressed length", async () => {
  const res = await get("/page", "gzip, deflate, br");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-encoding"), "br");
  assert.equal(res.headers.get("vary"), "Accept-Encoding");
  const body = new Uint8Array(await res.arrayBuffer());
  assert.equal(Number(res.headers.get("content-length")), body.length);
  assert.ok(body.length < PAGE.length / 10, `${body.length} bytes for a ${PAGE.length}-byte page`);
  assert.equal(new TextDecoder().decode(brotliDecompressSync(body)), PAGE);
});

Deno.test("JSON goes gzip to a client that takes only gzip, and as it is to one that takes nothing", async () => {
  const gz = await get("/data", "gzip");
  assert.equal(gz.headers.get("content-encoding"), "gzip");
  const json = JSON.parse(new TextDecoder().decode(gunzipSync(new Uint8Array(await gz.arrayBuffer()))));
  assert.equal(json.items.length, 200);
  const plain = await get("/data");
  assert.equal(plain.headers.get("content-encoding"), null);
  assert.equal(plain.headers.get("vary"), "Accept-Encoding");
  assert.equal((await plain.json()).items.length, 200);
});

Deno.test("small bodies, images, attachments and refused encodings go as they are", async () => {
  for (const [path, ae] of [["/small", "br"], ["/image", "br"], ["/download", "br"], ["/page", "br;q=0, gzip;q=0"]]) {
    const res = await get(path, ae);
    assert.equal(res.headers.get("content-encoding"), null, path);
    await res.body?.cancel();
  }
});

Deno.test("an event stream is never compressed and its first event arrives before the stream ends", async () => {
  const res = await get("/sse", "br, gzip");
  assert.equal(res.headers.get("content-encoding"), null);
  assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
  const reader = res.body!.getReader();
  const started = performance.now();
  const first = await reader.read();
  assert.match(new TextDecoder().decode(first.value), /event: token/);
  assert.ok(performance.now() - started < 250, "the first event waited for the stream's end");
  await reader.cancel();
});

Deno.test("a WebSocket upgrade passes untouched through a real server", async () => {
  const a = new Hono();
  a.use("*", compression());
  a.get("/ws", upgradeWebSocket(() => ({ onMessage: (e, ws) => ws.send(`echo ${e.data}`) })));
  const ac = new AbortController();
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", signal: ac.signal, onListen() {} }, a.fetch);
  try {
    const ws = new WebSocket(`ws://127.0.0.1:${server.addr.port}/ws`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reply = await new Promise<string>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error("no reply: the upgrade failed")), 5000);
      ws.onopen = () => ws.send("hi");
      ws.onmessage = (e) => resolve(String(e.data));
      ws.onerror = () => reject(new Error("the upgrade failed"));
    }).finally(() => clearTimeout(timer));
    assert.equal(reply, "echo hi");
    const closed = new Promise((r) => ws.onclose = r);
    ws.close();
    await closed;
  } finally {
    ac.abort();
    await server.finished;
  }
});

Deno.test("pickEncoding prefers brotli, honours q-values and wildcards", () => {
  assert.equal(pickEncoding("gzip, deflate, br"), "br");
  assert.equal(pickEncoding("br;q=0.5, gzip"), "gzip");
  assert.equal(pickEncoding("gzip;q=0"), null);
  assert.equal(pickEncoding("identity"), null);
  assert.equal(pickEncoding("*"), "br");
  assert.equal(pickEncoding(undefined), null);
});
