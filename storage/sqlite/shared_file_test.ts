/**
 * Several instances on one SQLite file (WAL), as the multi-instance setup
 * runs them: two processes migrating a new file at the same moment, and a
 * store closing (its checkpointer stopping, a final TRUNCATE checkpoint)
 * while another connection reads and writes the same file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createSqliteStore } from "./mod.ts";
import { MIGRATIONS } from "./migrations.ts";

Deno.test("two processes opening a new database at once both migrate it without error (the version is read under the lock)", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/shared.db`;
  try {
    const mod = new URL("./mod.ts", import.meta.url).href;
    const code = `import { createSqliteStore } from ${JSON.stringify(mod)};
      const s = createSqliteStore(${JSON.stringify(path)}); await s.ping(); await s.close();`;
    const run = () =>
      new Deno.Command(Deno.execPath(), { args: ["eval", code], stdout: "piped", stderr: "piped" }).output();
    const results = await Promise.all([run(), run(), run()]);
    for (const r of results) assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    const db = new DatabaseSync(path);
    const { user_version } = db.prepare("PRAGMA user_version").get() as { user_version: number };
    db.close();
    assert.equal(user_version, MIGRATIONS.at(-1)!.version);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a store closes cleanly while another connection holds the file, and each sees the other's writes", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/shared.db`;
  const a = createSqliteStore(path);
  const b = createSqliteStore(path);
  const reader = new DatabaseSync(path);
  try {
    const at = new Date();
    const ws = (id: string) => ({ id, name: id, createdAt: at, updatedAt: at });
    const user = (id: string, workspaceId: string) => ({
      id,
      workspaceId,
      name: id,
      email: `${id}@shared.test`,
      passwordHash: "x",
      company: "Acme",
      role: "admin" as const,
      tokenVersion: 0,
      createdAt: at,
      updatedAt: at,
    });
    await Promise.all([
      a.workspaces.createWithOwner(ws("wsa"), user("usera", "wsa")),
      b.workspaces.createWithOwner(ws("wsb"), user("userb", "wsb")),
    ]);
    assert.equal((await a.users.findByEmail("userb@shared.test"))?.id, "userb");
    assert.equal((await b.users.findByEmail("usera@shared.test"))?.id, "usera");
    // A read transaction open elsewhere: the closing store's TRUNCATE checkpoint cannot finish, and need not.
    reader.exec("BEGIN");
    reader.prepare("SELECT COUNT(*) FROM users").get();
    await a.close();
    reader.exec("COMMIT");
    await b.workspaces.createWithOwner(ws("wsc"), user("userc", "wsc"));
    assert.equal((reader.prepare("SELECT COUNT(*) AS n FROM users").get() as { n: number }).n, 3);
  } finally {
    reader.close();
    await a.close();
    await b.close();
    await Deno.remove(dir, { recursive: true });
  }
});
