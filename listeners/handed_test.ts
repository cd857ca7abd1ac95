import assert from "node:assert/strict";
import { type DomainEvent, newEvent, SYSTEM } from "../models/events/event.ts";
import { HandedEvents } from "./handed.ts";

const at = new Date();
const events = (...positions: number[]): DomainEvent[] =>
  positions.map((position) => ({
    ...newEvent("ticket.rated", {
      workspaceId: "w",
      aggregateId: `a${position}`,
      actor: SYSTEM,
      at,
      payload: { ticketId: "t", conversationId: "c", score: 1 },
    }),
    position,
  }));
const positions = (xs: DomainEvent[]) => xs.map((e) => e.position);

Deno.test("events handed over out of order are taken in log order once the gap is filled", () => {
  const handed = new HandedEvents(100);
  // The loop's commit (13, 14) is handed over before the append worker's (11, 12), committed first.
  handed.add(events(13, 14));
  assert.deepEqual(handed.take(10, 50), { run: [], gap: true });
  handed.add(events(11, 12));
  const { run, gap } = handed.take(10, 50);
  assert.deepEqual(positions(run), [11, 12, 13, 14]);
  assert.equal(gap, false);
  assert.equal(handed.length, 0);
});

Deno.test("what is at or before the cursor is dropped; a run stops at the room left and at a gap", () => {
  const handed = new HandedEvents(100);
  handed.add(events(3, 4, 5, 6, 8));
  const first = handed.take(4, 1);
  assert.deepEqual(positions(first.run), [5]);
  assert.equal(first.gap, false, "the next follows on: no gap, only no room");
  const second = handed.take(5, 10);
  assert.deepEqual(positions(second.run), [6]);
  assert.equal(second.gap, true, "7 is missing");
  assert.equal(handed.length, 1);
});

Deno.test("past its bound nothing more is kept (the listener reads the log instead)", () => {
  const handed = new HandedEvents(2);
  assert.equal(handed.add(events(1, 2)), true);
  assert.equal(handed.add(events(3)), false);
  assert.deepEqual(positions(handed.take(0, 10).run), [1, 2]);
});
