import assert from "node:assert/strict";
import { addDays, dayCount, isDay, localDay } from "./days.ts";
import { histogramMedian } from "./queries.ts";
import { durationBucket } from "./rollup_types.ts";

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

Deno.test("durations are exact below ten minutes, then kept to two significant digits", () => {
  assert.equal(durationBucket(599.4), 599);
  assert.equal(durationBucket(604), 600);
  assert.equal(durationBucket(1234), 1200);
  assert.equal(durationBucket(86_399), 86_000);
});

Deno.test("the median of a histogram: the middle value, or the mean of the two middle ones", () => {
  assert.equal(histogramMedian([]), null);
  assert.equal(histogramMedian([[10, 1], [20, 1], [30, 1]]), 20);
  assert.equal(histogramMedian([[45, 1], [120, 1]]), 82.5);
  assert.equal(histogramMedian([[5, 3], [100, 1]]), 5);
});
