/**
 * The dashboard's line icons (24x24, drawn for Frontdesk, stroke in
 * `currentColor`): the one `Icon` every page, component and island draws
 * with. Pure markup, so islands may use it too. A new icon is one more
 * entry in `PATHS`.
 *
 * @module
 */
import type { JSX } from "preact";

const PATHS = {
  home: ["M3 10.5 12 3l9 7.5", "M5 9v11a1 1 0 0 0 1 1h4v-6h4v6h4a1 1 0 0 0 1-1V9"],
  agents: [
    "M7 8h10a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3v-6a3 3 0 0 1 3-3z",
    "M12 8V4.5",
    "M10 3.5h4",
    "M9.5 13v1.5",
    "M14.5 13v1.5",
  ],
  inbox: ["M3 13h5l1.5 3h5l1.5-3h5", "M5.6 5h12.8L21 13v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-5z"],
  analytics: ["M4 20h16", "M7 16v-5", "M12 16V6", "M17 16V9"],
  settings: ["M4 7h9", "M17 7h3", "M4 17h3", "M11 17h9", "M15 5v4", "M9 15v4"],
  team: [
    "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z",
    "M2.5 20a6.5 6.5 0 0 1 13 0",
    "M16 4.3a3.5 3.5 0 0 1 0 6.4",
    "M18 14a6.5 6.5 0 0 1 3.5 6",
  ],
  user: ["M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M4 21a8 8 0 0 1 16 0"],
  logout: ["M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4", "M9 8l-4 4 4 4", "M5 12h11"],
  menu: ["M4 6h16", "M4 12h16", "M4 18h16"],
  close: ["M6 6l12 12", "M18 6 6 18"],
  check: ["M5 12.5l4.5 4.5L19 7"],
  checkCircle: ["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "M8.5 12.5l2.5 2.5 4.5-5"],
  alert: ["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "M12 7.5v5", "M12 16h.01"],
  info: ["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "M12 11v5", "M12 8h.01"],
  book: ["M12 6.5C10.5 5 8 4.5 4 4.5v14c4 0 6.5.5 8 2 1.5-1.5 4-2 8-2v-14c-4 0-6.5.5-8 2z", "M12 6.5v14"],
  code: ["M8 8l-4 4 4 4", "M16 8l4 4-4 4", "M13.5 5l-3 14"],
  mail: ["M4 6h16v12H4z", "M4 7l8 6 8-6"],
  plus: ["M12 5v14", "M5 12h14"],
  chevronDown: ["M6 9l6 6 6-6"],
  chevronUp: ["M6 15l6-6 6 6"],
  arrowRight: ["M5 12h14", "M13 6l6 6-6 6"],
  chat: ["M5 5h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H10l-5 4v-4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z"],
  clock: ["M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z", "M12 7v5l3 2"],
  star: ["M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z"],
  sparkles: ["M12 4l1.8 4.7 4.7 1.8-4.7 1.8L12 17l-1.8-4.7-4.7-1.8 4.7-1.8z", "M19 16v4", "M17 18h4"],
  trash: ["M4 7h16", "M10 11v6", "M14 11v6", "M6 7l1 13h10l1-13", "M9 7V4h6v3"],
  lock: ["M6 11h12v9H6z", "M8.5 11V8a3.5 3.5 0 0 1 7 0v3"],
  // The Inbox and the Tickets page.
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
  search: ["M11 17.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13z", "M16 16l4 4"],
  // The agents and settings pages.
  text: ["M5 6h14", "M5 10h14", "M5 14h10", "M5 18h7"],
  document: ["M7 3h7l5 5v12a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z", "M14 3v5h5", "M9 13h6", "M9 17h6"],
  globe: [
    "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z",
    "M3.5 9h17",
    "M3.5 15h17",
    "M12 3c2.2 2.5 3.3 5.5 3.3 9s-1.1 6.5-3.3 9c-2.2-2.5-3.3-5.5-3.3-9S9.8 5.5 12 3z",
  ],
  upload: ["M12 15V4", "M7.5 8.5 12 4l4.5 4.5", "M4 15v4a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-4"],
  refresh: ["M20 11a8 8 0 0 0-14.6-4.5L4 8", "M4 4v4h4", "M4 13a8 8 0 0 0 14.6 4.5L20 16", "M20 20v-4h-4"],
  copy: ["M9 9h10v11H9z", "M5 15V5a1 1 0 0 1 1-1h9"],
  send: ["M4 12 20 4l-6 16-3-7z", "M11 13l9-9"],
  history: ["M4 12a8 8 0 1 0 2.4-5.7L4 8.5", "M4 4v4.5h4.5", "M12 8v4l3 2"],
  key: ["M8 15a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M11 11h10", "M17 11v3", "M20 11v2"],
  external: ["M14 4h6v6", "M20 4l-9 9", "M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"],
  arrowLeft: ["M19 12H5", "M11 6l-6 6 6 6"],
  bolt: ["M13 3 5 14h6l-1 7 8-11h-6z"],
  handoff: [
    "M7 11V6a2 2 0 0 1 4 0v5",
    "M11 10V5a2 2 0 0 1 4 0v6",
    "M15 10a2 2 0 0 1 4 0v4a7 7 0 0 1-7 7h-.5A6.5 6.5 0 0 1 6 17.6L4 13.5a1.8 1.8 0 0 1 3-1.9L8 13",
  ],
} as const;

/** Names of the available icons. */
export type IconName = keyof typeof PATHS;

/** Props of {@linkcode Icon}. */
export interface IconProps {
  name: IconName;
  /** Tailwind classes; size defaults to `size-5`. */
  class?: string;
  /** Stroke width (default 1.75). */
  stroke?: number;
}

/**
 * A decorative icon (hidden from assistive technology; the text beside it
 * names the thing). Filled shapes take a Tailwind `fill-*` class, which
 * wins over the `fill="none"` drawn here.
 */
export function Icon({ name, class: cls = "size-5", stroke = 1.75 }: IconProps): JSX.Element {
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
