import assert from "node:assert/strict";
import { HandoffRequest } from "./handoff.ts";

Deno.test("a handoff asked on an open conversation is due at once", () => {
  const h = new HandoffRequest();
  h.askNow();
  assert.deepEqual([h.asked, h.due], [true, true]);
});

Deno.test("a handoff asked before any conversation waits for the first message's ack", () => {
  const h = new HandoffRequest();
  h.askAfter("c1");
  assert.deepEqual([h.asked, h.due], [true, false]);
  h.acked("other");
  assert.equal(h.due, false);
  h.acked("c1");
  assert.equal(h.due, true);
});
