/**
 * The real server (`main.ts`) as a child process, for tests that must kill it
 * (`SIGKILL`, no shutdown hooks) and start it again on the same port and
 * DATA_DIR. Its output is kept and shown when it fails to come up.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { sessionCookieOf, TEST_ENCRYPTION_KEY } from "../helpers.ts";

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

/**
 * A JSON call to the app as a signed-in admin: the parsed answer, or an error naming the status. Untyped, as
 * `JSON.parse` is: these tests read a field or two of answers that `tests/helpers.ts`' `call` checks elsewhere.
 */
// deno-lint-ignore no-explicit-any
export type AdminApi = (method: string, path: string, body?: unknown) => Promise<any>;

/**
 * Registers a workspace and its admin on the running app (`POST /api/auth/register`), answering the session
 * cookie and an {@linkcode AdminApi} that calls the app with it (the set-up the crash tests share).
 */
export async function registerAdmin(
  app: AppProcess,
  who: { email: string; name?: string; company?: string },
): Promise<{ cookie: string; api: AdminApi }> {
  const url = app.url;
  const reg = await fetch(`${url}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({
      name: who.name ?? "Ada Admin",
      email: who.email,
      password: "correct horse 1",
      company: who.company ?? "Acme",
    }),
  });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${await reg.text()}`);
  await reg.body?.cancel();
  const cookie = sessionCookieOf(reg);
  const api: AdminApi = async (method, path, body) => {
    const res = await fetch(url + path, {
      method,
      headers: { cookie, origin: url, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : {};
  };
  return { cookie, api };
}

/**
 * Waits until the named listeners (all, without names) have handled every event of the log: no lag, nothing
 * in flight or being retried, as `/readyz` reports them. Throws with their last status after `timeoutMs`.
 */
export async function listenersSettled(app: AppProcess, names?: string[], timeoutMs = 20_000): Promise<void> {
  let last: unknown = null;
  for (const until = Date.now() + timeoutMs; Date.now() < until;) {
    const res = await fetch(`${app.url}/readyz`);
    const body = await res.json() as {
      listeners?: Array<{ name: string; lag: number; inFlight: number; retrying: number }>;
    };
    const mine = (body.listeners ?? []).filter((l) => !names || names.includes(l.name));
    last = mine;
    if (mine.length === (names?.length ?? mine.length) && mine.every((l) => !l.lag && !l.inFlight && !l.retrying)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`listeners did not settle: ${JSON.stringify(last)}`);
}
