import assert from "node:assert/strict";
import { addDays, change, dayCount, duration, filterQuery } from "./format.ts";

Deno.test("analytics format: days move across months and count both ends", () => {
  assert.equal(addDays("2026-03-01", -1), "2026-02-28");
  assert.equal(addDays("2026-12-04", -29), "2026-11-05");
  assert.equal(dayCount("2026-11-05", "2026-12-04"), 30);
});

Deno.test("analytics format: changes, durations and the query read as people say them", () => {
  assert.equal(change(12, 10), "+20%");
  assert.equal(change(5, 10), "−50%");
  assert.equal(change(3, 0), "New");
  assert.equal(change(0, 0), "");
  assert.equal(change(null, 3), "");
  assert.equal(duration(45), "45 s");
  assert.equal(duration(300), "5 min");
  assert.equal(duration(7200), "2.0 h");
  assert.equal(duration(null), "–");
  assert.equal(filterQuery({ from: "2026-01-01", to: "2026-01-07", agentId: "" }), "from=2026-01-01&to=2026-01-07");
});
