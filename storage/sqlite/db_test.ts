import assert from "node:assert/strict";
import { join } from "node:path";
import { groupCommit, openDatabase, processWriteLock } from "./db.ts";

/** A thread that takes the process's write lock and holds it for `ms`: it says when it took it, and flags letting go. */
function holdLockElsewhere(ms: number) {
  const source = `
    self.onmessage = (e) => {
      const { lock, let_go } = e.data;
      while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) Atomics.wait(lock, 0, 1, 10);
      self.postMessage("held");
      setTimeout(() => {
        Atomics.store(let_go, 0, 1);
        Atomics.store(lock, 0, 0);
        if (Atomics.load(lock, 1) > 0) Atomics.notify(lock, 0);
        self.postMessage("released");
      }, ${ms});
    };`;
  const worker = new Worker(`data:application/javascript,${encodeURIComponent(source)}`, { type: "module" });
  const said = (what: string) =>
    new Promise<void>((resolve) => worker.addEventListener("message", (e) => e.data === what && resolve()));
  const held = said("held");
  const letGo = new Int32Array(new SharedArrayBuffer(4));
  worker.postMessage({ lock: processWriteLock(), let_go: letGo });
  return { held, letGo: () => Atomics.load(letGo, 0) === 1, stop: () => worker.terminate() };
}

Deno.test("a group commit on the event loop waits for another thread's write without stopping the loop", async () => {
  const dir = await Deno.makeTempDir();
  const db = openDatabase(join(dir, "t.db"));
  const other = holdLockElsewhere(300);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  try {
    db.exec("CREATE TABLE t (n INTEGER)");
    await other.held;
    const write = groupCommit(db);
    const start = ticks;
    await Promise.all([1, 2, 3].map((n) => write(() => db.prepare("INSERT INTO t (n) VALUES (?)").run(n))));
    assert.ok(other.letGo(), "written after the other thread let go");
    // Atomics.wait on the loop would have frozen the timer for the 300 ms.
    assert.ok(ticks - start >= 5, `the loop ran meanwhile (${ticks - start} ticks)`);
    assert.deepEqual(db.prepare("SELECT n FROM t ORDER BY n").all().map((r) => r.n), [1, 2, 3]);
  } finally {
    clearInterval(timer);
    other.stop();
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});
