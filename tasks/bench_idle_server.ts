/**
 * The server side of `bench_idle.ts`, in a process of its own so its memory is
 * its own: `bare` is a bare Deno WebSocket server that holds every socket;
 * `app` is the app (its widget socket, a workspace and an agent made here).
 * Prints `READY <port> <agentId>`; `GET /__rss` answers the resident set size
 * after a full garbage collection (run with `--v8-flags=--expose-gc`).
 *
 * @module
 */
import { createApp } from "../app.ts";
import { makeTestDeps } from "../tests/helpers.ts";
import { BenchLimiter } from "./bench_realtime_sides.ts";

const gc = (globalThis as { gc?: () => void }).gc;
const rss = () => {
  gc?.();
  gc?.();
  return Response.json({ rss: Deno.memoryUsage().rss });
};

const kind = Deno.args[0];
if (kind === "bare") {
  const held = new Set<WebSocket>();
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, (req) => {
    if (new URL(req.url).pathname === "/__rss") return rss();
    const { socket, response } = Deno.upgradeWebSocket(req);
    socket.onopen = () => held.add(socket);
    socket.onclose = () => held.delete(socket);
    socket.onmessage = (e) => socket.send(e.data);
    return response;
  });
  console.log(`READY ${server.addr.port} -`);
} else {
  const ctx = await makeTestDeps({ env: { LOG_LEVEL: "error" } });
  ctx.deps.limiter = new BenchLimiter(ctx.deps.clock);
  const app = createApp(ctx.deps);
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    (req, info) => new URL(req.url).pathname === "/__rss" ? rss() : app.fetch(req, info),
  );
  const url = `http://127.0.0.1:${server.addr.port}`;
  const reg = await fetch(`${url}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ name: "Bench", email: "idle@bench.test", password: "bench password 1", company: "B" }),
  });
  const cookie = reg.headers.getSetCookie().find((c) => /fd_session=/.test(c))!.split(";")[0];
  await reg.body?.cancel();
  const made = await fetch(`${url}/api/agents`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: url },
    body: JSON.stringify({ name: "Idle bot" }),
  });
  const { agent } = await made.json();
  console.log(`READY ${server.addr.port} ${agent.id}`);
}
