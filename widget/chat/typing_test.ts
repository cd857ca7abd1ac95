import assert from "node:assert/strict";
import { type TypingClock, TypingSignal } from "./typing.ts";

function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: TypingClock = {
    now: () => now,
    setTimeout(fn, ms) {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
  };
  return { clock, advance };
}

Deno.test("TypingSignal says on once per burst, repeats while typing goes on, and off when idle", () => {
  const { clock, advance } = fakeClock();
  const sent: boolean[] = [];
  const t = new TypingSignal((on) => sent.push(on), { clock, repeatMs: 4000, idleMs: 3000 });
  t.input();
  advance(500);
  t.input();
  advance(500);
  t.input();
  assert.deepEqual(sent, [true]);
  for (let i = 0; i < 8; i++) {
    advance(500);
    t.input();
  }
  assert.deepEqual(sent, [true, true], "re-announced after 4 s of typing");
  advance(3000);
  assert.deepEqual(sent, [true, true, false]);
  advance(10_000);
  assert.deepEqual(sent, [true, true, false], "off only once");
});

Deno.test("TypingSignal.stop says off at once (message sent), and nothing if never on", () => {
  const { clock } = fakeClock();
  const sent: boolean[] = [];
  const t = new TypingSignal((on) => sent.push(on), { clock });
  t.stop();
  assert.deepEqual(sent, []);
  t.input();
  t.stop();
  assert.deepEqual(sent, [true, false]);
});
