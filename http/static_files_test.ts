import assert from "node:assert/strict";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { staticRoutes } from "./static_files.ts";

async function withRoot(fn: (root: string) => Promise<void>) {
  const root = await Deno.makeTempDir({ prefix: "frontdesk-static-" });
  try {
    await Deno.mkdir(join(root, "build", "widget"), { recursive: true });
    await Deno.writeTextFile(join(root, "app.css"), "body{}");
    await Deno.writeTextFile(join(root, "page.html"), "<script>");
    await Deno.writeTextFile(join(root, ".secret.txt"), "no");
    await Deno.writeTextFile(join(root, "build", "widget.js"), "loader()");
    await Deno.writeTextFile(join(root, "build", "widget", "chat-ABCD2345.js"), "chat()");
    await Deno.writeFile(join(root, "build", "widget", "chat-ABCD2345.js.br"), brotliCompressSync("chat()"));
    await Deno.writeFile(join(root, "build", "widget", "chat-ABCD2345.js.gz"), gzipSync("chat()"));
    await Deno.writeTextFile(join(root, "build", "app-QRST4567.css"), "body{}");
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("known types are served with their type and a short cache", () =>
  withRoot(async (root) => {
    const res = await staticRoutes(root).request("/static/app.css");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/css; charset=utf-8");
    assert.equal(res.headers.get("cache-control"), "public, max-age=300");
    assert.equal(await res.text(), "body{}");
  }));

Deno.test("HTML, dotfiles and paths out of the root are never served", () =>
  withRoot(async (root) => {
    for (const path of ["/static/page.html", "/static/.secret.txt", "/static/..%2F..%2Fetc%2Fpasswd.txt"]) {
      assert.equal((await staticRoutes(root).request(path)).status, 404, path);
    }
  }));

Deno.test("the widget's loader and chat are readable from any origin; the loader's stable URL is kept briefly", () =>
  withRoot(async (root) => {
    const loader = await staticRoutes(root).request("/widget.js", { headers: { origin: "https://shop.example" } });
    assert.equal(await loader.text(), "loader()");
    assert.equal(loader.headers.get("access-control-allow-origin"), "*");
    assert.equal(loader.headers.get("cache-control"), "public, max-age=300");
    const chat = await staticRoutes(root).request("/widget/chat-ABCD2345.js");
    assert.equal(chat.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(chat.headers.get("access-control-allow-origin"), "*");
    await chat.body?.cancel();
  }));

Deno.test("content-hashed build files are immutable for a year; a query string makes nothing immutable", () =>
  withRoot(async (root) => {
    const css = await staticRoutes(root).request("/static/build/app-QRST4567.css");
    assert.equal(css.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(await css.text(), "body{}");
    const loader = await staticRoutes(root).request("/widget.js?v=abcdef123456");
    assert.equal(loader.headers.get("cache-control"), "public, max-age=300");
    await loader.body?.cancel();
  }));

Deno.test("the precompressed twin is sent by Accept-Encoding, brotli first, with Vary and its own length", () =>
  withRoot(async (root) => {
    const br = await staticRoutes(root).request("/widget/chat-ABCD2345.js", {
      headers: { "accept-encoding": "gzip, br" },
    });
    assert.equal(br.headers.get("content-encoding"), "br");
    assert.equal(br.headers.get("vary"), "Accept-Encoding");
    const brBody = new Uint8Array(await br.arrayBuffer());
    assert.equal(Number(br.headers.get("content-length")), brBody.length);
    assert.equal(new TextDecoder().decode(brotliDecompressSync(brBody)), "chat()");
    const gz = await staticRoutes(root).request("/widget/chat-ABCD2345.js", { headers: { "accept-encoding": "gzip" } });
    assert.equal(gz.headers.get("content-encoding"), "gzip");
    assert.equal(new TextDecoder().decode(gunzipSync(new Uint8Array(await gz.arrayBuffer()))), "chat()");
    const plain = await staticRoutes(root).request("/widget/chat-ABCD2345.js");
    assert.equal(plain.headers.get("content-encoding"), null);
    assert.equal(plain.headers.get("vary"), "Accept-Encoding");
    assert.equal(await plain.text(), "chat()");
    // The twins themselves are not files of their own.
    assert.equal((await staticRoutes(root).request("/widget/chat-ABCD2345.js.br")).status, 404);
  }));
