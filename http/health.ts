/**
 * Probes: `/healthz` (the process answers) and `/readyz` (and so does the
 * database), which also reports each listener's lag on the event log.
 *
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "./app_env.ts";
import { errorJson } from "./errors.ts";

/** The two probe routes. */
export function healthRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/readyz", async (c) => {
    try {
      await c.var.deps.store.ping();
      const listeners = await c.var.deps.listeners?.status();
      return c.json({ ok: true, database: "up", ...(listeners ? { listeners } : {}) });
    } catch (err) {
      c.var.deps.log.error("readiness check failed", { err, requestId: c.var.requestId });
      return errorJson(c, 503, "unavailable", "The database does not answer.");
    }
  });
  return app;
}
