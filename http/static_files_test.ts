import assert from "node:assert/strict";
import { join } from "node:path";
import { staticRoutes } from "./static_files.ts";

async function withRoot(fn: (root: string) => Promise<void>) {
  const root = await Deno.makeTempDir({ prefix: "frontdesk-static-" });
  try {
    await Deno.mkdir(join(root, "build", "widget"), { recursive: true });
    await Deno.writeTextFile(join(root, "app.css"), "body{}");
    await Deno.writeTextFile(join(root, "page.html"), "<script>");
    await Deno.writeTextFile(join(root, ".secret.txt"), "no");
    await Deno.writeTextFile(join(root, "build", "widget.js"), "loader()");
    await Deno.writeTextFile(join(root, "build", "widget", "chunk-abc123.js"), "chat()");
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

Deno.test("the widget's loader and chunks are readable from any origin; hashed chunks cache forever", () =>
  withRoot(async (root) => {
    const loader = await staticRoutes(root).request("/widget.js", { headers: { origin: "https://shop.example" } });
    assert.equal(await loader.text(), "loader()");
    assert.equal(loader.headers.get("access-control-allow-origin"), "*");
    const chunk = await staticRoutes(root).request("/widget/chunk-abc123.js");
    assert.equal(chunk.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(chunk.headers.get("access-control-allow-origin"), "*");
  }));
