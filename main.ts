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
import { RateLimiter } from "./lib/rate_limit.ts";
import { createSafeFetch } from "./lib/safe_fetch.ts";
import { createSecretBox } from "./lib/secret_box.ts";
import { ensureSecretFile } from "./lib/secrets.ts";
import { outboxMailer } from "./mail/outbox.ts";
import { smtpMailer } from "./mail/smtp.ts";
import type { Deps } from "./models/ports/deps.ts";
import { startListeners } from "./listeners/mod.ts";
import { inProcessBus } from "./realtime/in_process_bus.ts";
import { SocketPresence } from "./realtime/socket_presence.ts";
import { diskFileStore } from "./storage/files/disk.ts";
import { createMongoStore } from "./storage/mongo/mod.ts";
import { createSqliteStore } from "./storage/sqlite/mod.ts";

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

// MONGODB_URI set: the data lives in MongoDB (Atlas); otherwise in the embedded SQLite file.
const store = config.mongodbUri
  ? await createMongoStore(config.mongodbUri)
  : createSqliteStore(join(config.dataDir, "frontdesk.db"));
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
  limiter: new RateLimiter(systemClock),
  ai: createProviderRegistry({ fetch: safeFetch }),
  secrets: await createSecretBox(config.encryptionKey!),
  ingestor: createIngestor({ allowLoopback: config.fetchAllowLoopback }),
  files: diskFileStore(join(config.dataDir, "files")),
  jobs: { notify: () => {} },
  bus: inProcessBus((err) => log.error("event handler failed", { err })),
  presence: new SocketPresence(),
};
// Every side effect (AI replies, emails, ingestion, escalations) runs here, from the event log's checkpoints:
// what a stop left undone is picked up where it was.
const listeners = await startListeners(deps);
deps.listeners = listeners;

const features = {
  storage: config.mongodbUri ? "mongodb" : "sqlite",
  mail: config.smtpUrl ? "smtp" : `outbox (${join(config.dataDir, "outbox")})`,
  secureCookies: config.secureCookies,
  trustProxy: config.trustProxy ? `${config.trustProxy} hop(s)` : "off",
  ai: "local (built-in) + lyzr/openai/anthropic per workspace keys",
  fetchAllowLoopback: config.fetchAllowLoopback,
};
log.info("starting Frontdesk", { env: config.env, appUrl: config.appUrl, dataDir: config.dataDir, features });

const app = createApp(deps);
const server = Deno.serve({
  port: config.port,
  hostname: config.host,
  onListen: ({ hostname, port }) => log.info("listening", { url: `http://${hostname}:${port}`, appUrl: config.appUrl }),
}, app.fetch);

const stop = async () => {
  log.info("shutting down");
  await server.shutdown();
  await listeners.stop();
  await store.close();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", stop);
Deno.addSignalListener("SIGTERM", stop);
