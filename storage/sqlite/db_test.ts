import assert from "node:assert/strict";
import { groupCommit, openDatabase, processWriteLock } from "./db.ts";

Deno.test("a group commit gives the write lock up between batches while another thread waits for it", async () => {
  const dir = await Deno.makeTempDir();
  const db = openDatabase(`${dir}/g.db`);
  db.exec("CREATE TABLE t (n INTEGER)");
  const write = groupCommit(db);
  const log: string[] = [];
  const jobs = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      write(() => {
        log.push(`write ${i}`);
        db.prepare("INSERT INTO t (n) VALUES (?)").run(i);
      }).then(() => log.push(`stored ${i}`)));
  try {
    // Nobody waits: twelve jobs queued together are one batch.
    await Promise.all(jobs(12));
    assert.deepEqual(log.slice(0, 12), Array.from({ length: 12 }, (_, i) => `write ${i}`));
    log.length = 0;
    // Another thread waits for the lock (word 1 counts waiters): each batch ends after four jobs and commits.
    const lock = processWriteLock();
    Atomics.add(lock, 1, 1);
    try {
      await Promise.all(jobs(12));
    } finally {
      Atomics.sub(lock, 1, 1);
    }
    assert.ok(log.indexOf("stored 0") < log.indexOf("write 4"), log.join(", "));
    assert.ok(log.indexOf("stored 4") < log.indexOf("write 8"), log.join(", "));
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM t").get() as { n: number }).n, 24);
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});
