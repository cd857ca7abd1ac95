import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "./config.ts";

const SECRET = "x".repeat(32);

Deno.test("config defaults to development on port 8000 with data in ./data", () => {
  const c = loadConfig({});
  assert.equal(c.env, "development");
  assert.equal(c.port, 8000);
  assert.equal(c.dataDir, "./data");
  assert.equal(c.appUrl, "http://localhost:8000");
  assert.equal(c.bcryptCost, 12);
  assert.equal(c.secureCookies, false);
  assert.ok(Object.isFrozen(c));
});

Deno.test("config names the bad variable", () => {
  assert.throws(() => loadConfig({ PORT: "eighty" }), (e) => e instanceof ConfigError && /PORT/.test(e.message));
  assert.throws(() => loadConfig({ APP_URL: "ftp://x" }), (e) => e instanceof ConfigError && /APP_URL/.test(e.message));
  assert.throws(() => loadConfig({ SMTP_URL: "nope" }), (e) => e instanceof ConfigError && /SMTP_URL/.test(e.message));
});

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));

Deno.test("production refuses to start without a JWT_SECRET of at least 32 bytes", () => {
  const base = { APP_ENV: "production", APP_URL: "https://desk.example.com", ENCRYPTION_KEY: KEY };
  assert.throws(() => loadConfig(base), (e) => e instanceof ConfigError && /JWT_SECRET/.test(e.message));
  assert.throws(() => loadConfig({ ...base, JWT_SECRET: "short" }), /JWT_SECRET/);
  const c = loadConfig({ ...base, JWT_SECRET: SECRET });
  assert.equal(c.production, true);
  assert.equal(c.secureCookies, true);
  assert.equal(c.appOrigin, "https://desk.example.com");
});

Deno.test("production keeps bcrypt cost at 12 or more", () => {
  assert.throws(
    () => loadConfig({ APP_ENV: "production", APP_URL: "https://d.example", JWT_SECRET: SECRET, BCRYPT_COST: "10" }),
    /BCRYPT_COST/,
  );
});

Deno.test("production needs an encryption key and never allows loopback fetches", () => {
  const base = { APP_ENV: "production", APP_URL: "https://d.example", JWT_SECRET: SECRET };
  assert.throws(() => loadConfig(base), /ENCRYPTION_KEY/);
  assert.throws(
    () => loadConfig({ ...base, ENCRYPTION_KEY: KEY, FETCH_ALLOW_LOOPBACK: "true" }),
    /FETCH_ALLOW_LOOPBACK/,
  );
  assert.equal(loadConfig({ ...base, ENCRYPTION_KEY: KEY }).fetchAllowLoopback, false);
  assert.equal(loadConfig({ FETCH_ALLOW_LOOPBACK: "1" }).fetchAllowLoopback, true);
});

Deno.test("TRUST_PROXY takes a hop count or a boolean", () => {
  assert.equal(loadConfig({ TRUST_PROXY: "true" }).trustProxy, 1);
  assert.equal(loadConfig({ TRUST_PROXY: "2" }).trustProxy, 2);
  assert.equal(loadConfig({ TRUST_PROXY: "false" }).trustProxy, 0);
  assert.equal(loadConfig({}).trustProxy, 0);
});

Deno.test("files go to a bucket when S3_URL or S3_BUCKET is set, on local disk otherwise", () => {
  assert.equal(loadConfig({}).s3, null);
  assert.deepEqual(loadConfig({ S3_URL: "https://AK%2F1:s%40cret@minio.internal:9000/uploads?region=eu-west-3" }).s3, {
    bucket: "uploads",
    region: "eu-west-3",
    endpoint: "https://minio.internal:9000",
    forcePathStyle: true,
    prefix: "",
    accessKeyId: "AK/1",
    secretAccessKey: "s@cret",
  });
  assert.deepEqual(loadConfig({ S3_URL: "s3://frontdesk-files", AWS_REGION: "us-west-2", S3_PREFIX: "fd/" }).s3, {
    bucket: "frontdesk-files",
    region: "us-west-2",
    forcePathStyle: false,
    prefix: "fd/",
  });
  assert.deepEqual(
    loadConfig({ S3_BUCKET: "frontdesk-files", S3_ENDPOINT: "https://acc.r2.cloudflarestorage.com" }).s3,
    {
      bucket: "frontdesk-files",
      region: "us-east-1",
      endpoint: "https://acc.r2.cloudflarestorage.com",
      forcePathStyle: true,
      prefix: "",
    },
  );
  assert.throws(() => loadConfig({ S3_URL: "https://minio.internal:9000/" }), /S3_URL/);
  assert.throws(() => loadConfig({ S3_BUCKET: "No_Such" }), /S3_BUCKET/);
  assert.throws(() => loadConfig({ S3_PREFIX: "/abs" }), /S3_PREFIX/);
});

Deno.test("on Deno Deploy the app refuses to start without MongoDB, a bucket and Redis, and shuts down inside 5 s", () => {
  const deploy = { DENO_DEPLOY: "true", JWT_SECRET: SECRET };
  assert.throws(
    () => loadConfig(deploy),
    (e) =>
      e instanceof ConfigError && /MONGODB_URI/.test(e.message) && /S3_URL/.test(e.message) &&
      /REDIS_URL/.test(e.message),
  );
  const shared = {
    ...deploy,
    MONGODB_URI: "mongodb+srv://u:p@cluster0.example.mongodb.net/frontdesk",
    S3_URL: "s3://frontdesk-files",
    REDIS_URL: "rediss://default:p@redis.example.com:6380",
  };
  assert.throws(() => loadConfig({ ...shared, REDIS_URL: undefined }), /REDIS_URL/);
  assert.equal(loadConfig(shared).shutdownGraceMs, 4500);
  assert.throws(() => loadConfig({ ...shared, SHUTDOWN_GRACE_MS: "10000" }), /SHUTDOWN_GRACE_MS/);
  assert.equal(loadConfig({ ...shared, SHUTDOWN_GRACE_MS: "3000" }).shutdownGraceMs, 3000);
  // Elsewhere nothing changes: SQLite and the 10 s bound.
  assert.equal(loadConfig({}).shutdownGraceMs, 10_000);
});
