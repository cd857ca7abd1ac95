/**
 * `useFlash`: a value shown for a few seconds, then gone by itself (what a
 * toast or the note beside a control says after an action). Showing a new
 * one restarts the clock.
 *
 * @module
 */
import { useEffect, useRef, useState } from "preact/hooks";

/** How long a flash stays (ms). */
export const FLASH_MS = 6000;

/** The value shown (null when none), `show` and `clear`. */
export function useFlash<T>(ms: number = FLASH_MS): { value: T | null; show: (v: T) => void; clear: () => void } {
  const [value, setValue] = useState<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return {
    value,
    show(v: T) {
      setValue(() => v);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setValue(null), ms);
    },
    clear() {
      clearTimeout(timer.current);
      setValue(null);
    },
  };
}
