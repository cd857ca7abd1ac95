/**
 * Line icons the Inbox needs beyond the shared set (24x24, stroke in
 * `currentColor`, hidden from assistive technology like the others).
 *
 * @module
 */
import type { JSX } from "preact";

const PATHS = {
  paperclip: ["M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7L9.7 17.2a1.7 1.7 0 0 1-2.4-2.4l7.6-7.6"],
  panel: ["M4 5h16v14H4z", "M15 5v14"],
  shieldCheck: ["M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6z", "M9 12l2 2 4-4"],
  chevronLeft: ["M15 6l-6 6 6 6"],
  headset: [
    "M4 14v-2a8 8 0 0 1 16 0v2",
    "M4 14h3v5H5a1 1 0 0 1-1-1z",
    "M20 14h-3v5h2a1 1 0 0 0 1-1z",
    "M17 19c0 1-1.5 2-4 2",
  ],
  seen: ["M2 12.5l4.5 4.5L15 8", "M11 16l1 1 8.5-9"],
  wifiOff: [
    "M3 3l18 18",
    "M8.5 16.5a5 5 0 0 1 7 0",
    "M5 13a10 10 0 0 1 5-2.7",
    "M14 10.4a10 10 0 0 1 5 2.6",
    "M12 20h.01",
  ],
} as const;

/** Names of the Inbox icons. */
export type InboxIconName = keyof typeof PATHS;

/** A decorative Inbox icon; the text beside it names the thing. */
export function InboxIcon(
  { name, class: cls = "size-5", stroke = 1.75 }: { name: InboxIconName; class?: string; stroke?: number },
): JSX.Element {
  return (
    <svg
      class={cls}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width={stroke}
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name].map((d) => <path key={d} d={d} />)}
    </svg>
  );
}
