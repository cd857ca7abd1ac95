import assert from "node:assert/strict";

/** A thread's nice value, from /proc (field 19 of its stat). */
const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(") ") + 2).split(" ")[16]);

Deno.test({
  name: "a background thread lowers its own priority, not the process's",
  ignore: Deno.build.os !== "linux",
  async fn() {
    const before = niceOf(Deno.readTextFileSync("/proc/thread-self/stat"));
    const source = `
      import { lowerThisThread } from "${new URL("./thread_priority.ts", import.meta.url).href}";
      const lowered = lowerThisThread(7);
      self.postMessage({ lowered, stat: Deno.readTextFileSync("/proc/thread-self/stat") });`;
    const worker = new Worker(`data:application/javascript,${encodeURIComponent(source)}`, { type: "module" });
    try {
      const m = await new Promise<{ lowered: boolean; stat: string }>((resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => reject(e.error ?? new Error(e.message));
      });
      assert.equal(m.lowered, true);
      assert.equal(niceOf(m.stat), Math.max(7, before));
      assert.equal(niceOf(Deno.readTextFileSync("/proc/thread-self/stat")), before, "this thread is unchanged");
    } finally {
      worker.terminate();
    }
  },
});
