import assert from "node:assert/strict";
import { addDays, dayCount, isDay, localDay, monthSpans } from "./days.ts";

Deno.test("a local day follows the zone's real offsets, summer time included", () => {
  // Paris is UTC+1 until 2027-03-28 01:00 UTC, then UTC+2.
  assert.equal(localDay(new Date("2027-03-27T22:59:59Z"), "Europe/Paris"), "2027-03-27");
  assert.equal(localDay(new Date("2027-03-27T23:00:00Z"), "Europe/Paris"), "2027-03-28");
  assert.equal(localDay(new Date("2027-03-28T21:59:59Z"), "Europe/Paris"), "2027-03-28");
  assert.equal(localDay(new Date("2027-03-28T22:00:00Z"), "Europe/Paris"), "2027-03-29");
  assert.equal(localDay(new Date("2027-03-28T22:00:00Z"), "UTC"), "2027-03-28");
  assert.equal(localDay(new Date("2027-03-28T03:00:00Z"), "America/Los_Angeles"), "2027-03-27");
});

Deno.test("calendar arithmetic on day texts", () => {
  assert.equal(addDays("2027-03-01", -1), "2027-02-28");
  assert.equal(addDays("2028-02-28", 1), "2028-02-29");
  assert.equal(dayCount("2027-03-27", "2027-03-29"), 3);
  assert.equal(isDay("2027-02-29"), false);
  assert.equal(isDay("2028-02-29"), true);
  assert.equal(isDay("2027-3-1"), false);
});

Deno.test("a range splits into its whole months and the day runs around them", () => {
  assert.deepEqual(monthSpans("2026-01-02", "2027-01-01"), {
    months: [
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
    ],
    days: [["2026-01-02", "2026-01-31"], ["2027-01-01", "2027-01-01"]],
  });
  assert.deepEqual(monthSpans("2026-12-03", "2027-01-01"), {
    months: [],
    days: [["2026-12-03", "2027-01-01"]],
  });
  assert.deepEqual(monthSpans("2026-02-01", "2026-02-28"), { months: ["2026-02"], days: [] });
  assert.deepEqual(monthSpans("2026-02-01", "2026-03-31"), { months: ["2026-02", "2026-03"], days: [] });
});
