/**
 * The idle-sockets part of `deno task bench`: N concurrent idle visitor
 * sockets on one instance (each its own widget session, said hello, then
 * quiet), the server's memory per socket next to a bare Deno WebSocket
 * server holding the same number, each server in a process of its own
 * (`bench_idle_server.ts`): resident set size after a full GC, before the
 * sockets open (the app's visitor sessions already made) and after. Target (DESIGN.md): <= 1.5x. `BENCH_IDLE_SOCKETS`
 * sets N (default 10,000; the open-files limit must allow N + some).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { type Client, open, openMany } from "./bench_realtime_sides.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

interface ServerChild {
  url: string;
  agentId: string;
  rss(): Promise<number>;
  stop(): Promise<void>;
}

async function startChild(kind: "bare" | "app"): Promise<ServerChild> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--expose-gc", "tasks/bench_idle_server.ts", kind],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!/READY \d+ \S+/.test(out)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`bench: the ${kind} server did not start`);
    out += value;
  }
  const [, port, agentId] = /READY (\d+) (\S+)/.exec(out)!;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    agentId,
    rss: async () => ((await (await fetch(`${url}/__rss`)).json()) as { rss: number }).rss,
    async stop() {
      child.kill("SIGKILL");
      await child.status;
      await reader.cancel().catch(() => {});
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 1500));

async function holdIdle(kind: "bare" | "app", n: number): Promise<{ perSocket: number; openAtEnd: number }> {
  const server = await startChild(kind);
  const clients: Client[] = [];
  try {
    // The app's visitor sessions are made first (HTTP, a row each): what is measured is the sockets alone.
    const tokens: string[] = kind === "bare" ? [] : await openMany(n, async () => {
      const res = await fetch(`${server.url}/api/widget/session`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://customer.example" },
        body: JSON.stringify({ agentId: server.agentId }),
      });
      const session = await res.json();
      if (res.status !== 200) throw new Error(`bench: widget session: ${res.status} ${JSON.stringify(session)}`);
      return session.token as string;
    }, 50);
    await settle();
    const before = await server.rss();
    await openMany(n, async (i) => {
      if (kind === "bare") {
        const c = await open(`${server.url}/ws`, () => {});
        clients.push(c);
        return c;
      }
      let welcomed: () => void = () => {};
      const welcome = new Promise<void>((r) => (welcomed = r));
      const c = await open(`${server.url}/api/widget/ws`, (d) => d.startsWith('{"type":"welcome"') && welcomed());
      c.ws.send(JSON.stringify({ type: "hello", token: tokens[i] }));
      await welcome;
      clients.push(c);
      return c;
    }, 100);
    await settle();
    const after = await server.rss();
    const openAtEnd = clients.filter((c) => c.ws.readyState === WebSocket.OPEN).length;
    return { perSocket: (after - before) / n, openAtEnd };
  } finally {
    for (const c of clients) if (c.ws.readyState <= WebSocket.OPEN) c.ws.close();
    await server.stop();
  }
}

/** Runs the idle-sockets bench and prints it. */
export async function benchIdle(n = Number(Deno.env.get("BENCH_IDLE_SOCKETS") ?? 10_000)): Promise<void> {
  console.log(`\nIdle sockets: ${n} visitor sockets held open and quiet, each server in its own process`);
  const bare = await holdIdle("bare", n);
  const app = await holdIdle("app", n);
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const ratio = app.perSocket / bare.perSocket;
  console.log(
    `  bare Deno WebSocket server   ${kb(bare.perSocket)} per socket (${bare.openAtEnd} of ${n} open at the end)\n` +
      `  app, widget sockets          ${kb(app.perSocket)} per socket (${app.openAtEnd} of ${n} open at the end; ` +
      `each its own visitor session, said hello)\n` +
      `  ratio x${ratio.toFixed(2)} — target <= 1.5x: ${ratio <= 1.5 ? "MET" : "NOT MET"}`,
  );
}

if (import.meta.main) {
  await benchIdle();
  Deno.exit(0);
}
