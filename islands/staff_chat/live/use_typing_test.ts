import assert from "node:assert/strict";
import type { ClientFrame } from "../types.ts";
import { TYPING_REFRESH_MS, TypingThrottle } from "./use_typing.ts";

Deno.test("typing goes out once per few seconds while typing, then off on stop; a new conversation ends the old one", () => {
  const sent: ClientFrame[] = [];
  let now = 0;
  const t = new TypingThrottle((f) => (sent.push(f), true), () => now);
  t.input("c1");
  t.input("c1");
  now = TYPING_REFRESH_MS - 1;
  t.input("c1");
  assert.deepEqual(sent, [{ type: "typing", conversationId: "c1", on: true }]);
  now = TYPING_REFRESH_MS;
  t.input("c1");
  assert.equal(sent.length, 2, "refreshed so the visitor's indicator does not expire");
  t.input("c2");
  assert.deepEqual(sent.slice(2), [
    { type: "typing", conversationId: "c1", on: false },
    { type: "typing", conversationId: "c2", on: true },
  ]);
  t.stop();
  t.stop();
  assert.deepEqual(sent.at(-1), { type: "typing", conversationId: "c2", on: false });
  assert.equal(sent.length, 5, "stopping twice sends one off");
});

Deno.test("typing is not marked on when the socket could not send it", () => {
  const sent: ClientFrame[] = [];
  const t = new TypingThrottle((f) => (sent.push(f), false));
  t.input("c1");
  t.stop();
  assert.equal(sent.length, 1, "no 'off' for an 'on' that never went out");
});
