/**
 * `useNow`: the clock relative times are measured against. The server's
 * render and the first hydration use the server's time in UTC (so both print
 * the same text); after that it is the browser's time and zone, ticking
 * every 30 seconds so "now" becomes "1m" without any event.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";

/** The time to measure against and the zone to print in (undefined: the browser's). */
export interface Now {
  at: number;
  tz: string | undefined;
}

/** How often relative times refresh (ms). */
export const TICK_MS = 30_000;

/** The current time, starting from `serverNow` (ISO). */
export function useNow(serverNow: string): Now {
  const [now, setNow] = useState<Now>({ at: Date.parse(serverNow) || 0, tz: "UTC" });
  useEffect(() => {
    const tick = () => setNow({ at: Date.now(), tz: undefined });
    tick();
    const t = setInterval(tick, TICK_MS);
    return () => clearInterval(t);
  }, []);
  return now;
}
