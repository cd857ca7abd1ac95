/**
 * The composition root: reads the configuration, builds the adapters, creates
 * the app and serves it. The only file that picks concrete adapters.
 *
 * @module
 */
import { join } from "node:path";
import { createProviderRegistry } from "./ai/mod.ts";
import { createApp } from "./app.ts";
import { createIngestor } from "./ingest/mod.ts";
import { systemClock } from "./lib/clock.ts";
import { ConfigError, loadConfig, withConfig } from "./lib/config.ts";
import { createLogger } from "./lib/log.ts";
import { memoryLimits, RateLimiter } from "./lib/rate_limit.ts";
import { createSafeFetch } from "./lib/safe_fetch.ts";
import { createSecretBox } from "./lib/secret_box.ts";
import { ensureSecretFile } from "./lib/secrets.ts";
import { outboxMailer } from "./mail/outbox.ts";
import { smtpMailer } from "./mail/smtp.ts";
import type { Deps } from "./models/ports/deps.ts";
import { startListeners } from "./listeners/mod.ts";
import { listenerThreads } from "./workers/listener_threads.ts";
import { connectRedis } from "./cluster/redis.ts";
import { redisBus } from "./cluster/redis_bus.ts";
import { redisCluster } from "./cluster/redis_cluster.ts";
import { redisLimits } from "./cluster/redis_limits.ts";
import { RedisPresence } from "./cluster/redis_presence.ts";
import { inProcessBus } from "./realtime/in_process_bus.ts";
import { closeAllSockets } from "./realtime/socket.ts";
import { SocketPresence } from "./realtime/socket_presence.ts";
import { diskFileStore } from "./storage/files/disk.ts";
import { s3FileStore } from "./storage/files/s3.ts";
import { createMongoStore } from "./storage/mongo/mod.ts";
import { createSqliteStore } from "./storage/sqlite/mod.ts";
import { answerPoolFor } from "./ai/answer_pool.ts";

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    Deno.exit(1);
  }
  throw err;
}
const log = createLogger(config.logLevel);
await Deno.mkdir(config.dataDir, { recursive: true });
if (!config.jwtSecret) {
  config = withConfig(config, { jwtSecret: await ensureSecretFile(config.dataDir, ".jwt_secret") });
}
if (!config.encryptionKey) {
  config = withConfig(config, { encryptionKey: await ensureSecretFile(config.dataDir, ".encryption_key", 32) });
}

const dbPath = join(config.dataDir, "frontdesk.db");
// MONGODB_URI set: the data lives in MongoDB (Atlas); otherwise in the embedded SQLite file.
const store = config.mongodbUri
  ? await createMongoStore(config.mongodbUri)
  : createSqliteStore(dbPath, { appendWorker: config.sqliteWorkers });
// Several instances (REDIS_URL): fan-out, presence, the limits that mean the same everywhere and the claiming
// of background work go through Redis. Alone, all of it stays in this process.
const redis = config.redisUrl ? await connectRedis(config.redisUrl, log) : null;
const onBusError = (err: unknown) => log.error("event handler failed", { err });
const limiter = new RateLimiter(systemClock);
const presence = redis ? new RedisPresence(redis, { onError: (err) => log.warn("presence", { err }) }) : null;
const mailer = config.smtpUrl
  ? smtpMailer(config.smtpUrl, config.mailFrom)
  : outboxMailer(join(config.dataDir, "outbox"), config.mailFrom, log);
// Every URL a user gives us (crawler, provider base URLs) goes through SSRF checks.
const safeFetch = createSafeFetch({ allowLoopback: config.fetchAllowLoopback });
const deps: Deps = {
  config,
  store,
  mailer,
  clock: systemClock,
  log,
  limiter,
  limits: redis ? redisLimits(redis.cmd) : memoryLimits(limiter),
  ai: createProviderRegistry({ fetch: safeFetch }),
  secrets: await createSecretBox(config.encryptionKey!),
  ingestor: createIngestor({ allowLoopback: config.fetchAllowLoopback }),
  files: config.s3 ? s3FileStore(config.s3) : diskFileStore(join(config.dataDir, "files")),
  jobs: { notify: () => {} },
  bus: redis ? await redisBus(redis, onBusError) : inProcessBus(onBusError),
  presence: presence ?? new SocketPresence(),
  cluster: redis ? await redisCluster(redis) : undefined,
};
// The built-in responder's CPU work (retrieval and composition) on worker threads, never on the event loop.
// (Their read-only connection is to the SQLite file: with MongoDB the answers stay on this thread for now.)
deps.answers = config.mongodbUri ? undefined : answerPoolFor(deps, dbPath);
// Other instances' listeners read the log as soon as this one appends to it, not at their next poll.
const cluster = deps.cluster;
if (cluster) store.events.onAppend(() => cluster.logAppended());
// Every side effect (AI replies, emails, ingestion, escalations) runs here, from the event log's checkpoints:
// what a stop left undone is picked up where it was.
// On SQLite the projections that only read the log and write the store run on threads of their own.
const listeners = await startListeners(
  deps,
  config.mongodbUri || !config.sqliteWorkers
    ? {}
    : { threads: listenerThreads(deps, { path: dbPath, logLevel: config.logLevel }) },
);
deps.listeners = listeners;

const features = {
  storage: config.mongodbUri ? "mongodb" : "sqlite",
  files: config.s3 ? `s3 (${config.s3.endpoint ?? "aws"}/${config.s3.bucket}/${config.s3.prefix})` : "local disk",
  instances: redis ? `several, through Redis (instance ${redis.instanceId})` : "one (in-process bus)",
  mail: config.smtpUrl ? "smtp" : `outbox (${join(config.dataDir, "outbox")})`,
  secureCookies: config.secureCookies,
  trustProxy: config.trustProxy ? `${config.trustProxy} hop(s)` : "off",
  ai: "local (built-in) + lyzr/openai/anthropic per workspace keys",
  fetchAllowLoopback: config.fetchAllowLoopback,
};
log.info("starting Frontdesk", { env: config.env, appUrl: config.appUrl, dataDir: config.dataDir, features });

const app = createApp(deps);
/** Set on SIGTERM: every request (`/readyz` included) answers 503, so a load balancer sends work elsewhere. */
let draining = false;
const server = Deno.serve({
  port: config.port,
  hostname: config.host,
  onListen: ({ hostname, port }) => log.info("listening", { url: `http://${hostname}:${port}`, appUrl: config.appUrl }),
}, (req, info) => {
  // Draining: nothing new starts here (a reconnecting socket must land on another instance).
  if (draining) {
    return Response.json({ error: { code: "unavailable", message: "Shutting down." } }, {
      status: 503,
      headers: { connection: "close", "retry-after": "1" },
    });
  }
  return app.fetch(req, info);
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Graceful shutdown (rolling deploys), bounded by SHUTDOWN_GRACE_MS (10 s by default) from the signal to the
 * exit: stop accepting connections; close every socket with 1012 "service restart", which the widget and the
 * dashboards answer by reconnecting at once (to another instance behind the load balancer, resuming from
 * their last seq); let AI answers in flight finish for up to 60% of the bound, then stop the listeners (an
 * answer still streaming is marked `interrupted`, its question kept); give the leases up so another instance
 * takes the listeners over at once; close Redis and the database. Past the bound the process exits anyway
 * (code 1), and whatever was cut is recovered like after a crash.
 */
let stopping: Promise<void> | null = null;
const stop = (signal: string) =>
  stopping ??= (async () => {
    const t0 = performance.now();
    const bound = config.shutdownGraceMs;
    const hard = setTimeout(() => {
      log.error("shutdown went past its bound; exiting now", { boundMs: bound });
      Deno.exit(1);
    }, bound);
    draining = true;
    log.info("shutting down", { signal, boundMs: bound });
    // Sockets first, and their close frames given a moment to go out: the server's own shutdown would close
    // them as 1001 "going away" instead. Meanwhile every new request answers 503 (above).
    const sockets = closeAllSockets(deps);
    await sleep(Math.min(500, bound * 0.05));
    const served = server.shutdown();
    await Promise.race([listeners.idle(), sleep(bound * 0.6)]);
    await listeners.stop();
    await deps.answers?.close();
    await Promise.race([served, sleep(bound * 0.8 - (performance.now() - t0))]);
    await presence?.stop();
    await redis?.close();
    await store.close();
    clearTimeout(hard);
    log.info("stopped", { sockets, ms: Math.round(performance.now() - t0) });
    Deno.exit(0);
  })();
Deno.addSignalListener("SIGINT", () => void stop("SIGINT"));
Deno.addSignalListener("SIGTERM", () => void stop("SIGTERM"));
