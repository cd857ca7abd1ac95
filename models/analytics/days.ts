/**
 * Calendar days in a workspace's time zone: the unit every rollup is kept in.
 * A day is its local date as `YYYY-MM-DD` text (sorts as text), so a period
 * is a range of texts and DST only matters when an instant is placed in its
 * day, which `Intl` does with the zone's real rules.
 *
 * @module
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `tz` is an IANA time zone this runtime knows (`UTC`, `Europe/Paris`...). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Each zone's last answer: the minute it was for and the day. */
const lastDay = new Map<string, { minute: number; day: string }>();

/** The local date (`YYYY-MM-DD`) of the instant `at` in the time zone `tz`. */
export function localDay(at: Date, tz: string): string {
  // Every event of a busy minute asks for the same day: formatting costs more than the rest of a rollup.
  // Keyed by the minute, which is exact: UTC offsets have had no seconds since 1972 (tzdb), so a day never
  // starts inside a minute.
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastDay.get(tz);
  if (last?.minute === minute) return last.day;
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(tz, f);
  }
  const day = f.format(at);
  lastDay.set(tz, { minute, day });
  return day;
}

const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  return fromMs(toMs(day) + n * DAY_MS);
}

/** Calendar days from `from` to `to`, both included. */
export function dayCount(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY_MS) + 1;
}

/** Every day from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** True when `day` is a real calendar date written `YYYY-MM-DD`. */
export function isDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && fromMs(toMs(day)) === day;
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/** The local hour (0-23) of the instant `at` in the time zone `tz`. */
export function localHour(at: Date, tz: string): number {
  let f = hourFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", hourCycle: "h23" });
    hourFormatters.set(tz, f);
  }
  return Number(f.format(at));
}

/** The weekday of a day, 0 = Monday to 6 = Sunday. */
export function weekday(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * A range as the whole months inside it (`YYYY-MM`) and the day ranges around them (at most one before, one
 * after): rollups kept per month as well as per day are read by months, so a year reads twelve rows per key
 * instead of 365.
 */
export function monthSpans(from: string, to: string): { months: string[]; days: Array<[string, string]> } {
  const months: string[] = [];
  const days: Array<[string, string]> = [];
  let d = from;
  let run: string | null = null;
  while (d <= to) {
    const month = d.slice(0, 7);
    const monthEnd = addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
    if (d.endsWith("-01") && monthEnd <= to) {
      if (run) days.push([run, addDays(d, -1)]);
      run = null;
      months.push(month);
      d = addDays(monthEnd, 1);
    } else {
      // The rest of this month is read by days: one run, up to the next month's start (or past `to`).
      run ??= d;
      d = addDays(monthEnd, 1);
    }
  }
  if (run) days.push([run, to]);
  return { months, days };
}
