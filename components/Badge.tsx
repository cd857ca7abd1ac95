/**
 * Small rounded labels: a status, a provider, a count. The colour is never
 * the only signal; the text always says the same thing.
 *
 * @module
 */
import type { ComponentChildren } from "preact";

/** Colour families of {@linkcode Badge}. */
export type BadgeTone = "slate" | "indigo" | "emerald" | "amber" | "red" | "sky" | "violet";

const TONES: Record<BadgeTone, { box: string; dot: string }> = {
  slate: { box: "bg-slate-100 text-slate-700 ring-slate-200", dot: "bg-slate-400" },
  indigo: { box: "bg-indigo-50 text-indigo-700 ring-indigo-200", dot: "bg-indigo-500" },
  emerald: { box: "bg-emerald-50 text-emerald-700 ring-emerald-200", dot: "bg-emerald-500" },
  amber: { box: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500" },
  red: { box: "bg-red-50 text-red-700 ring-red-200", dot: "bg-red-500" },
  sky: { box: "bg-sky-50 text-sky-700 ring-sky-200", dot: "bg-sky-500" },
  violet: { box: "bg-violet-50 text-violet-700 ring-violet-200", dot: "bg-violet-500" },
};

/** Props of {@linkcode Badge}. */
export interface BadgeProps {
  tone: BadgeTone;
  children: ComponentChildren;
  /** A leading coloured dot (for states like "Active"). */
  dot?: boolean;
  /** Pulse the dot (for work in progress). */
  pulse?: boolean;
  class?: string;
}

/** A pill-shaped label. */
export function Badge({ tone, children, dot, pulse, class: cls = "" }: BadgeProps) {
  const t = TONES[tone];
  return (
    <span
      class={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${t.box} ${cls}`}
    >
      {dot && <span class={`size-1.5 rounded-full ${t.dot} ${pulse ? "animate-pulse" : ""}`} aria-hidden="true" />}
      {children}
    </span>
  );
}
