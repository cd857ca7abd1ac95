import assert from "node:assert/strict";
import type { Store } from "../models/ports/store.ts";
import { plainDeps, tinyApp } from "../tests/fakes/http_kit.ts";
import { healthRoutes } from "./health.ts";

function app(ping: () => Promise<void>) {
  const deps = plainDeps({}, { store: { ping } as Store });
  const app = tinyApp(deps);
  app.route("/", healthRoutes());
  return { app, deps };
}

Deno.test("healthz answers while the process runs; readyz when the database does", async () => {
  const { app: up } = app(() => Promise.resolve());
  assert.deepEqual(await (await up.request("/healthz")).json(), { ok: true });
  assert.deepEqual(await (await up.request("/readyz")).json(), { ok: true, database: "up" });
});

Deno.test("readyz answers 503 unavailable and logs when the database does not answer", async () => {
  const { app: down, deps } = app(() => Promise.reject(new Error("locked")));
  const res = await down.request("/readyz");
  assert.equal(res.status, 503);
  assert.equal((await res.json()).error.code, "unavailable");
  assert.equal(deps.errors[0].msg, "readiness check failed");
});

Deno.test("readyz reports each listener's lag on the event log", async () => {
  const { app: up, deps } = app(() => Promise.resolve());
  const progress = { name: "emails", checkpoint: 40, head: 42, lag: 2, inFlight: 1, retrying: 0 };
  deps.listeners = { status: () => Promise.resolve([progress]) };
  assert.deepEqual(await (await up.request("/readyz")).json(), { ok: true, database: "up", listeners: [progress] });
});
