/**
 * Who is calling, by network address (for rate limits).
 *
 * @module
 */
import type { Context } from "hono";
import { getConnInfo } from "hono/deno";
import type { AppEnv } from "./app_env.ts";

/**
 * The client's address. `X-Forwarded-For` is read only when `TRUST_PROXY` is
 * set, and then only the entry the trusted proxies appended (counted from the
 * right), so a client cannot choose its own address.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const hops = c.var.deps.config.trustProxy;
  if (hops > 0) {
    const chain = (c.req.header("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const entry = chain[chain.length - hops];
    if (entry) return entry;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
