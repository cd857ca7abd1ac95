import assert from "node:assert/strict";
import { OneAtATime } from "./one_at_a_time.ts";

Deno.test("work runs one at a time per key, in order, across keys at once, and a failure does not stop the next", async () => {
  const q = new OneAtATime();
  const log: string[] = [];
  const step = (name: string, ms: number, fail = false) => async () => {
    log.push(`${name}+`);
    await new Promise((r) => setTimeout(r, ms));
    log.push(`${name}-`);
    if (fail) throw new Error(name);
  };
  const a1 = q.run("a", step("a1", 20, true));
  const a2 = q.run("a", step("a2", 1));
  const b1 = q.run("b", step("b1", 1));
  await assert.rejects(a1, /a1/);
  await Promise.all([a2, b1, q.settled()]);
  assert.ok(log.indexOf("a1-") < log.indexOf("a2+"), "a2 after a1");
  assert.ok(log.indexOf("b1-") < log.indexOf("a1-"), "b did not wait for a");
});
