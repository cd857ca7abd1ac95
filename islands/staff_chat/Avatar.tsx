/**
 * A visitor's round avatar: initials of the name (or "#" and two characters
 * of the id) on a colour picked from the id, so a visitor keeps one colour.
 *
 * @module
 */
import { initials } from "../../components/nav.ts";

const COLOURS = [
  "bg-indigo-100 text-indigo-700",
  "bg-emerald-100 text-emerald-700",
  "bg-amber-100 text-amber-800",
  "bg-sky-100 text-sky-700",
  "bg-rose-100 text-rose-700",
  "bg-violet-100 text-violet-700",
  "bg-teal-100 text-teal-700",
];

/** Which colour an id gets (stable). */
function colourOf(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length];
}

/** Props of {@linkcode Avatar}. */
export interface AvatarProps {
  /** The visitor id (colour, and the fallback letters). */
  id: string;
  name?: string;
  /** `sm` 2rem (default), `lg` 3rem. */
  size?: "sm" | "lg";
}

/** Decorative: the name is always written beside it. */
export function Avatar({ id, name, size = "sm" }: AvatarProps) {
  const letters = name?.trim() ? initials(name) : id.slice(-2).toUpperCase();
  const box = size === "lg" ? "size-12 text-base" : "size-9 text-xs";
  return (
    <span
      class={`grid shrink-0 place-items-center rounded-full font-semibold ${box} ${colourOf(id)}`}
      aria-hidden="true"
    >
      {letters}
    </span>
  );
}
