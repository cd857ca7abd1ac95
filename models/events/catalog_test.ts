import assert from "node:assert/strict";
import { EVENT_CATALOG, EVENT_TYPES, isEventType, payloadProblems } from "./catalog.ts";

Deno.test("every event of the catalog has a dotted name, a version, a description and an example that validates", () => {
  assert.ok(EVENT_TYPES.length >= 15);
  for (const type of EVENT_TYPES) {
    const def = EVENT_CATALOG[type];
    assert.match(type, /^[a-z]+\.[a-z_]+$/, type);
    assert.ok(Number.isInteger(def.version) && def.version >= 1, type);
    assert.ok(def.description.length > 20, type);
    assert.deepEqual(payloadProblems(type, def.example), [], type);
  }
});

Deno.test("the catalog names what the issue and integrators expect", () => {
  for (
    const name of [
      "conversation.started",
      "message.created",
      "conversation.handed_off",
      "ticket.created",
      "ticket.updated",
      "ticket.assigned",
      "ticket.status_changed",
      "ticket.rated",
      "conversation.rated",
      "knowledge.trained",
    ]
  ) assert.ok(isEventType(name), name);
  assert.equal(isEventType("toString"), false);
});

Deno.test("a payload that breaks its schema is reported, field by field", () => {
  const problems = payloadProblems("ticket.rated", {
    ticketId: "x",
    conversationId: "65a1f0c2e4b0a1b2c3d4e5f6",
    score: 9,
  });
  assert.equal(problems.length, 2);
  assert.ok(problems.some((p) => p.startsWith("ticketId")));
  assert.ok(problems.some((p) => p.startsWith("score")));
});
