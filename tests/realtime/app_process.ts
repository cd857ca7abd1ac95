/**
 * The real server (`main.ts`) as a child process, for tests that must kill it
 * (`SIGKILL`, no shutdown hooks) and start it again on the same port and
 * DATA_DIR. Its output is kept and shown when it fails to come up.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { TEST_ENCRYPTION_KEY } from "../helpers.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A free TCP port on 127.0.0.1 (bound to port 0, then released). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** One `deno run -A main.ts`, restartable. */
export class AppProcess {
  readonly url: string;
  #child: Deno.ChildProcess | null = null;
  #exited: Promise<Deno.CommandStatus> | null = null;
  #io: Promise<void>[] = [];
  #log: string[] = [];

  constructor(readonly port: number, readonly dataDir: string, readonly env: Record<string, string> = {}) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** The child's output so far (all runs), for failure messages. */
  get output(): string {
    return this.#log.join("").slice(-4000);
  }

  /** Starts the server and waits until `GET /healthz` answers 200. */
  async start(timeoutMs = 30_000): Promise<void> {
    if (this.#child) throw new Error("already running");
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "main.ts"],
      cwd: ROOT,
      env: {
        APP_ENV: "development",
        HOST: "127.0.0.1",
        PORT: String(this.port),
        APP_URL: this.url,
        DATA_DIR: this.dataDir,
        JWT_SECRET: "crash-test-secret-0123456789-0123456789",
        ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        BCRYPT_COST: "4",
        LOG_LEVEL: "warn",
        FETCH_ALLOW_LOOPBACK: "true",
        TRUST_PROXY: "0",
        SMTP_URL: "",
        ...this.env,
      },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#child = child;
    this.#exited = child.status;
    for (const stream of [child.stdout, child.stderr]) {
      this.#io.push(
        (async () => {
          for await (const text of stream.pipeThrough(new TextDecoderStream())) this.#log.push(text);
        })().catch(() => {}),
      );
    }
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    this.#exited.then(() => (exited = true));
    while (Date.now() < deadline && !exited) {
      try {
        const res = await fetch(`${this.url}/healthz`);
        await res.body?.cancel();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.stop();
    throw new Error(`the server did not come up (${exited ? "it exited" : "timed out"}):\n${this.output}`);
  }

  /** Sends `signal` and waits for the process to end (and its output to drain). */
  async kill(signal: Deno.Signal = "SIGKILL"): Promise<Deno.CommandStatus> {
    const child = this.#child;
    if (!child) throw new Error("not running");
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
    const status = await this.#exited!;
    await Promise.all(this.#io);
    this.#child = null;
    this.#exited = null;
    this.#io = [];
    return status;
  }

  /** Kills the server if it runs (for `finally`). */
  async stop(): Promise<void> {
    if (this.#child) await this.kill("SIGKILL");
  }
}
