/**
 * Durations (first response, resolution) as fixed-size histograms, one per
 * day and AI agent, so a period's median reads one small row per day
 * whatever the volume. Buckets are exact whole seconds below two minutes,
 * then 5% wide (a bucket's value is its geometric middle, so a median read
 * from it is within 2.5%), up to 90 days; longer durations share the last.
 *
 * @module
 */

const EXACT = 120;
const STEP = 1.05;
const MAX_SECONDS = 90 * 86_400;
const LOG_BUCKETS = Math.ceil(Math.log(MAX_SECONDS / EXACT) / Math.log(STEP));

/** Buckets per histogram. */
export const HISTOGRAM_BUCKETS = EXACT + LOG_BUCKETS + 1;

/** The bucket of a duration in seconds. */
export function bucketOf(seconds: number): number {
  const s = Math.max(0, Math.round(seconds));
  if (s < EXACT) return s;
  return Math.min(HISTOGRAM_BUCKETS - 1, EXACT + Math.floor(Math.log(s / EXACT) / Math.log(STEP)));
}

/** The value a bucket stands for: its seconds below two minutes, else the bucket's geometric middle. */
export function bucketValue(bucket: number): number {
  if (bucket < EXACT) return bucket;
  return Math.round(EXACT * STEP ** (bucket - EXACT + 0.5));
}

/** An empty histogram. */
export function newHistogram(): Uint32Array {
  return new Uint32Array(HISTOGRAM_BUCKETS);
}

/** Adds `n` (1, or -1 to take one back) durations of `seconds` to `h`, in place. */
export function histogramAdd(h: Uint32Array, seconds: number, n: 1 | -1): void {
  const b = bucketOf(seconds);
  h[b] = Math.max(0, h[b] + n);
}

/** Merges `from` into `into` (bucket-wise sum). */
export function histogramMerge(into: Uint32Array, from: Uint32Array): void {
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) into[i] += from[i] ?? 0;
}

/** The median of a histogram (the mean of the two middle values when the count is even), null when empty. */
export function histogramMedian(h: Uint32Array): number | null {
  let n = 0;
  for (const c of h) n += c;
  if (!n) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (let i = 0; i < h.length; i++) if ((seen += h[i]) >= rank) return bucketValue(i);
    return bucketValue(h.length - 1);
  };
  return n % 2 ? at((n + 1) / 2) : (at(n / 2) + at(n / 2 + 1)) / 2;
}
