import assert from "node:assert/strict";
import { bucketOf, bucketValue, HISTOGRAM_BUCKETS, histogramAdd, histogramMedian, newHistogram } from "./histogram.ts";

Deno.test("durations are exact below two minutes, then within 2.5% of their bucket's value", () => {
  assert.equal(bucketValue(bucketOf(45)), 45);
  assert.equal(bucketValue(bucketOf(119.4)), 119);
  for (const s of [120, 300, 720, 3600, 86_399, 30 * 86_400]) {
    const v = bucketValue(bucketOf(s));
    assert.ok(Math.abs(v - s) / s <= 0.025, `${s} -> ${v}`);
  }
  assert.equal(bucketOf(10 ** 9), HISTOGRAM_BUCKETS - 1, "beyond 90 days: the last bucket");
  assert.ok(HISTOGRAM_BUCKETS < 400, "a day's histogram stays small");
});

Deno.test("the median of a histogram: the middle value, or the mean of the two middle ones", () => {
  const h = newHistogram();
  assert.equal(histogramMedian(h), null);
  for (const s of [10, 20, 30]) histogramAdd(h, s, 1);
  assert.equal(histogramMedian(h), 20);
  histogramAdd(h, 30, -1);
  assert.equal(histogramMedian(h), 15);
});
