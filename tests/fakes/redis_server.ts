/**
 * A real Redis for tests: Debian's `redis-server` (installed by `.ci/run`),
 * started on a free port of its own with no persistence, stopped by its pid.
 * Not a stand-in: the app's Redis code talks to the real server.
 *
 * @module
 */
import { freePort } from "../realtime/app_process.ts";

/** A running Redis. */
export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Where `redis-server` is, or null when it is not installed. */
export function redisServerPath(): string | null {
  for (const dir of (Deno.env.get("PATH") ?? "/usr/bin").split(":")) {
    try {
      if (Deno.statSync(`${dir}/redis-server`).isFile) return `${dir}/redis-server`;
    } catch { /* not there */ }
  }
  return null;
}

/** Why Redis tests are skipped here, or null when they can run. */
export const REDIS_MISSING = redisServerPath() === null
  ? "redis-server is not installed (apt-get install redis-server; .ci/run does): the Redis tests are skipped"
  : null;

/** Starts `redis-server` and waits until it answers PING. */
export async function startRedis(): Promise<RedisServer> {
  const bin = redisServerPath();
  if (!bin) throw new Error(REDIS_MISSING!);
  const port = freePort();
  const child = new Deno.Command(bin, {
    args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  const stop = async () => {
    try {
      Deno.kill(child.pid, "SIGKILL");
    } catch { /* already gone */ }
    await child.status;
  };
  for (const until = Date.now() + 10_000;;) {
    try {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      await conn.write(new TextEncoder().encode("PING\r\n"));
      const buf = new Uint8Array(16);
      const n = await conn.read(buf);
      conn.close();
      if (n && new TextDecoder().decode(buf.subarray(0, n)).startsWith("+PONG")) break;
    } catch { /* not up yet */ }
    if (Date.now() > until) {
      await stop();
      throw new Error("redis-server did not answer within 10 s");
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}
