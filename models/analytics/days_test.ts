import assert from "node:assert/strict";
import { addDays, dayCount, isDay, localDay } from "./days.ts";

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
