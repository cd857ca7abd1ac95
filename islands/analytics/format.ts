/**
 * Pure helpers of the analytics page: day arithmetic for the presets, the
 * query string of the filters, and how numbers read on the cards.
 *
 * @module
 */
import type { AnalyticsFilters } from "./types.ts";

/** `day` (YYYY-MM-DD) moved by `n` days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The preset periods, in days ending today. */
export const PRESETS = [7, 30, 90] as const;

/**
 * The query string of the filters (`agentId` and `tag` left out when empty). `tag: false` leaves the tag out for
 * the reads that do not filter by it (all but the summary and the export).
 */
export function filterQuery(f: Omit<AnalyticsFilters, "tag"> & { tag?: string }, opts = { tag: true }): string {
  const q = new URLSearchParams({ from: f.from, to: f.to });
  if (f.agentId) q.set("agentId", f.agentId);
  if (opts.tag && f.tag) q.set("tag", f.tag);
  return q.toString();
}

/** "+12%", "−5%", "New", or "" when there is nothing to compare. */
export function change(now: number | null, before: number | null): string {
  if (now === null || before === null) return "";
  if (!before) return now ? "New" : "";
  const pct = Math.round(((now - before) / before) * 100);
  return pct === 0 ? "No change" : `${pct > 0 ? "+" : "−"}${Math.abs(pct)}%`;
}

/** A duration in seconds as "45 s", "3 min", "2.5 h", "1.2 d"; "–" when unknown. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

/** A rate (0-1) as a whole percentage; "–" when unknown. */
export const percent = (rate: number | null) => rate === null ? "–" : `${Math.round(rate * 100)}%`;

/** A CSAT average as "4.5 / 5"; "–" when nobody rated. */
export const csat = (average: number | null) => average === null ? "–" : `${average.toFixed(1)} / 5`;
