import assert from "node:assert/strict";
import { countLabel, unreadCount, visitorLabel } from "./format.ts";

Deno.test("visitorLabel uses the name, else 'Visitor #' and the id's last four characters", () => {
  assert.equal(visitorLabel({ visitorName: "Ada Lovelace", visitorId: "65f0c0ffee00000000001a2b" }), "Ada Lovelace");
  assert.equal(visitorLabel({ visitorName: "  ", visitorId: "65f0c0ffee00000000001a2b" }), "Visitor #1a2b");
  assert.equal(visitorLabel({ visitorId: "65f0c0ffee00000000001a2b" }), "Visitor #1a2b");
});

Deno.test("unreadCount counts messages past the staff read marker, and never below zero", () => {
  assert.equal(unreadCount({ lastSeq: 5, staffReadSeq: 2 }), 3);
  assert.equal(unreadCount({ lastSeq: 2, staffReadSeq: 5 }), 0);
  assert.equal(countLabel(3), "3");
  assert.equal(countLabel(12), "9+");
});
