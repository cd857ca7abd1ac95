import assert from "node:assert/strict";
import { Expiring } from "./expiring.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("an expiring value clears itself after its time and says so; a new value restarts the clock", async () => {
  let expired = 0;
  const v = new Expiring<string>(60, () => expired++);
  v.set("a");
  await sleep(35);
  v.set("b");
  await sleep(35);
  assert.equal(v.value, "b", "the second set restarted the clock");
  await sleep(60);
  assert.equal(v.value, null);
  assert.equal(expired, 1);
  v.set("c");
  v.set(null);
  await sleep(80);
  assert.equal(expired, 1, "cleared by hand: no expiry");
  v.stop();
});
