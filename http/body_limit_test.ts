import assert from "node:assert/strict";
import { bodyLimits, JSON_LIMIT_BYTES } from "./body_limit.ts";
import { tinyApp } from "../tests/fakes/http_kit.ts";

function app(maxUploadBytes: number) {
  const app = tinyApp();
  app.use("/api/*", bodyLimits(maxUploadBytes));
  app.post("/api/*", async (c) => c.json({ size: (await c.req.arrayBuffer()).byteLength }));
  return app;
}

const post = (path: string, bytes: number) =>
  app(2 * JSON_LIMIT_BYTES).request(path, { method: "POST", body: new Uint8Array(bytes) });

Deno.test("a JSON body over 1 MiB answers 413 payload_too_large as JSON", async () => {
  const res = await post("/api/agents", JSON_LIMIT_BYTES + 1);
  assert.equal(res.status, 413);
  assert.match(res.headers.get("content-type")!, /application\/json/);
  assert.equal(res.headers.get("cache-control"), "no-store");
  assert.deepEqual(await res.json(), {
    error: { code: "payload_too_large", message: "The request body is too large." },
  });
});

Deno.test("the upload routes take the upload limit instead", async () => {
  for (const path of ["/api/widget/uploads", "/api/conversations/uploads", `/api/agents/${"a".repeat(24)}/train`]) {
    const res = await post(path, JSON_LIMIT_BYTES + 1);
    assert.equal(res.status, 200, path);
    assert.equal((await post(path, 2 * JSON_LIMIT_BYTES + 64 * 1024 + 1)).status, 413, path);
  }
});

Deno.test("a body within the JSON limit passes untouched", async () => {
  const res = await post("/api/agents", 10);
  assert.deepEqual(await res.json(), { size: 10 });
});
