/**
 * docker-compose.yml and the Dockerfile, checked where Docker cannot run:
 * the compose file's wiring, and the image's runtime stage rebuilt here from
 * the Dockerfile's own COPY lines (only those files, the build stage's
 * packages and assets, nothing downloaded) and started in production mode.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { parse } from "yaml";
import { freePort } from "../realtime/app_process.ts";
import { TEST_ENCRYPTION_KEY } from "../helpers.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("compose runs two instances behind a balancer on shared MongoDB, Redis and S3", async () => {
  const compose = parse(await Deno.readTextFile(join(ROOT, "docker-compose.yml")));
  const s = compose.services;
  for (const name of ["app1", "app2", "lb", "mongo", "redis", "minio"]) assert.ok(s[name], name);
  for (const app of [s.app1, s.app2]) {
    assert.equal(app.build, ".");
    assert.equal(app.environment.APP_ENV, "production");
    assert.match(
      app.environment.MONGODB_URI,
      /^mongodb:\/\/mongo:27017\/.*replicaSet=/,
      "transactions need a replica set",
    );
    assert.match(app.environment.REDIS_URL, /^redis:\/\/redis:6379/);
    assert.match(app.environment.S3_URL, /@minio:9000\/frontdesk-files$/);
    assert.equal(app.depends_on.mongo.condition, "service_healthy");
    assert.equal(app.depends_on.redis.condition, "service_healthy");
  }
  assert.ok(s.mongo.command.includes("--replSet"));
  const caddy = await Deno.readTextFile(join(ROOT, "deploy/compose/Caddyfile"));
  assert.match(caddy, /reverse_proxy app1:8000 app2:8000/);
  assert.match(caddy, /health_uri \/readyz/);
  assert.ok(s.lb.volumes.some((v: string) => v.startsWith("./deploy/compose/Caddyfile:")));
});

/** The runtime stage of the Dockerfile: its COPY sources (from the context) and its other instructions. */
async function runtimeStage() {
  const text = (await Deno.readTextFile(join(ROOT, "Dockerfile"))).replace(/\\\n/g, " ");
  const stages = text.split(/^FROM /m).slice(1);
  assert.equal(stages.length, 2, "a build stage and a runtime stage");
  const lines = stages[1].split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const copies = lines.filter((l) => l.startsWith("COPY ") && !l.includes("--from="))
    .flatMap((l) => l.split(/\s+/).slice(1, -1));
  return { lines, copies };
}

Deno.test("the image runs unprivileged, with a health check and no dev files", async () => {
  const { lines, copies } = await runtimeStage();
  assert.ok(lines.some((l) => l === "USER deno"));
  assert.ok(lines.some((l) => l.startsWith("HEALTHCHECK") && l.includes("/readyz")));
  assert.ok(lines.some((l) => l.startsWith("CMD") && l.includes("--cached-only")), "nothing fetched at start");
  for (const dev of ["tests", "eval", "tasks", ".", "node_modules", "data"]) assert.ok(!copies.includes(dev), dev);
});

Deno.test("the image holds every module the server imports", async () => {
  const { copies } = await runtimeStage();
  const info = await new Deno.Command(Deno.execPath(), { args: ["info", "--json", "main.ts"], cwd: ROOT }).output();
  assert.equal(info.code, 0, new TextDecoder().decode(info.stderr));
  const graph = JSON.parse(new TextDecoder().decode(info.stdout)) as { modules: Array<{ specifier: string }> };
  const root = new URL(`file://${ROOT}`).href;
  const local = graph.modules.map((m) => m.specifier).filter((s) => s.startsWith(root)).map((s) =>
    s.slice(root.length)
  );
  assert.ok(local.length > 50, "the graph was read");
  // Worker threads' entries are loaded by URL, not imported: found in the sources that start them.
  const workers: string[] = [];
  for (const path of local) {
    const text = await Deno.readTextFile(join(ROOT, path));
    for (const m of text.matchAll(/new Worker\(new URL\("([^"]+)", import\.meta\.url\)/g)) {
      workers.push(new URL(m[1], `file:///${path}`).pathname.slice(1));
    }
  }
  assert.ok(workers.includes("workers/answer_worker.ts"), `worker entries found: ${workers}`);
  const missing = [...local, ...workers].filter((path) => !copies.some((c) => path === c || path.startsWith(`${c}/`)));
  assert.deepEqual(missing, [], "modules the runtime stage does not copy");
});

Deno.test("the image's runtime files alone start the server in production, with nothing downloaded", async () => {
  const { copies } = await runtimeStage();
  const dir = await Deno.makeTempDir({ prefix: "frontdesk-image-" });
  const data = await Deno.makeTempDir();
  try {
    for (const src of copies) {
      await new Deno.Command("cp", { args: ["-R", join(ROOT, src), join(dir, src)] }).output();
    }
    // What the image takes from its build stage: the installed packages and the built assets.
    await Deno.symlink(join(ROOT, "node_modules"), join(dir, "node_modules"));
    await Deno.mkdir(join(dir, "static/build"), { recursive: true });
    await new Deno.Command("cp", { args: ["-R", join(ROOT, "static/build/."), join(dir, "static/build")] }).output();
    const port = freePort();
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--cached-only",
        "--allow-net",
        "--allow-read",
        "--allow-write",
        "--allow-env",
        "--allow-ffi",
        "--allow-sys",
        "main.ts",
      ],
      cwd: dir,
      env: {
        APP_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        APP_URL: `http://127.0.0.1:${port}`,
        DATA_DIR: data,
        JWT_SECRET: "image-test-secret-0123456789-0123456789",
        ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        LOG_LEVEL: "warn",
      },
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const stderr = new Response(child.stderr).text();
    let exited = false;
    child.status.then(() => (exited = true));
    try {
      let status = 0;
      for (let i = 0; i < 600 && status !== 200 && !exited; i++) {
        status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          async (r) => (await r.body?.cancel(), r.status),
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(status, 200, exited ? `the server exited:\n${(await stderr).slice(-2000)}` : "ready");
      const page = await fetch(`http://127.0.0.1:${port}/login`);
      assert.equal(page.status, 200);
      const html = await page.text();
      const asset = html.match(/\/static\/build\/[^"]+\.js/)?.[0];
      assert.ok(asset, "the page names its built script");
      const js = await fetch(`http://127.0.0.1:${port}${asset}`);
      assert.equal(js.status, 200, "built assets are in the image");
      await js.body?.cancel();
    } finally {
      try {
        child.kill("SIGKILL");
      } catch {
        // it exited by itself (its stderr is in the failure above)
      }
      await child.status;
      await stderr;
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(data, { recursive: true });
  }
});
