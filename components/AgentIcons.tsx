/**
 * More line icons for the agents and settings pages, drawn like
 * `Icons.tsx` (24x24, stroke in `currentColor`, decorative).
 *
 * @module
 */
import type { JSX } from "preact";

const PATHS = {
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
  user: ["M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M4 21a8 8 0 0 1 16 0"],
  handoff: [
    "M7 11V6a2 2 0 0 1 4 0v5",
    "M11 10V5a2 2 0 0 1 4 0v6",
    "M15 10a2 2 0 0 1 4 0v4a7 7 0 0 1-7 7h-.5A6.5 6.5 0 0 1 6 17.6L4 13.5a1.8 1.8 0 0 1 3-1.9L8 13",
  ],
} as const;

/** Names of these icons. */
export type AgentIconName = keyof typeof PATHS;

/** Props of {@linkcode AgentIcon}. */
export interface AgentIconProps {
  name: AgentIconName;
  /** Tailwind classes; size defaults to `size-5`. */
  class?: string;
  stroke?: number;
}

/** A decorative icon; the text beside it names the thing. */
export function AgentIcon({ name, class: cls = "size-5", stroke = 1.75 }: AgentIconProps): JSX.Element {
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
