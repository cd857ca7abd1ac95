/**
 * The most asked question signatures of a day (or a month) of one AI agent,
 * kept in a fixed number of counters with the Space-Saving algorithm
 * (Metwally et al., 2005): while fewer than `capacity` signatures were seen
 * the counts are exact; past it, a new signature takes the place of the least
 * counted one and inherits its count, so every signature asked more than
 * 1/capacity of the time is kept and no count is under-estimated (over by at
 * most the count it inherited). The topics of a period then read a bounded
 * number of entries per day or month, whatever the volume.
 *
 * Why by hand: a few lines over a Map; the npm heavy-hitter packages keep no
 * side data (examples, unsure counts) and do not serialise.
 *
 * @module
 */

/** One kept signature: [signature, asked, unsure, example, unsure example, last unsure day, inherited]. */
export type HeavyEntry = [string, number, number, string, string | null, string | null, number];

/** Signatures kept per day and agent. */
export const DAY_CAPACITY = 100;
/** Signatures kept per month and agent. */
export const MONTH_CAPACITY = 300;

/** The entries of a stored list, by signature. */
export function heavyOf(json: string | null): Map<string, HeavyEntry> {
  return new Map((json ? JSON.parse(json) as HeavyEntry[] : []).map((e) => [e[0], e]));
}

/** The entries to store, the most asked first. */
export function heavyJson(entries: Map<string, HeavyEntry>): string {
  return JSON.stringify([...entries.values()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/** Counts a question (`asked` and `unsure` of it) on `day` under its signature. */
export function heavyAdd(
  entries: Map<string, HeavyEntry>,
  capacity: number,
  signature: string,
  d: { asked: number; unsure: number; example: string; day: string },
) {
  const e = entries.get(signature);
  if (e) {
    e[1] += d.asked;
    e[2] += d.unsure;
    if (d.unsure) {
      e[4] ??= d.example;
      if (!e[5] || d.day > e[5]) e[5] = d.day;
    }
    return;
  }
  let inherited = 0;
  if (entries.size >= capacity) {
    let min: HeavyEntry | null = null;
    for (const x of entries.values()) if (!min || x[1] < min[1]) min = x;
    entries.delete(min![0]);
    inherited = min![1];
  }
  entries.set(signature, [
    signature,
    inherited + d.asked,
    d.unsure,
    d.example,
    d.unsure ? d.example : null,
    d.unsure ? d.day : null,
    inherited,
  ]);
}
