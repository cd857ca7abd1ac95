/**
 * `useFollow`: keeps the thread scrolled to its newest message while the
 * reader is there, and leaves it alone once they scroll up to read. Content
 * that grows by itself (an image arriving, an answer streaming) is followed
 * through a ResizeObserver. Only a move up can stop following: growth and
 * our own scrolling never do, however their scroll events interleave.
 *
 * @module
 */
import { useLayoutEffect, useRef } from "preact/hooks";

/** Within this many pixels of the end counts as "at the end". */
export const NEAR_END_PX = 48;

/** Refs for the scroller and its content, and its scroll handler. `key` changing starts at the end again. */
export function useFollow(key: string, deps: unknown[]) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const lastTop = useRef(0);

  function toEnd() {
    const el = scroller.current;
    if (!el || !follow.current) return;
    el.scrollTop = el.scrollHeight;
    lastTop.current = el.scrollTop;
  }

  useLayoutEffect(() => {
    follow.current = true;
    toEnd();
  }, [key]);
  useLayoutEffect(toEnd, deps);
  useLayoutEffect(() => {
    if (!content.current || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(toEnd);
    ro.observe(content.current);
    return () => ro.disconnect();
  }, []);

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_END_PX) follow.current = true;
    else if (el.scrollTop < lastTop.current) follow.current = false;
    lastTop.current = el.scrollTop;
  }

  return { scroller, content, onScroll };
}

/**
 * When the log itself gets shorter (a menu opens below it, the reply box
 * grows), a reader who was at the newest message stays there. Off unless
 * `enabled` (the Tickets page, whose canned menu opens under the log).
 */
export function useEndStaysInView(scroller: { current: HTMLDivElement | null }, enabled: boolean) {
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!enabled || !el || typeof ResizeObserver === "undefined") return;
    let height = el.clientHeight;
    const ro = new ResizeObserver(() => {
      const wasAtEnd = el.scrollHeight - el.scrollTop - height < NEAR_END_PX;
      height = el.clientHeight;
      if (wasAtEnd) el.scrollTop = el.scrollHeight;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
}
