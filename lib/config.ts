/**
 * Configuration: the environment parsed once with zod into a typed, frozen
 * object. A bad variable stops start-up with a message that names it.
 *
 * @module
 */
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const schema = z.object({
  APP_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default("0.0.0.0"),
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  JWT_SECRET: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  TRUST_PROXY: z.union([z.coerce.number().int().min(0).max(10), bool]).default(0),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default("Frontdesk <no-reply@frontdesk.local>"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  ENCRYPTION_KEY: z.string().regex(/^[A-Za-z0-9+/_-]{43}=?$/, { message: "must be 32 bytes, base64" }).optional(),
  FETCH_ALLOW_LOOPBACK: bool.default(false),
  MAX_UPLOAD_MB: z.coerce.number().min(1).max(100).default(10),
  S3_URL: z.url({ protocol: /^(https?|s3)$/ }).optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: "not a bucket name" }).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).optional(),
  S3_PREFIX: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, { message: "path segments ending with /" }).default(""),
  S3_FORCE_PATH_STYLE: bool.optional(),
  API_KEY_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(600),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().positive().max(24 * 365).default(24 * 5),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default("https://slack.com/api"),
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  LEASE_TTL_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1000).max(120_000).default(10_000),
  // Set by Deno Deploy itself on every instance.
  DENO_DEPLOY: bool.optional(),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, { message: "must start with mongodb:// or mongodb+srv://" })
    .optional(),
  AI_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  SQLITE_WORKERS: bool.default(true),
  SENTENCE_MODEL: bool.optional(),
  AI_QUEUE_MAX: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  AI_QUEUE_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
});

/** Where uploaded files go when not on local disk: an S3-compatible bucket. */
export interface S3Settings {
  bucket: string;
  region: string;
  /** Unset for AWS itself; the server's base URL otherwise (R2, MinIO, a local server). */
  endpoint?: string;
  /** Bucket in the path (`endpoint/bucket/key`) rather than in the host name. */
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (AWS_ACCESS_KEY_ID..., instance or pod roles). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Put before every key (`frontdesk/`), so one bucket can serve several apps. */
  prefix: string;
}

type Env = z.infer<typeof schema>;

/**
 * The bucket from `S3_URL` — `https://KEY:SECRET@host[:port]/bucket[?region=...]` (an endpoint, path style) or
 * `s3://KEY:SECRET@bucket[?region=...]` (AWS) — or from `S3_BUCKET` with `S3_ENDPOINT`, `S3_REGION`; none: null.
 */
function s3Settings(e: Env): S3Settings | null {
  const region = e.S3_REGION ?? e.AWS_REGION ?? "us-east-1";
  if (e.S3_URL) {
    const u = new URL(e.S3_URL);
    const keys = u.username
      ? { accessKeyId: decodeURIComponent(u.username), secretAccessKey: decodeURIComponent(u.password) }
      : {};
    const urlRegion = u.searchParams.get("region") ?? region;
    if (u.protocol === "s3:") {
      if (!u.hostname) throw new ConfigError("Invalid configuration:\n  S3_URL: s3://[KEY:SECRET@]bucket");
      return { bucket: u.hostname, region: urlRegion, forcePathStyle: false, prefix: e.S3_PREFIX, ...keys };
    }
    const bucket = u.pathname.split("/").filter(Boolean)[0];
    if (!bucket) throw new ConfigError("Invalid configuration:\n  S3_URL: the bucket goes in the path (/bucket)");
    return {
      bucket,
      region: urlRegion,
      endpoint: `${u.protocol}//${u.host}`,
      forcePathStyle: e.S3_FORCE_PATH_STYLE ?? true,
      prefix: e.S3_PREFIX,
      ...keys,
    };
  }
  if (!e.S3_BUCKET) return null;
  return {
    bucket: e.S3_BUCKET,
    region,
    ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? Boolean(e.S3_ENDPOINT),
    prefix: e.S3_PREFIX,
  };
}

/** The app's typed, frozen configuration. */
export type Config = Readonly<{
  env: "development" | "production" | "test";
  production: boolean;
  port: number;
  host: string;
  /** Public base URL of the app, no trailing slash (links in emails, embed snippet). */
  appUrl: string;
  /** Origin of `appUrl`: what cookie-authenticated writes must come from. */
  appOrigin: string;
  dataDir: string;
  /** HS256 key for session JWTs; undefined until `main.ts` fills a dev secret. */
  jwtSecret?: string;
  sessionTtlSeconds: number;
  bcryptCost: number;
  /** How many reverse-proxy hops to trust in `X-Forwarded-For` (0 = none). */
  trustProxy: number;
  smtpUrl?: string;
  mailFrom: string;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** Cookies get `Secure` and the `__Host-` prefix. */
  secureCookies: boolean;
  /** AES-256-GCM key (base64) for provider credentials at rest; main.ts fills a dev key. */
  encryptionKey?: string;
  /** Tests only: user-supplied URLs may point at 127.0.0.0/8. Refused in production. */
  fetchAllowLoopback: boolean;
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number;
  /** Uploaded files in a bucket; null: on local disk under DATA_DIR/files. */
  s3: S3Settings | null;
  /** Requests a minute each API key may make. */
  apiKeyRateLimit: number;
  /** A webhook endpoint whose deliveries fail without a break for this long is disabled. */
  webhookDisableAfterMs: number;
  /** Slack: the Web API's base URL (tests point it at a local stand-in) and the app's OAuth credentials. */
  slack: Readonly<{ apiUrl: string; clientId?: string; clientSecret?: string; signingSecret?: string }>;
  /** Several instances: fan-out, shared limits and presence, and the claiming of work go through this Redis. */
  redisUrl?: string;
  /** How long a listener's lease lasts without renewal (renewed every third of it): the takeover time after a crash. */
  leaseTtlMs: number;
  /** The bound on a graceful shutdown (SIGTERM), from the signal to the exit. */
  shutdownGraceMs: number;
  /** MongoDB (Atlas) connection string: when set, the data lives there instead of the embedded SQLite. */
  mongodbUri?: string;
  /**
   * The built-in responder's answers off the event loop (`ai/answer_pool.ts`): worker threads (default: the
   * cores but one, at least 1, at most 4; 0 answers on the event loop), answers waiting at most (beyond them a
   * visitor is told the team will follow up) and how long one may wait for a worker before that.
   */
  aiWorkers?: number;
  aiQueueMax: number;
  aiQueueWaitMs: number;
  /**
   * SQLite only: chat messages written by a worker thread under load (`storage/sqlite/append_writer.ts`) and
   * the analytics listener on a thread of its own (`workers/listener_threads.ts`).
   */
  sqliteWorkers: boolean;
  /**
   * Knowledge of agents whose provider has no embeddings (the built-in responder, Anthropic, Lyzr) is embedded at
   * ingestion with the offline sentence model
   * (`lib/sentence_model.ts`), which then re-ranks retrieval's candidates and informs the answer's confidence.
   * Default on, except under `APP_ENV=test` (tests that do not need the model do not pay for it).
   */
  sentenceModel: boolean;
}>;

/** Raised when the environment is invalid; the message names each bad variable. */
export class ConfigError extends Error {}

/** Parses `env` (default: the process environment) into a Config or throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = Deno.env.toObject()): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in schema.shape && v !== undefined && v !== ""),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  const production = e.APP_ENV === "production";
  const s3 = s3Settings(e);
  if (e.DENO_DEPLOY) denoDeployChecks(e, s3 !== null, env.SHUTDOWN_GRACE_MS !== undefined);
  if (production) {
    if (!e.JWT_SECRET || new TextEncoder().encode(e.JWT_SECRET).length < 32) {
      throw new ConfigError("Invalid configuration:\n  JWT_SECRET: required in production, at least 32 bytes");
    }
    if (e.BCRYPT_COST < 12) throw new ConfigError("Invalid configuration:\n  BCRYPT_COST: must be >= 12 in production");
    if (!e.APP_URL) throw new ConfigError("Invalid configuration:\n  APP_URL: required in production");
    if (!e.ENCRYPTION_KEY) {
      throw new ConfigError("Invalid configuration:\n  ENCRYPTION_KEY: required in production (32 bytes, base64)");
    }
    if (e.FETCH_ALLOW_LOOPBACK) {
      throw new ConfigError("Invalid configuration:\n  FETCH_ALLOW_LOOPBACK: never allowed in production");
    }
  }
  if (e.JWT_SECRET !== undefined && new TextEncoder().encode(e.JWT_SECRET).length < 32) {
    throw new ConfigError("Invalid configuration:\n  JWT_SECRET: at least 32 bytes");
  }
  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const trustProxy = typeof e.TRUST_PROXY === "boolean" ? (e.TRUST_PROXY ? 1 : 0) : e.TRUST_PROXY;
  return Object.freeze({
    env: e.APP_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    appUrl,
    appOrigin: new URL(appUrl).origin,
    dataDir: e.DATA_DIR,
    jwtSecret: e.JWT_SECRET,
    sessionTtlSeconds: e.SESSION_TTL_HOURS * 3600,
    bcryptCost: e.BCRYPT_COST,
    trustProxy,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    secureCookies: production || appUrl.startsWith("https:"),
    encryptionKey: e.ENCRYPTION_KEY,
    fetchAllowLoopback: e.FETCH_ALLOW_LOOPBACK,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    s3,
    apiKeyRateLimit: e.API_KEY_RATE_LIMIT,
    webhookDisableAfterMs: Math.round(e.WEBHOOK_DISABLE_AFTER_HOURS * 3600_000),
    slack: Object.freeze({
      apiUrl: e.SLACK_API_URL.replace(/\/+$/, ""),
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      signingSecret: e.SLACK_SIGNING_SECRET,
    }),
    redisUrl: e.REDIS_URL,
    leaseTtlMs: e.LEASE_TTL_MS,
    // Deno Deploy kills an instance 5 s after its SIGINT: the shutdown must fit inside.
    shutdownGraceMs: e.DENO_DEPLOY && env.SHUTDOWN_GRACE_MS === undefined ? DENO_DEPLOY_GRACE_MS : e.SHUTDOWN_GRACE_MS,
    mongodbUri: e.MONGODB_URI,
    aiWorkers: e.AI_WORKERS,
    sqliteWorkers: e.SQLITE_WORKERS,
    sentenceModel: e.SENTENCE_MODEL ?? e.APP_ENV !== "test",
    aiQueueMax: e.AI_QUEUE_MAX,
    aiQueueWaitMs: e.AI_QUEUE_WAIT_MS,
  });
}

const DENO_DEPLOY_GRACE_MS = 4500;

/**
 * On Deno Deploy several isolated instances run at once and each one's disk is its own and not kept: SQLite,
 * uploads on disk or an in-process bus would lose or split data without a word, so the app refuses to start
 * without the shared services (README, "Deployment").
 */
function denoDeployChecks(e: Env, hasBucket: boolean, graceSet: boolean): void {
  const missing = [
    ...(e.MONGODB_URI ? [] : ["MONGODB_URI: required on Deno Deploy (SQLite there is per instance and not kept)"]),
    ...(hasBucket ? [] : ["S3_URL: required on Deno Deploy (uploads on an instance's disk are lost)"]),
    ...(e.REDIS_URL ? [] : ["REDIS_URL: required on Deno Deploy (its instances share nothing else)"]),
    ...(graceSet && e.SHUTDOWN_GRACE_MS > DENO_DEPLOY_GRACE_MS
      ? [`SHUTDOWN_GRACE_MS: at most ${DENO_DEPLOY_GRACE_MS} on Deno Deploy (instances are killed 5 s after SIGINT)`]
      : []),
  ];
  if (missing.length) throw new ConfigError(`Invalid configuration:\n  ${missing.join("\n  ")}`);
}

/** Returns a copy of `config` with `patch` applied, frozen again. */
export function withConfig(config: Config, patch: Partial<Config>): Config {
  return Object.freeze({ ...config, ...patch });
}
