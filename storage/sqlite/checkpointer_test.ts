import assert from "node:assert/strict";
import { startCheckpoints } from "./checkpointer.ts";
import { openDatabase } from "./db.ts";

Deno.test("a worker thread copies committed pages from the WAL into the database file, and stops cleanly", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/c.db`;
  const db = openDatabase(path);
  try {
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    const before = (await Deno.stat(path)).size;
    const insert = db.prepare("INSERT INTO notes (body) VALUES (?)");
    for (let i = 0; i < 300; i++) insert.run("x".repeat(1000));
    assert.equal((await Deno.stat(path)).size, before, "the rows sit in the WAL until a checkpoint");
    const stop = await startCheckpoints(db, path, 20);
    try {
      for (const until = Date.now() + 5000; (await Deno.stat(path)).size <= before;) {
        if (Date.now() > until) assert.fail("no checkpoint within 5 s");
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok((await Deno.stat(path)).size > before + 250_000);
    } finally {
      await stop();
    }
    // The app's connection goes on writing and reading as before.
    insert.run("after");
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM notes").get() as { n: number }).n, 301);
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});
