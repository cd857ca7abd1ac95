/**
 * Test fixtures: an app on a temporary SQLite file with the outbox mailer,
 * a fast bcrypt cost and a controllable clock; an in-process server on port 0;
 * and small request helpers.
 *
 * @module
 */
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createProviderRegistry } from "../ai/mod.ts";
import { answerPoolFor } from "../ai/answer_pool.ts";
import { createApp } from "../app.ts";
import { createIngestor } from "../ingest/mod.ts";
import { type Clock, systemClock } from "../lib/clock.ts";
import { loadConfig, withConfig } from "../lib/config.ts";
import { createLogger } from "../lib/log.ts";
import { RateLimiter } from "../lib/rate_limit.ts";
import { createSafeFetch } from "../lib/safe_fetch.ts";
import { createSecretBox } from "../lib/secret_box.ts";
import { outboxMailer, readOutbox as readOutboxDir } from "../mail/outbox.ts";
import type { Deps } from "../models/ports/deps.ts";
import type { IngestRunner } from "../listeners/ingestion.ts";
import { type Listeners, startListeners } from "../listeners/mod.ts";
import { type ListenerThreadPool, listenerThreads } from "../workers/listener_threads.ts";
import { inProcessBus } from "../realtime/in_process_bus.ts";
import { SocketPresence } from "../realtime/socket_presence.ts";
import { diskFileStore } from "../storage/files/disk.ts";
import { createSqliteStore } from "../storage/sqlite/mod.ts";
import { memoryMongo } from "./fakes/mongo_store.ts";
import { assertConforms } from "./openapi_conformance.ts";

/** What `makeTestDeps` gives a test. */
export interface TestContext {
  deps: Deps;
  /** The temporary DATA_DIR. */
  dir: string;
  /** The ingestion worker (started on the first queued job). */
  runner: IngestRunner;
  /** The event-log listeners (`ai.idle()` waits until AI answers and emails are done). */
  ai: Listeners;
  /** The listener threads (SQLite; absent on MongoDB): `threads.running("analytics")`. */
  threads?: ListenerThreadPool;
  /**
   * What the store holds for a table (SQLite rows) or its collection (MongoDB documents, same name): for
   * tests that check what is at rest (a hash, never the key; sealed secrets), whichever store runs.
   */
  stored(table: string): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

/** A fixed encryption key for tests (32 bytes of 7). */
export const TEST_ENCRYPTION_KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));

/** Builds deps on a fresh temporary DATA_DIR. */
export async function makeTestDeps(opts: { env?: Record<string, string>; clock?: Clock } = {}): Promise<TestContext> {
  const dir = await Deno.makeTempDir({ prefix: "frontdesk-test-" });
  const config = loadConfig({
    APP_ENV: "test",
    APP_URL: "http://localhost",
    DATA_DIR: dir,
    JWT_SECRET: "test-secret-0123456789-0123456789-abcdef",
    BCRYPT_COST: "4",
    LOG_LEVEL: "silent",
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    FETCH_ALLOW_LOOPBACK: "true",
    // The bench compares the relay with and without the append worker.
    ...(Deno.env.get("SQLITE_WORKERS") ? { SQLITE_WORKERS: Deno.env.get("SQLITE_WORKERS") } : {}),
    ...opts.env,
  });
  const log = createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  // TEST_STORE=mongo-memory runs the tests on the MongoDB adapter (its in-memory driver stand-in) instead.
  const mongo = Deno.env.get("TEST_STORE") === "mongo-memory" ? await memoryMongo() : null;
  const store = mongo?.store ?? createSqliteStore(join(dir, "frontdesk.db"), {
    appendWorker: config.sqliteWorkers,
  });
  const stored = async (table: string): Promise<Record<string, unknown>[]> => {
    if (mongo) return await mongo.db.collection(table).find({}).toArray();
    const db = new DatabaseSync(join(dir, "frontdesk.db"), { readOnly: true });
    try {
      return db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };
  const deps: Deps = {
    config,
    store,
    mailer: outboxMailer(join(dir, "outbox"), config.mailFrom, log),
    clock,
    log,
    limiter: new RateLimiter(clock),
    ai: createProviderRegistry({
      fetch: createSafeFetch({ allowLoopback: config.fetchAllowLoopback }),
      timeoutMs: 5000,
      idleTimeoutMs: 2000,
    }),
    secrets: await createSecretBox(config.encryptionKey!),
    ingestor: createIngestor({ allowLoopback: config.fetchAllowLoopback }),
    files: diskFileStore(join(dir, "files")),
    jobs: { notify: () => {} },
    bus: inProcessBus(),
    presence: new SocketPresence(),
    // Read through `deps.limiter` at each call: a test that swaps the limiter swaps these too.
    limits: {
      hit: (key, rule) => Promise.resolve(deps.limiter.hit(key, rule)),
      check: (key, rule) => Promise.resolve(deps.limiter.check(key, rule)),
      reset: (key) => Promise.resolve(deps.limiter.reset(key)),
    },
  };
  // Tests answer through the worker threads, as production does (AI_WORKERS=0: on the event loop).
  // The answer workers read the SQLite file; on the MongoDB stand-in (in this process only) answers stay here.
  deps.answers = mongo ? undefined : answerPoolFor(deps, join(dir, "frontdesk.db"));
  // As in production: on SQLite the analytics listener runs on its own thread (it uses no clock of its own),
  // restarted soon should it die (tests make it).
  const threads = mongo || !config.sqliteWorkers ? undefined : listenerThreads(deps, {
    path: join(dir, "frontdesk.db"),
    logLevel: config.logLevel,
    restart: { baseMs: 20, maxMs: 200 },
  });
  const ai = await startListeners(deps, {
    ...(threads ? { threads } : {}),
    ingestion: "lazy",
    escalationEveryMs: 0,
    runner: { pollMs: 200, retry: { baseMs: 20, maxMs: 200, attempts: 5 } },
  });
  return {
    deps,
    dir,
    runner: ai.ingestion,
    ai,
    threads,
    stored,
    async cleanup() {
      await ai.stop();
      await deps.answers?.close();
      await store.close();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

/** Serves `createApp(deps)` on 127.0.0.1, port 0, with `appUrl` set to the real address. */
export function startServer(deps: Deps): Promise<{ url: string; deps: Deps; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const ac = new AbortController();
    let app: ReturnType<typeof createApp> | undefined;
    const server = Deno.serve({
      port: 0,
      hostname: "127.0.0.1",
      signal: ac.signal,
      onListen: ({ port }) => {
        const url = `http://127.0.0.1:${port}`;
        const served = { ...deps, config: withConfig(deps.config, { appUrl: url, appOrigin: url }) };
        Object.assign(deps, served);
        app = createApp(deps);
        resolve({
          url,
          deps,
          async close() {
            ac.abort();
            await server.finished;
          },
        });
      },
    }, (req, info) => app!.fetch(req, info));
  });
}

/** The outbox of a test DATA_DIR, oldest first. */
export function readOutbox(dir: string) {
  return readOutboxDir(join(dir, "outbox"));
}

/** The address tests pretend to call from (what `getConnInfo` reads). */
export function fromAddress(hostname: string) {
  return { remoteAddr: { transport: "tcp", hostname, port: 40000 } };
}

/** A JSON request init with the app's own Origin. */
export function json(method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { "content-type": "application/json", origin: "http://localhost", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** The `name=value` of the session cookie in a response, for the next request's `Cookie` header. */
export function sessionCookieOf(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => /fd_session=/.test(c));
  if (!set) throw new Error(`no session cookie in response (status ${res.status})`);
  return set.split(";")[0];
}

/** Options of `call`. */
export interface CallOptions {
  body?: unknown;
  cookie?: string;
  /** Origin header; defaults to the app's own. Pass null to send none. */
  origin?: string | null;
  /** The client's socket address. */
  ip?: string;
  headers?: Record<string, string>;
  /** A multipart body (its content type, with the boundary, is set by the runtime). */
  form?: FormData;
}

/**
 * Calls the app like a browser on the app's origin would (JSON in, cookie, Origin), and checks the
 * answer against the app's OpenAPI document (`openapi_conformance.ts`): an undocumented status or a
 * body that does not match its schema fails the calling test.
 */
export async function call(
  app: { request: (path: string, init: RequestInit, env?: unknown) => Response | Promise<Response> },
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  if (opts.origin !== null) headers.origin = opts.origin ?? "http://localhost";
  if (opts.cookie) headers.cookie = opts.cookie;
  const body = opts.form ??
    (opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body));
  const res = await app.request(path, { method, headers, body }, fromAddress(opts.ip ?? "198.51.100.7"));
  await assertConforms(app, method, path, res);
  return res;
}

/** Signs up a new workspace and returns its admin's cookie and user. */
export async function signUp(
  app: Parameters<typeof call>[0],
  who: { name?: string; email: string; password?: string; company?: string },
  ip?: string,
): Promise<{ cookie: string; user: { id: string; workspaceId: string; email: string; role: string } }> {
  const res = await call(app, "POST", "/api/auth/register", {
    ip: ip ?? `203.0.113.${Math.floor(Math.random() * 250) + 1}`,
    body: {
      name: who.name ?? "Ada",
      email: who.email,
      password: who.password ?? "correct horse 1",
      company: who.company ?? "Acme",
    },
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  return { cookie: sessionCookieOf(res), user: (await res.json()).user };
}

/** Invites and signs in a member (role `user`) into the workspace of `adminCookie`. */
export async function addMember(
  app: Parameters<typeof call>[0],
  dir: string,
  adminCookie: string,
  email: string,
  role: "user" | "admin" = "user",
): Promise<{ cookie: string; id: string }> {
  const inv = await call(app, "POST", "/api/users/invites", { cookie: adminCookie, body: { email, role } });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${await inv.text()}`);
  await new Promise((r) => setTimeout(r, 20));
  const mail = (await readOutbox(dir)).filter((m) => m.to === email).at(-1)!;
  const token = new URL(mail.links.find((l) => l.includes("/invite"))!).searchParams.get("token")!;
  const res = await call(app, "POST", "/api/auth/invite/accept", {
    body: { token, name: "Member", password: "member pass 1" },
  });
  if (res.status !== 201) throw new Error(`accept failed: ${res.status} ${await res.text()}`);
  return { cookie: sessionCookieOf(res), id: (await res.json()).user.id };
}

/** Reads a server-sent-events body into `{ event, data }` records (data JSON-parsed). */
export async function readSse(res: Response): Promise<Array<{ event: string; data: Record<string, unknown> }>> {
  const text = await res.text();
  const out: Array<{ event: string; data: Record<string, unknown> }> = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length) out.push({ event, data: JSON.parse(data.join("\n")) });
  }
  return out;
}
